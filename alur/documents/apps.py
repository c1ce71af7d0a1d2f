from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "alur.documents"
    label = "documents"
    verbose_name = _("Dokumen SAKIP")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # lazy (the Django idiom): these modules import models, which exist only once the registry is ready
        from alur.audit.records import track
        from alur.runs.kinds.signing import register_gap_source

        from . import (
            kinds,
            locking,
            mapping,
            sentences,  # noqa: F401  (registers the trail sentence of a composed document)
            signals,
        )
        from . import models as m
        from .kinds import data_kinerja, iku, lkjip, pk, renja, renstra
        from .services import gaps_of_version

        for module in (iku, pk, data_kinerja, lkjip, renja, renstra):  # the built-in document kinds
            kinds.register(module.KIND)
        locking.register()  # signed generated documents fix kinerja data (alur.kinerja.locks)
        signals.connect()  # step bindings follow an SOP's new revisions
        mapping.register_run_subjects()  # a run producing a document is about its year (alur.runs.about)
        register_gap_source(gaps_of_version)  # signing over missing data needs the signer's confirmation

        track(m.NarrativeVersion, office="office_id")
        track(m.Generated, office="version__document__run__office_id")
