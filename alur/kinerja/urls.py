from django.urls import path

from . import views
from .views import indicator as indicator_views

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
    path("<slug:code>/renstra/", views.renstra_tree, name="renstra"),
    path("<slug:code>/renstra/impor/", views.renstra_import, name="renstra_import"),
    path("<slug:code>/renstra/templat/", views.renstra_template, name="renstra_template"),
    path("<slug:code>/renstra/program/impor/", views.program_import, name="program_import"),
    path("<slug:code>/renstra/program/templat/", views.program_template, name="program_template"),
    path("<slug:code>/iku/", views.iku, name="iku"),
    path("<slug:code>/renja/<int:year>/", views.renja, name="renja"),
    path("<slug:code>/pk/<int:year>/", views.perjanjian, name="pk"),
    path("<slug:code>/pk/<int:year>/susun/", views.pk_create, name="pk_create"),
    path("<slug:code>/pk/tandatangani/<int:pk>/", views.pk_sign, name="pk_sign"),
    path("<slug:code>/iku/ajukan/", views.iku_propose, name="iku_propose"),
    path("<slug:code>/iku/<int:pk>/setujui/", views.iku_approve, name="iku_approve"),
    path("<slug:code>/indikator/<int:pk>/", views.indicator_detail, name="indicator"),
    path("<slug:code>/indikator/<int:pk>/standar/", indicator_views.indicator_standard, name="indicator_standard"),
    path("<slug:code>/antrean/<slug:kind>/", views.queue, name="queue"),
]
