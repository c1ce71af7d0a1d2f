from django.urls import path

from . import views

urlpatterns = [
    path("", views.sop_list, name="sop_list"),
    path("baru/", views.sop_new, name="sop_new"),
    path("<int:pk>/", views.sop_detail, name="sop_detail"),
    path("<int:pk>/unduh/<str:fmt>/", views.sop_download, name="sop_download"),
    path("<int:pk>/pelaksana/", views.actor_mapping, name="sop_actor_mapping"),
    path("<int:pk>/revisi-baru/", views.revision_new, name="sop_revision_new"),
    path("<int:pk>/revisi/<int:number>/ubah/", views.revision_edit, name="sop_revision_edit"),
    path("<int:pk>/revisi/<int:number>/sahkan/", views.revision_approve, name="sop_revision_approve"),
    path("<int:pk>/revisi/<int:number>/langkah/<int:no>/tautan/", views.link_confirm, name="sop_link_confirm"),
    path("<int:pk>/revisi/<int:number>/langkah/<int:no>/konfirmasi/", views.step_confirm, name="sop_step_confirm"),
]
