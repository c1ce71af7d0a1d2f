from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alur.web"
    label = "web"
    verbose_name = "Antarmuka web"

    def ready(self):
        # Before any urls.py is read: every id in a path is an `int64`.
        from alur.kit.converters import register

        register()
