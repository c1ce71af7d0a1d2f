from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("alur/<int64:pk>/", views.run_document, name="run_document"),
    path("tugas/<int64:task_pk>/susun/", views.generate, name="generate"),
    path("langkah-sop/<int64:revision_pk>/", views.step_documents, name="step_documents"),
    path("versi/<int64:pk>/pdf/", views.version_pdf, name="version_pdf"),
    path("versi/<int64:pk>/docx/", views.version_docx, name="version_docx"),
    path("<slug:code>/<str:kind>/<year:year>.<str:fmt>", views.preview, name="preview"),
    path("<slug:code>/narasi/<str:kind>/<year:year>/", views.narrative_edit, name="narrative_edit"),
]
