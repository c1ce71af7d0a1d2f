from django.apps import AppConfig


class SopConfig(AppConfig):
    name = "alur.sop"
    label = "sop"
    verbose_name = "Pustaka SOP"
