from django.apps import AppConfig


class SimConfig(AppConfig):
    """Demo and measurement code: the demo office's runs, generated years of data, simulated history.

    It drives the apps through their services like a user would, so it stands on the top floor and
    no app imports it (docs/architecture.md)."""

    name = "alur.sim"
    label = "sim"
    verbose_name = "Demo dan simulasi"
