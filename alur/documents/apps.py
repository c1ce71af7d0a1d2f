from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "alur.documents"
    label = "documents"
    verbose_name = _("Dokumen SAKIP")
    default_auto_field = "django.db.models.BigAutoField"
