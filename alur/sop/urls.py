from django.urls import path

from . import views

urlpatterns = [
    path("", views.sop_list, name="sop_list"),
    path("baru/", views.sop_new, name="sop_new"),
    path("<int64:pk>/", views.sop_detail, name="sop_detail"),
    path("<int64:pk>/unduh/<str:fmt>/", views.sop_download, name="sop_download"),
    path("<int64:pk>/pelaksana/", views.actor_mapping, name="sop_actor_mapping"),
    path("<int64:pk>/revisi-baru/", views.revision_new, name="sop_revision_new"),
    path("<int64:pk>/revisi/<int64:number>/ubah/", views.revision_edit, name="sop_revision_edit"),
    path("<int64:pk>/revisi/<int64:number>/sahkan/", views.revision_approve, name="sop_revision_approve"),
    path("<int64:pk>/revisi/<int64:number>/langkah/<int64:no>/tautan/", views.link_confirm, name="sop_link_confirm"),
    path("<int64:pk>/revisi/<int64:number>/langkah/<int64:no>/konfirmasi/", views.step_confirm,
         name="sop_step_confirm"),
]
