from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "alur.dashboard"
    label = "dashboard"
    verbose_name = "Dasbor pimpinan"
