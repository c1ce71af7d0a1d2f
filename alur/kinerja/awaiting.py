"""What kinerja work waits for a person, read from the rows that already say it (nothing is written
when work happens, so no act can forget to tell anyone):

- a realisation sent back ("Kembalikan") waits for whoever submitted it and whoever acts in the
  indicator's unit (its Kabid and staff: the people who may correct it), with the reason;
- a submitted realisation waits for the planning unit (verification);
- a verified realisation waits for the head of the office or the Plt/Plh (Sahkan);
- an unsigned PK and a draft IKU version wait for the head.

The notifications (alur.dashboard.notifications) and the inbox and home counters (contributions
registered with alur.runs.inbox from `KinerjaConfig.ready()`) read these; each function costs a
fixed number of statements whatever the office's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from alur.audit.models import Entry
from alur.org.selectors import roles_of

from .models import IkuSet, KinerjaSetting, PerjanjianKinerja, Realisasi

SENT_BACK, TO_VERIFY, TO_APPROVE = "dikembalikan", "verifikasi", "pengesahan"


@dataclass(frozen=True)
class Standing:
    """Where a person acts in their office's kinerja on a day (held positions and Plt/Plh)."""

    units: frozenset[int]
    positions: frozenset[int]
    planner: bool
    head: bool


def standing_of(employee, day: date | None = None) -> Standing:
    """Three statements at most: the person's acting rows, their positions, the office's setting.
    Kept on the employee object for the day, so the inbox's four contributions ask once per page."""
    key = (day or timezone.localdate()).isoformat()
    memo = getattr(employee, "_kinerja_standing", None)
    if memo is not None and memo[0] == key:
        return memo[1]
    standing = _standing(employee, day)
    employee._kinerja_standing = (key, standing)
    return standing


def _standing(employee, day: date | None) -> Standing:
    roles = roles_of(employee, day)
    planning_unit_id = (KinerjaSetting.objects.filter(office_id=employee.office_id)  # by id: no office fetched
                        .values_list("planning_unit_id", flat=True).first()) if roles else None
    units = frozenset(acting.position.unit_id for acting in roles)
    return Standing(units=units, positions=frozenset(acting.position.pk for acting in roles),
                    planner=planning_unit_id is not None and planning_unit_id in units,
                    head=any(acting.position.is_head for acting in roles))


@dataclass(frozen=True)
class RealisasiNotice:
    """One realisation waiting for the person: `kind` is SENT_BACK, TO_VERIFY or TO_APPROVE; `at` is
    when it started waiting (the send-back, the submission, the verification)."""

    key: str
    kind: str
    at: datetime
    realisasi: Realisasi
    reason: str = ""


def realisasi_notices(employee, *, limit: int, day: date | None = None) -> list[RealisasiNotice]:
    """Newest first, at most `limit`. Five statements at most (standing, the realisations, the
    send-backs' trail entries)."""
    standing = standing_of(employee, day)
    sent_back = Q(indicator__unit_id__in=standing.units) | Q(indicator__position_id__in=standing.positions)
    if employee.user_id is not None:
        sent_back |= Q(submitted_by_id=employee.user_id)
    wanted = Q(state=Realisasi.State.DIKEMBALIKAN) & sent_back
    if standing.planner:
        wanted |= Q(state=Realisasi.State.DIAJUKAN)
    if standing.head:
        wanted |= Q(state=Realisasi.State.DIVERIFIKASI)
    rows = list(Realisasi.objects.filter(indicator__renstra__office=employee.office_id).filter(wanted)
                .select_related("indicator__renstra__office").order_by("-submitted_at", "-pk")[:limit])
    returned = [r.pk for r in rows if r.state == Realisasi.State.DIKEMBALIKAN]
    last_return: dict[int, Entry] = {}
    if returned:  # when each was sent back: the trail is where that act is written
        for entry in (Entry.objects.filter(office_id=employee.office_id, kind="kinerja.realisasi.kembalikan",
                                           data__realisasi__in=returned).order_by("position")
                      .only("pk", "at", "data")):
            last_return[entry.data["realisasi"]] = entry
    notices = []
    for row in rows:
        if row.state == Realisasi.State.DIKEMBALIKAN:
            entry = last_return.get(row.pk)
            at = entry.at if entry else (row.submitted_at or timezone.now())
            notices.append(RealisasiNotice(f"rkembali:{entry.pk if entry else row.pk}", SENT_BACK, at, row,
                                           row.return_reason))
        elif row.state == Realisasi.State.DIAJUKAN:
            at = row.submitted_at or timezone.now()
            notices.append(RealisasiNotice(f"rajukan:{row.pk}:{int(at.timestamp())}", TO_VERIFY, at, row))
        else:
            at = row.verified_at or row.submitted_at or timezone.now()
            notices.append(RealisasiNotice(f"rverif:{row.pk}:{int(at.timestamp())}", TO_APPROVE, at, row))
    return sorted(notices, key=lambda n: n.at, reverse=True)


# -- the inbox and home counters (alur.runs.inbox contributions) --------------------------------------

def _office_rows(queryset, employee, *, allowed: bool):
    return list(queryset.filter(**{"indicator__renstra__office": employee.office_id})
                .select_related("indicator__renstra__office").order_by("year", "triwulan", "indicator__code")) \
        if allowed else []


def to_verify(employee) -> list[Realisasi]:
    """Submitted realisations of the office, for someone of the planning unit."""
    if employee is None:
        return []
    return _office_rows(Realisasi.objects.filter(state=Realisasi.State.DIAJUKAN), employee,
                        allowed=standing_of(employee).planner)


def to_approve(employee) -> list[Realisasi]:
    """Verified realisations of the office awaiting Sahkan, for the head (or the Plt/Plh)."""
    if employee is None:
        return []
    return _office_rows(Realisasi.objects.filter(state=Realisasi.State.DIVERIFIKASI), employee,
                        allowed=standing_of(employee).head)


def pk_to_sign(employee) -> list[PerjanjianKinerja]:
    """PK drafts of the office, for the head who signs them (policies.can_sign_pk)."""
    if employee is None or not standing_of(employee).head:
        return []
    return list(PerjanjianKinerja.objects.filter(office=employee.office_id, signed_at__isnull=True)
                .select_related("office").order_by("year", "version"))


def iku_to_approve(employee) -> list[IkuSet]:
    """Draft IKU versions of the office's plans, for the head (policies.can_approve_iku)."""
    if employee is None or not standing_of(employee).head:
        return []
    return list(IkuSet.objects.filter(renstra__office=employee.office_id, status=IkuSet.Status.DRAFT)
                .select_related("renstra__office").order_by("renstra__start_year", "version"))
