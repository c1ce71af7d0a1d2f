from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "alur.runs"
    label = "runs"
    verbose_name = "Pelaksanaan SOP"

    def ready(self):
        # in ready(): models, receivers and the kinds import once the app registry is loaded
        from alur.audit.records import track

        from . import models as m
        from . import trail_text  # noqa: F401  (registers the run trail's sentences)
        from .kinds.builtin import register_built_ins

        register_built_ins()  # the step kinds runs brings (a guest app registers its own)

        # the letter itself (its sifat decides who may read it); its scan bytes are checked by runs.verify
        track(m.IncomingLetter, office="office_id")
