from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "alur.workdays"
    label = "workdays"
    verbose_name = "Hari dan jam kerja"

    def ready(self):
        from . import signals  # noqa: F401
