"""Alur's URLs plus views that fail, to test the error pages."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import include, path


def broken(request):
    raise RuntimeError("sengaja gagal untuk uji")


def suspicious(request):
    raise SuspiciousOperation("uji 400")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("uji/rusak/", broken),
    path("uji/curiga/", suspicious),
    path("uji/terlarang/", forbidden),
    path("", include("alur.urls")),
]
