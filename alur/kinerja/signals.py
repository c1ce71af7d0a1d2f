"""An office has its kinerja settings and scales from the moment it exists: made in the transaction
that creates it, and (for offices made before this receiver, or by a raw load) after migrating.
So reading them (`setup.setting_for`, `policies.is_planner`) never has to write."""

from __future__ import annotations

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from alur.org.models import Office

from .models import KinerjaSetting
from .setup import ensure_setup


@receiver(post_save, sender=Office, dispatch_uid="kinerja.setup_new_office")
def setup_new_office(sender, instance, created, raw=False, **kwargs):
    if created and not raw:  # a fixture (loaddata) brings its own settings rows
        ensure_setup(instance)


@receiver(post_migrate, dispatch_uid="kinerja.setup_offices_without_settings")
def setup_offices_without_settings(sender, using="default", apps=None, **kwargs):
    """post_migrate (as contenttypes and auth do): every office lacking settings gets them, on its
    trail with no user; idempotent. A data migration cannot write the hash chain, live code can."""
    if sender.label != "kinerja" or not _migrated(apps):
        return
    for office in Office.objects.using(using).exclude(
            pk__in=KinerjaSetting.objects.using(using).values("office_id")).order_by("pk"):
        ensure_setup(office)


def _migrated(apps) -> bool:
    """Skip a partial migrate (kinerja or the trail taken back): live models need their tables."""
    if apps is None:
        return True
    try:
        apps.get_model("kinerja", "KinerjaSetting")
        apps.get_model("audit", "Entry")
    except LookupError:
        return False
    return True
