"""Who took a precondition away: what the second of two people acting on the same realisation,
PK, IKU version or Renstra is told ("sudah diverifikasi oleh … pada …"), as the runs tell the
loser of a task ("sudah diselesaikan oleh …"). Every refusal here is a ValidationError with code
"taken": nothing was written, and the page shows the message instead of a bare 403."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.models import Entry
from alur.core.sop.vocabulary import tanggal_jam

from .models import Realisasi

TAKEN = "taken"


def _who_when(user, at) -> dict:
    employee = getattr(user, "employee", None) if user is not None else None
    who = employee.name if employee is not None else (user.get_username() if user is not None else "")
    when = tanggal_jam(timezone.localtime(at)) if at else ""
    return {"who": who or _("orang lain"), "when": when or _("waktu tidak tercatat")}


def _returned(realisasi: Realisasi) -> tuple:
    """Who sent the realisation back and when, from its trail entry (the row keeps only the reason)."""
    entry = (Entry.objects.filter(office_id=realisasi.indicator.renstra.office_id, kind="kinerja.realisasi.kembalikan",
                                  data__realisasi=realisasi.pk).select_related("user__employee")
             .order_by("-position").first())
    return (entry.user, entry.at) if entry else (None, None)


def realisasi_taken(realisasi: Realisasi) -> ValidationError:
    state = realisasi.state
    if state == Realisasi.State.DIAJUKAN:
        text, facts = _("Realisasi ini sudah diajukan oleh %(who)s pada %(when)s."), _who_when(
            realisasi.submitted_by, realisasi.submitted_at)
    elif state == Realisasi.State.DIVERIFIKASI:
        text, facts = _("Realisasi ini sudah diverifikasi oleh %(who)s pada %(when)s."), _who_when(
            realisasi.verified_by, realisasi.verified_at)
    elif state == Realisasi.State.DISAHKAN:
        text, facts = _("Realisasi ini sudah disahkan oleh %(who)s pada %(when)s."), _who_when(
            realisasi.approved_by, realisasi.approved_at)
    elif state == Realisasi.State.DIKEMBALIKAN:
        text, facts = _("Realisasi ini sudah dikembalikan oleh %(who)s pada %(when)s."), _who_when(
            *_returned(realisasi))
    else:
        text, facts = _("Status realisasi ini sudah berubah menjadi %(state)s."), {
            "state": realisasi.get_state_display()}
    return ValidationError(text % facts, code=TAKEN)


def name_who_moved_it(allowed, user, realisasi: Realisasi, from_states, day=None) -> None:
    """When `allowed(user, realisasi, day)` refuses now but would have allowed the user from another
    of the act's `from_states` (a planner sends back what is diajukan, the head what is diverifikasi):
    a ValidationError naming who moved the realisation on. Otherwise nothing: the caller's policy
    check then refuses (or allows) as before."""
    if allowed(user, realisasi, day):
        return
    before = copy.copy(realisasi)
    for state in from_states:
        before.state = state
        if state != realisasi.state and allowed(user, before, day):
            raise realisasi_taken(realisasi)


def pk_signed(pk) -> ValidationError:
    return ValidationError(_("PK %(year)s versi %(v)s sudah ditandatangani oleh %(who)s pada %(when)s.") % {
        "year": pk.year, "v": pk.version, **_who_when(pk.signed_by, pk.signed_at)}, code=TAKEN)


def iku_approved(iku) -> ValidationError:
    return ValidationError(_("IKU versi %(v)s sudah disetujui oleh %(who)s pada %(when)s.") % {
        "v": iku.version, **_who_when(iku.approved_by, iku.approved_at)}, code=TAKEN)


def renstra_ditetapkan(renstra) -> ValidationError:
    revision = renstra.revisions.select_related("ditetapkan_by__employee").order_by("-number").first()
    facts = _who_when(revision.ditetapkan_by, revision.ditetapkan_at) if revision else _who_when(None, None)
    return ValidationError(_("Renstra ini sudah ditetapkan oleh %(who)s pada %(when)s.") % facts, code=TAKEN)
