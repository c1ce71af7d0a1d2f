from django.urls import path

from . import views

urlpatterns = [
    path("", views.sop_list, name="sop_list"),
    path("<int:pk>/", views.sop_detail, name="sop_detail"),
]
