from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("alur/<int:pk>/", views.run_document, name="run_document"),
    path("tugas/<int:task_pk>/susun/", views.generate, name="generate"),
    path("versi/<int:pk>/pdf/", views.version_pdf, name="version_pdf"),
    path("<slug:code>/<str:kind>/<int:year>.<str:fmt>", views.preview, name="preview"),
    path("<slug:code>/narasi/<str:kind>/<int:year>/", views.narrative_edit, name="narrative_edit"),
]
