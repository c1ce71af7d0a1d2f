from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import OfficeHours, SpecialDay
from .selectors import forget


@receiver([post_save, post_delete], sender=OfficeHours)
@receiver([post_save, post_delete], sender=SpecialDay)
def calendar_changed(sender, instance, **kwargs):
    forget(instance.office_id)
