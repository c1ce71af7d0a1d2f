"""The writes of the dashboards: turning suggested Waktu into a new draft revision of the SOP, and
setting or resetting an office's SAKIP deadlines (models.SakipDeadline, on the office's trail).

Suggested Waktu:
It goes through alur.sop.services (revision_start, revision_update), which check the SOP policies
(the office admin or the Kepala Dinas) and write the trail; the draft then waits for the usual
sahkan. Each changed step's Keterangan names where the figure came from, so the revision's change
list ("perubahan") and the printed SOP both say it.
"""

from __future__ import annotations

import copy
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.services import record
from alur.core.realism import Suggestion, minutes_text
from alur.core.sop.vocabulary import tanggal
from alur.sop.models import Sop, SopRevision
from alur.sop.services import revision_start, revision_update
from alur.workdays.selectors import calendar_for

from . import policies, sakip
from .models import SakipDeadline


def _source_note(suggestion: Suggestion, period_label: str, standard_day_minutes: float) -> str:
    """"Waktu langkah 3 diubah dari 1 Hari ke 2 Hari — usulan dari data 2025-2026, n=40, P80=1,6 Hari"."""
    p80 = minutes_text(suggestion.p80_minutes, suggestion.current.unit, standard_day_minutes)
    text = _("Waktu langkah %(no)s diubah dari %(old)s ke %(new)s — usulan dari data %(period)s, n=%(n)s, "
             "P80=%(p80)s")
    return text % {
        "no": suggestion.step_no, "old": suggestion.current, "new": suggestion.proposed, "period": period_label,
        "n": suggestion.count, "p80": p80}


@transaction.atomic
def suggestions_apply(*, sop: Sop, user, suggestions: list[Suggestion], period_label: str) -> SopRevision:
    """A draft revision (new, or the open draft) with the suggested Waktu of the chosen steps."""
    policies.require(policies.can_apply_suggestions(user, sop),
                         _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat membuat revisi SOP."))
    if not suggestions:
        raise ValidationError(_("Pilih sedikitnya satu usulan Waktu."))
    draft = revision_start(sop=sop, user=user)
    day = calendar_for(sop.office).standard_day.total_seconds() / 60
    data = copy.deepcopy(draft.data)
    steps = {step["no"]: step for step in data.get("steps", [])}
    for suggestion in suggestions:
        step = steps.get(suggestion.step_no)
        if step is None:
            raise ValidationError(_("Langkah %(no)s tidak ada di draf revisi SOP ini.") % {"no": suggestion.step_no})
        step["waktu"] = suggestion.proposed.to_dict()
        note = _source_note(suggestion, period_label, day)
        step["keterangan"] = f"{step['keterangan'].rstrip()}\n{note}".strip() if step.get("keterangan") else note
    return revision_update(revision=draft, data=data, user=user)


def _deadline_item(item: str) -> sakip.Item:
    found = sakip.BY_KEY.get(item)
    if found is None:
        raise ValidationError(_("Butir SAKIP '%(item)s' tidak dikenal.") % {"item": item[:40]})
    return found


@transaction.atomic
def sakip_deadline_set(*, office, user, year: int, item: str, due: date, every_year: bool = False,
                       source: str = "") -> SakipDeadline:
    """The office's deadline of one SAKIP item for `year` (or, every_year, for all years without
    their own): the date must fall in the year before, of or after `year`."""
    policies.require(policies.can_edit_sakip_deadlines(user, office),
                     _("Hanya perencana dan admin OPD ini yang dapat mengubah tenggat SAKIP."))
    found = _deadline_item(item)
    offset = due.year - year
    if offset not in (-1, 0, 1):
        raise ValidationError(_("Tenggat %(item)s untuk tahun %(year)s harus jatuh pada tahun %(a)s–%(b)s, bukan "
                                "%(due)s.") % {"item": found.label, "year": year, "a": year - 1, "b": year + 1,
                                               "due": tanggal(due)})
    source = " ".join(source.split())
    if len(source) > 200:
        raise ValidationError(_("Dasar tenggat paling panjang 200 karakter (sekarang %(n)s).") % {"n": len(source)})
    key_year = None if every_year else year
    row, _created = SakipDeadline.objects.update_or_create(
        office=office, year=key_year, item=item,
        defaults={"month": due.month, "day": due.day, "year_offset": offset, "source": source,
                  "updated_at": timezone.now()})
    record(office=office, kind="dashboard.tenggat_sakip.ubah", user=user, data={
        "butir": item, "tahun": key_year, "tenggat": due.isoformat(), "setiap_tahun": every_year, "dasar": source})
    return row


@transaction.atomic
def sakip_deadline_reset(*, office, user, year: int, item: str, every_year: bool = False) -> bool:
    """Remove the office's own deadline (of `year`, or its every-year one); True when one existed."""
    policies.require(policies.can_edit_sakip_deadlines(user, office),
                     _("Hanya perencana dan admin OPD ini yang dapat mengubah tenggat SAKIP."))
    _deadline_item(item)
    key_year = None if every_year else year
    deleted, _rows = SakipDeadline.objects.filter(office=office, year=key_year, item=item).delete()
    if deleted:
        record(office=office, kind="dashboard.tenggat_sakip.hapus", user=user,
               data={"butir": item, "tahun": key_year})
    return bool(deleted)
