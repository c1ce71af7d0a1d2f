from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "alur.documents"
    label = "documents"
    verbose_name = _("Dokumen SAKIP")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from alur.audit.records import track

        from . import models as m
        from . import sentences  # noqa: F401  (registers the trail sentence of a composed document)

        track(m.NarrativeVersion, office="office_id")
        track(m.Generated, office="version__document__run__office_id")
