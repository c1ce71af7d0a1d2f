"""An office's working-day calendar: its office hours and its own days off / working Saturdays.

National holidays and cuti bersama come from the `holidays` package (alur.core.calendar).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alur.org.models import Office

WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


class OfficeHours(models.Model):
    """Opening and closing per weekday; blank means closed. Absent row: the national default."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="office_hours")
    tz = models.CharField(_("zona waktu"), max_length=40, default="Asia/Jakarta")
    mon_open = models.TimeField(_("Senin buka"), null=True, blank=True, default="07:30")
    mon_close = models.TimeField(_("Senin tutup"), null=True, blank=True, default="16:00")
    tue_open = models.TimeField(_("Selasa buka"), null=True, blank=True, default="07:30")
    tue_close = models.TimeField(_("Selasa tutup"), null=True, blank=True, default="16:00")
    wed_open = models.TimeField(_("Rabu buka"), null=True, blank=True, default="07:30")
    wed_close = models.TimeField(_("Rabu tutup"), null=True, blank=True, default="16:00")
    thu_open = models.TimeField(_("Kamis buka"), null=True, blank=True, default="07:30")
    thu_close = models.TimeField(_("Kamis tutup"), null=True, blank=True, default="16:00")
    fri_open = models.TimeField(_("Jumat buka"), null=True, blank=True, default="07:30")
    fri_close = models.TimeField(_("Jumat tutup"), null=True, blank=True, default="16:30")
    sat_open = models.TimeField(_("Sabtu buka"), null=True, blank=True)
    sat_close = models.TimeField(_("Sabtu tutup"), null=True, blank=True)
    sun_open = models.TimeField(_("Minggu buka"), null=True, blank=True)
    sun_close = models.TimeField(_("Minggu tutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("jam kerja OPD")
        verbose_name_plural = _("jam kerja OPD")

    def weekly(self):
        days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        pairs = [(getattr(self, f"{d}_open"), getattr(self, f"{d}_close")) for d in days]
        return tuple((o, c) if o and c else None for o, c in pairs)


class SpecialDay(models.Model):
    class Kind(models.TextChoices):
        OFF = "libur", _("Libur kantor")
        WORKING = "kerja", _("Hari kerja tambahan (mis. Sabtu kerja)")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="special_days")
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices)
    note = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hari khusus")
        verbose_name_plural = _("hari khusus")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["office", "date"], name="special_day_unique")]
