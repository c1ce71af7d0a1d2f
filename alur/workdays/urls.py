"""The working calendar of an office, mounted by alur/urls.py under /opd/<code>/kelola/ next to the
data induk pages and in their "org" namespace, so its URL names (`org:calendar`) stay as they were."""

from django.urls import path

from . import views

urlpatterns = [
    path("kalender/", views.calendar_page, name="calendar"),
    path("kalender/<int64:pk>/hapus/", views.special_day_remove, name="special_day_remove"),
]
