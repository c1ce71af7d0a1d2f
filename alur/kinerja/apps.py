from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "alur.kinerja"
    label = "kinerja"
    verbose_name = "Data kinerja"
    default_auto_field = "django.db.models.BigAutoField"
