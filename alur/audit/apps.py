from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "alur.audit"
    label = "audit"
    verbose_name = "Jejak audit"

    def ready(self):
        from . import records  # noqa: F401  (registers the records check with `alur audit verify`)
