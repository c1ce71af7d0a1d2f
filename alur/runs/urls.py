from django.urls import path

from . import views

urlpatterns = [
    path("tugas/", views.inbox, name="inbox"),
    path("tugas/<int64:pk>/", views.task_detail, name="task_detail"),
    path("tugas/<int64:pk>/alihkan/", views.task_reassign, name="task_reassign"),
    path("tugas/<int64:pk>/alur-turunan/", views.child_run_start, name="child_run_start"),
    path("surat-masuk/", views.letter_list, name="letter_list"),
    path("surat-masuk/baru/", views.letter_create, name="letter_create"),
    path("surat-masuk/<int64:pk>/pindaian/", views.letter_scan, name="letter_scan"),
    path("alur/", views.run_list, name="run_list"),
    path("alur/mulai/", views.run_start, name="run_start"),
    path("alur/<int64:pk>/", views.run_detail, name="run_detail"),
    path("alur/<int64:pk>/batalkan/", views.run_cancel, name="run_cancel"),
    path("dokumen/versi/<int64:pk>/", views.version_download, name="version_download"),
    path("surat-masuk/<int64:pk>/pindaian/lihat/", views.letter_scan_view, name="letter_scan_view"),
    path("dokumen/versi/<int64:pk>/lihat/", views.version_view, name="version_view"),
    path("disposisi/<int64:pk>/", views.disposition_detail, name="disposition_detail"),
    path("disposisi/<int64:pk>/pdf/", views.disposition_pdf, name="disposition_pdf"),
    path("disposisi/tembusan/<int64:pk>/terima/", views.disposition_acknowledge, name="disposition_acknowledge"),
]
