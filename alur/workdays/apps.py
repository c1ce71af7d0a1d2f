from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "alur.workdays"
    label = "workdays"
    verbose_name = "Hari dan jam kerja"

    def ready(self):
        # in ready(): models and receivers import once the app registry is loaded
        from alur.audit.records import track

        from . import models as m
        from . import sentences, signals  # noqa: F401  (the calendar's trail sentences; its receivers)

        # the calendar every deadline is counted on
        track(m.OfficeHours, office="office_id")
        track(m.SpecialDay, office="office_id")
