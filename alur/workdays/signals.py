from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import OfficeHours, SpecialDay
from .selectors import forget


@receiver([post_save, post_delete], sender=OfficeHours)
@receiver([post_save, post_delete], sender=SpecialDay)
def calendar_changed(sender, instance, **kwargs):
    """Forget now, and again at commit: a reader in between may have cached the old calendar."""
    office_id = instance.office_id
    forget(office_id)
    transaction.on_commit(lambda: forget(office_id))
