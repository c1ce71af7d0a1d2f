from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "alur.runs"
    label = "runs"
    verbose_name = "Pelaksanaan SOP"
