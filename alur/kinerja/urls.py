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
    path("saya/<int:pk>/<int:year>/<int:quarter>/", views.entry, name="entry"),
    path("realisasi/<int:pk>/bukti/", views.evidence_add, name="evidence_add"),
    path("realisasi/<int:pk>/ajukan/", views.submit, name="submit"),
    path("realisasi/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("<slug:code>/pengukuran/<int:year>/", views.pengukuran, name="pengukuran"),
    path("<slug:code>/realisasi/<int:year>/", views.realisasi_list, name="realisasi_list"),
    path("<slug:code>/realisasi/<int:year>/<int:quarter>/templat/", views.realisasi_template,
         name="realisasi_template"),
    path("<slug:code>/realisasi/<int:year>/<int:quarter>/impor/", views.realisasi_import, name="realisasi_import"),
    path("<slug:code>/renstra/", structure_views.renstra_page, name="renstra"),
    path("<slug:code>/renstra/baru/", structure_views.renstra_create, name="structure_renstra_create"),
    path("<slug:code>/renstra/<int:pk>/tetapkan/", structure_views.renstra_tetapkan, name="structure_tetapkan"),
    path("<slug:code>/renstra/<int:pk>/revisi/", structure_views.renstra_revision, name="structure_revision"),
    path("<slug:code>/renstra/tambah/<slug:level>/<slug:parent_level>/<int:parent>/", structure_views.node_add,
         name="structure_add"),
    path("<slug:code>/renstra/<slug:level>/<int:pk>/ubah/", structure_views.node_edit, name="structure_edit"),
    path("<slug:code>/renstra/<slug:level>/<int:pk>/hapus/", structure_views.node_delete, name="structure_delete"),
    path("<slug:code>/renstra/impor/", views.renstra_import, name="renstra_import"),
    path("<slug:code>/renstra/templat/", views.renstra_template, name="renstra_template"),
    path("<slug:code>/renstra/program/impor/", views.program_import, name="program_import"),
    path("<slug:code>/renstra/program/templat/", views.program_template, name="program_template"),
    path("<slug:code>/iku/", views.iku, name="iku"),
    path("<slug:code>/renja/<int:year>/", renja_views.renja, name="renja"),
    path("<slug:code>/renja/<int:year>/susun/", renja_views.renja_create, name="renja_create"),
    path("<slug:code>/renja/<int:year>/baris/", renja_views.renja_line_add, name="renja_line_add"),
    path("<slug:code>/renja/baris/<int:pk>/ubah/", renja_views.renja_line_edit, name="renja_line_edit"),
    path("<slug:code>/renja/baris/<int:pk>/hapus/", renja_views.renja_line_delete, name="renja_line_delete"),
    path("<slug:code>/anggaran/<int:year>/", budget_views.budget, name="budget"),
    path("<slug:code>/pengaturan/", settings_views.kinerja_settings, name="settings"),
    path("<slug:code>/anggaran/<int:year>/simpan/", budget_views.budget_save, name="budget_save"),
    path("<slug:code>/pk/<int:year>/", views.perjanjian, name="pk"),
    path("<slug:code>/pk/<int:year>/susun/", views.pk_create, name="pk_create"),
    path("<slug:code>/pk/tandatangani/<int:pk>/", views.pk_sign, name="pk_sign"),
    path("<slug:code>/iku/ajukan/", views.iku_propose, name="iku_propose"),
    path("<slug:code>/iku/<int:pk>/setujui/", views.iku_approve, name="iku_approve"),
    path("<slug:code>/indikator/<int:pk>/", views.indicator_detail, name="indicator"),
    path("<slug:code>/indikator/<int:pk>/standar/", indicator_views.indicator_standard, name="indicator_standard"),
    path("<slug:code>/antrean/<slug:kind>/", views.queue, name="queue"),
]
