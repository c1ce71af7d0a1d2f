"""Changes to an office's calendar, by its office admin, in the trail. The cached calendars are
forgotten by signals.py on every save, so deadlines follow at once."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.core.sop.vocabulary import tanggal
from alur.org.models import Office

from .models import WEEKDAYS, OfficeHours, SpecialDay
from .policies import require_change_calendar

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@transaction.atomic
def special_day_add(*, user, office: Office, day: date, kind: str, note: str = "") -> SpecialDay:
    """An extra day off, or a working day on a weekend (Sabtu kerja), for this office only."""
    require_change_calendar(user, office)
    existing = SpecialDay.objects.filter(office=office, date=day).first()
    if existing is not None:
        raise ValidationError({"date": _("Tanggal %(date)s sudah tercatat sebagai \"%(kind)s\".") % {
            "date": tanggal(day), "kind": existing.get_kind_display()}})
    special = SpecialDay(office=office, date=day, kind=kind, note=note.strip())
    special.full_clean()
    special.save()
    record(office=office, kind="kalender.hari_khusus_ditambah", user=user, data={
        "tanggal": day.isoformat(), "jenis": special.get_kind_display(), "keterangan": special.note})
    return special


@transaction.atomic
def special_day_remove(*, user, special: SpecialDay) -> None:
    office = special.office
    require_change_calendar(user, office)
    data = {"tanggal": special.date.isoformat(), "jenis": special.get_kind_display(), "keterangan": special.note}
    special.delete()
    record(office=office, kind="kalender.hari_khusus_dihapus", user=user, data=data)


@transaction.atomic
def office_hours_set(*, user, office: Office, tz: str,
                     hours: dict[str, tuple[time | None, time | None]]) -> OfficeHours:
    """Set opening and closing per weekday (`hours` keyed mon…sun; (None, None) = closed)."""
    require_change_calendar(user, office)
    if tz not in available_timezones():
        raise ValidationError({"tz": _("Zona waktu \"%(tz)s\" tidak dikenal; mis. Asia/Jakarta.") % {"tz": tz}})
    row = lock_rows(OfficeHours.objects).filter(office=office).first()
    before = _describe(row) if row else None
    row = row or OfficeHours(office=office)
    errors = {}
    for key, label in zip(DAY_KEYS, WEEKDAYS, strict=True):
        opening, closing = hours.get(key, (None, None))
        if (opening is None) != (closing is None):
            errors[f"{key}_open"] = _("%(day)s: isi jam buka dan jam tutup, atau kosongkan keduanya (libur).") % {
                "day": label}
        elif opening is not None and closing <= opening:
            errors[f"{key}_close"] = _("%(day)s: jam tutup harus sesudah jam buka.") % {"day": label}
        setattr(row, f"{key}_open", opening)
        setattr(row, f"{key}_close", closing)
    if errors:
        raise ValidationError(errors)
    if all(pair is None for pair in row.weekly()):
        raise ValidationError(_("Paling sedikit satu hari dalam seminggu harus hari kerja."))
    row.tz = tz
    row.save()
    after = _describe(row)
    if after != before:
        record(office=office, kind="kalender.jam_kerja_diubah", user=user, data={"lama": before, "baru": after})
    return row


def _describe(row: OfficeHours) -> dict:
    weekly = row.weekly()
    days = {label: (f"{pair[0]:%H.%M}–{pair[1]:%H.%M}" if pair else "libur")
            for label, pair in zip(WEEKDAYS, weekly, strict=True)}
    return {"zona_waktu": row.tz, **days}
