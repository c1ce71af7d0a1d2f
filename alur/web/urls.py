from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("opd/<slug:code>/", views.office_detail, name="office_detail"),
    path("opd/<slug:code>/pegawai/<int64:pk>/", views.employee_detail, name="employee_detail"),
]
