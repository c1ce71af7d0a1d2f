from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "alur.audit"
    label = "audit"
    verbose_name = "Jejak audit"
