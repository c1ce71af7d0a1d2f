"""The Indonesian 400 page for a request a view refuses, with a message naming what was wrong.

Views answer bad input with this instead of a bare `HttpResponseBadRequest(text)`: that response is
text/html, so input echoed in the text would run in the browser. The template escapes the message."""

from django.shortcuts import render


def bad_request(request, message: str):
    return render(request, "400.html", {"exception_message": message}, status=400)
