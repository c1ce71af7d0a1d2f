from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "alur.runs"
    label = "runs"
    verbose_name = "Pelaksanaan SOP"

    def ready(self):
        from alur.audit.records import track

        from . import models as m

        # the letter itself (its sifat decides who may read it); its scan bytes are checked by runs.verify
        track(m.IncomingLetter, office="office_id")
