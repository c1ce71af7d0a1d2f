from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "alur.org"
    label = "org"
    verbose_name = "Organisasi"

    def ready(self):
        # in ready(): models and receivers import once the app registry is loaded
        from alur.audit.records import track

        from . import models as m
        from . import trail  # noqa: F401  (registers the data induk trail's sentences)

        # who administers an office and who may read it from outside
        track(m.Employee, office="office_id")
        track(m.OfficeGrant, office="office_id")
        # the structure that decides whose inbox a step lands in and whose name a document carries
        track(m.Unit, office="office_id")
        track(m.Position, office="office_id")
        track(m.PositionHolding, office="position__office_id")
        track(m.StandIn, office="position__office_id")
