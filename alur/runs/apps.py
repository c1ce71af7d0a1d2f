from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "alur.runs"
    label = "runs"
    verbose_name = "Pelaksanaan SOP"

    def ready(self):
        from alur.audit.records import track

        from . import models as m
        from . import trail_text  # noqa: F401  (registers the run trail's sentences)

        # the letter itself (its sifat decides who may read it); its scan bytes are checked by runs.verify
        track(m.IncomingLetter, office="office_id")
