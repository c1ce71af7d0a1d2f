from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alur.web"
    label = "web"
    verbose_name = "Antarmuka web"
