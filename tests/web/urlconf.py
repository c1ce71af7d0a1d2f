"""Every URL pattern of every app, from the URL conf (not listed by hand), for the probes that
walk all pages: tests/web/test_confidential_letters_probe.py and tests/web/test_bad_input_fuzz.py."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

SKIPPED_NAMESPACES = {"admin"}  # Django admin: superusers only
SKIPPED_NAMES = {"logout"}  # would end the probing session
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def url_patterns(resolver=None, namespace="", prefix=""):
    """(name, route, [(converter, argument), ...]) of every URL pattern, Django admin excepted."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, entry.namespace or namespace, route)
        elif isinstance(entry, URLPattern) and entry.name and namespace not in SKIPPED_NAMESPACES:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            if name not in SKIPPED_NAMES:
                yield name, route, ARGUMENT.findall(route)
