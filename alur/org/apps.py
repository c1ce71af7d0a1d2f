from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "alur.org"
    label = "org"
    verbose_name = "Organisasi"
