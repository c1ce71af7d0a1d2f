"""Data induk pages, mounted under /opd/<code>/kelola/ with the working calendar (see alur/urls.py)."""

from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.manage_home, name="manage_home"),
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/tambah/", views.employee_add, name="employee_add"),
    path("pegawai/<int64:pk>/", views.employee_edit, name="employee_edit"),
    path("jabatan/", views.position_list, name="position_list"),
    path("jabatan/tambah/", views.position_add, name="position_add"),
    path("jabatan/<int64:pk>/", views.position_detail, name="position_detail"),
    path("unit/tambah/", views.unit_form, name="unit_add"),
    path("unit/<int64:pk>/", views.unit_form, name="unit_edit"),
    path("identitas/", views.identity, name="identity"),
    path("identitas/logo/", views.logo, name="logo"),
    path("nomor-surat/", views.letter_number, name="letter_number"),
    path("nomor-surat/contoh/", views.letter_number_preview, name="letter_number_preview"),
]
