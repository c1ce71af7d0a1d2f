from django.urls import path

from . import views
from .views import budget as budget_views
from .views import indicator as indicator_views
from .views import renja as renja_views
from .views import settings as settings_views
from .views import structure as structure_views

app_name = "kinerja"
urlpatterns = [
    path("", views.index, name="index"),
    path("saya/", views.mine, name="mine"),
    path("saya/<int64:pk>/<year:year>/<int64:quarter>/", views.entry, name="entry"),
    path("realisasi/<int64:pk>/bukti/", views.evidence_add, name="evidence_add"),
    path("realisasi/<int64:pk>/ajukan/", views.submit, name="submit"),
    path("realisasi/<int64:pk>/<slug:action>/", views.decide, name="decide"),
    path("bukti/<int64:pk>/", views.evidence_download, name="evidence_download"),
    path("<slug:code>/pengukuran/<year:year>/", views.pengukuran, name="pengukuran"),
    path("<slug:code>/realisasi/<year:year>/", views.realisasi_list, name="realisasi_list"),
    path("<slug:code>/realisasi/<year:year>/<int64:quarter>/templat/", views.realisasi_template,
         name="realisasi_template"),
    path("<slug:code>/realisasi/<year:year>/<int64:quarter>/impor/", views.realisasi_import, name="realisasi_import"),
    path("<slug:code>/renstra/", structure_views.renstra_page, name="renstra"),
    path("<slug:code>/renstra/baru/", structure_views.renstra_create, name="structure_renstra_create"),
    path("<slug:code>/renstra/<int64:pk>/tetapkan/", structure_views.renstra_tetapkan, name="structure_tetapkan"),
    path("<slug:code>/renstra/<int64:pk>/revisi/", structure_views.renstra_revision, name="structure_revision"),
    path("<slug:code>/renstra/tambah/<slug:level>/<slug:parent_level>/<int64:parent>/", structure_views.node_add,
         name="structure_add"),
    path("<slug:code>/renstra/<slug:level>/<int64:pk>/ubah/", structure_views.node_edit, name="structure_edit"),
    path("<slug:code>/renstra/<slug:level>/<int64:pk>/hapus/", structure_views.node_delete, name="structure_delete"),
    path("<slug:code>/renstra/impor/", views.renstra_import, name="renstra_import"),
    path("<slug:code>/renstra/templat/", views.renstra_template, name="renstra_template"),
    path("<slug:code>/renstra/program/impor/", views.program_import, name="program_import"),
    path("<slug:code>/renstra/program/templat/", views.program_template, name="program_template"),
    path("<slug:code>/iku/", views.iku, name="iku"),
    path("<slug:code>/renja/<year:year>/", renja_views.renja, name="renja"),
    path("<slug:code>/renja/<year:year>/susun/", renja_views.renja_create, name="renja_create"),
    path("<slug:code>/renja/<year:year>/baris/", renja_views.renja_line_add, name="renja_line_add"),
    path("<slug:code>/renja/baris/<int64:pk>/ubah/", renja_views.renja_line_edit, name="renja_line_edit"),
    path("<slug:code>/renja/baris/<int64:pk>/hapus/", renja_views.renja_line_delete, name="renja_line_delete"),
    path("<slug:code>/anggaran/<year:year>/", budget_views.budget, name="budget"),
    path("<slug:code>/pengaturan/", settings_views.kinerja_settings, name="settings"),
    path("<slug:code>/anggaran/<year:year>/simpan/", budget_views.budget_save, name="budget_save"),
    path("<slug:code>/pk/<year:year>/", views.perjanjian, name="pk"),
    path("<slug:code>/pk/<year:year>/susun/", views.pk_create, name="pk_create"),
    path("<slug:code>/pk/tandatangani/<int64:pk>/", views.pk_sign, name="pk_sign"),
    path("<slug:code>/iku/ajukan/", views.iku_propose, name="iku_propose"),
    path("<slug:code>/iku/<int64:pk>/setujui/", views.iku_approve, name="iku_approve"),
    path("<slug:code>/indikator/<int64:pk>/", views.indicator_detail, name="indicator"),
    path("<slug:code>/indikator/<int64:pk>/standar/", indicator_views.indicator_standard, name="indicator_standard"),
    path("<slug:code>/antrean/<slug:kind>/", views.queue, name="queue"),
    path("<slug:code>/antrean/pengesahan/sahkan/", views.approve_many, name="approve_many"),
]
