from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "alur.kinerja"
    label = "kinerja"
    verbose_name = "Data kinerja"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # lazy: ready() runs once the app registry is loaded; models and receivers import only then
        from django.db.models import F
        from django.db.models.functions import Coalesce

        from alur.audit.records import track

        from . import models as m
        from . import sentences  # noqa: F401  (registers the collection's trail sentences)
        from .signals import setup_new_office  # noqa: F401  (connects: settings with each office, after migrating)

        # the plan, the targets, the PK, realisations and their evidence, the budget: regulated records
        track(m.KinerjaSetting, office="office_id")  # the planning unit, the formula and scales' choice
        track(m.CapaianScaleRow, office="office_id")
        track(m.PredikatRow, office="office_id")
        track(m.Renstra, office="office_id")
        track(m.RenstraRevision, office="renstra__office_id")
        track(m.Tujuan, office="renstra__office_id")
        track(m.Sasaran, office="tujuan__renstra__office_id")
        track(m.Program, office="renstra__office_id")
        track(m.Kegiatan, office="program__renstra__office_id")
        track(m.SubKegiatan, office="kegiatan__program__renstra__office_id")
        track(m.PaguIndikatif, office=Coalesce(F("program__renstra__office_id"),
                                               F("kegiatan__program__renstra__office_id"),
                                               F("sub_kegiatan__kegiatan__program__renstra__office_id")))
        track(m.Indicator, office="renstra__office_id")
        track(m.IndicatorTarget, office="indicator__renstra__office_id")
        track(m.QuarterTarget, office="indicator__renstra__office_id")
        track(m.IkuSet, office="renstra__office_id")
        track(m.Renja, office="office_id")
        track(m.RenjaLine, office="renja__office_id")
        track(m.PerjanjianKinerja, office="office_id")
        track(m.Realisasi, office="indicator__renstra__office_id")
        track(m.Evidence, office="realisasi__indicator__renstra__office_id", file="file", sha256="sha256")
        track(m.BudgetLine, office="program__renstra__office_id")

        # kinerja as a guest of runs (issue 17 S5): the pengumpulan step kind, the inbox's requests
        from .steps import register_in_runs

        register_in_runs()
