"""A data-kinerja run's collection: opening it (called by the `pengumpulan` step kind when the
step opens, inside the act's transaction) and the requests a person sees in the inbox.

The `Collection` and `RealisationRequest` rows are runs' models (their app label is in the keys of
trail records already written); kinerja fills them.

The performance data is read through `period.py` (a constant number of statements for
the whole office); who acts in a unit comes from the org selectors (`rows_with_holders`,
`roles_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from alur.kinerja import services as kinerja
from alur.kinerja.models import Indicator, IndicatorTarget, QuarterTarget, Realisasi
from alur.org.models import Position
from alur.org.selectors import roles_of, rows_with_holders
from alur.runs.models import Collection, RealisationRequest, Run, Task

from .period import by_unit, period_indicators, period_of_run, triwulan_roman


def open_collection(run: Run, tasks: list[Task], *, now: datetime) -> list[tuple[str, dict]]:
    """Open the entry of the run's period from today and send one request per unit responsible for
    indicators of the period (linked to the first of the step's `tasks`); returns the trail entries
    (the opening, then one per request). A run has one collection (unique per run)."""
    year, triwulan = period_of_run(run)
    day = timezone.localdate(now)
    task = min(tasks, key=lambda t: t.engine_id)
    collection = Collection.objects.create(run=run, office=run.office, year=year, triwulan=triwulan,
                                           opened_on=day, opened_at=now)
    units = by_unit(period_indicators(run.office, year, triwulan))
    people = _people_of_units([u.unit_id for u in units], day)
    requests = [RealisationRequest(collection=collection, run=run, task=task, unit_id=u.unit_id, year=year,
                                   triwulan=triwulan, indicator_count=len(u.indicators), created_at=now,
                                   done_at=(u.done_at or now) if u.done else None) for u in units]
    RealisationRequest.objects.bulk_create(requests)
    entries = [("pengumpulan.dibuka", {
        "task": task.engine_id, "tahun": year, "triwulan": triwulan, "dibuka": day.isoformat(),
        "indikator": sum(len(u.indicators) for u in units), "unit": len(units)})]
    for unit in units:
        entries.append(("pengumpulan.permintaan", {
            "task": task.engine_id, "tahun": year, "triwulan": triwulan, "unit": unit.unit_name,
            "unit_id": unit.unit_id, "indikator": [i.code for i in unit.indicators],
            "belum": [i.code for i in unit.missing], "kepada": people.get(unit.unit_id, [])}))
    return entries


def _people_of_units(unit_ids: list[int], day: date) -> dict[int, list[str]]:
    """NIPs of who acts (holder or Plt/Plh) in each unit's positions on `day`: one statement."""
    found: dict[int, list[str]] = {}
    if not unit_ids:
        return found
    positions = Position.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "pk")
    for position, acting in rows_with_holders(positions, day, via=""):
        if acting is not None and acting.employee.nip not in found.setdefault(position.unit_id, []):
            found[position.unit_id].append(acting.employee.nip)
    return found


@dataclass(frozen=True)
class OpenRequest:
    """A request as the inbox shows it: how many of the unit's indicators still wait."""

    request: RealisationRequest
    remaining: int

    @property
    def title(self) -> str:
        return _("Isi realisasi triwulan %(tw)s %(year)s — %(n)s indikator") % {
            "tw": triwulan_roman(self.request.triwulan), "year": self.request.year, "n": self.remaining}


def requests_for(employee, day: date | None = None) -> list[OpenRequest]:
    """The open requests of the units `employee` acts in on `day` (held positions and Plt/Plh),
    with the indicators still to hand in; a unit whose indicators are all at least diajukan no
    longer sees it. Three statements plus one per distinct period (normally one)."""
    if employee is None:
        return []
    unit_ids = {acting.position.unit_id for acting in roles_of(employee, day)}
    if not unit_ids:
        return []
    rows = list(RealisationRequest.objects.filter(unit_id__in=unit_ids, done_at__isnull=True,
                                                  run__status=Run.Status.BERJALAN, run__office=employee.office_id)
                .select_related("unit", "run").order_by("created_at", "pk"))
    remaining: dict[tuple[int, int, int], int] = {}
    for year, triwulan in sorted({(r.year, r.triwulan) for r in rows}):
        wanted = {r.unit_id for r in rows if (r.year, r.triwulan) == (year, triwulan)}
        for indicator in period_indicators(employee.office_id, year, triwulan, unit_ids=wanted):
            if not indicator.submitted:
                key = (indicator.unit_id, year, triwulan)
                remaining[key] = remaining.get(key, 0) + 1
    return [OpenRequest(r, remaining[(r.unit_id, r.year, r.triwulan)]) for r in rows
            if remaining.get((r.unit_id, r.year, r.triwulan))]


def hand_in_missing(run: Run, *, note: str = "Rekap data triwulan dari sumber data indikator (simulasi).") -> int:
    """The simulator playing the units (alur.sim.simulate, `alur history`): for each indicator of
    the run's collection not yet at least diajukan, someone acting in its unit today enters the
    realisation (its value if one was entered, else the triwulan's target), adds a note as evidence
    if there is none, and submits it — through the kinerja services, so the trail records each act.
    Indicators of a unit nobody fills stay missing. Returns how many were submitted."""

    collection = Collection.objects.filter(run=run).first()
    if collection is None:
        return 0
    year, triwulan = collection.year, collection.triwulan
    missing = [i for i in period_indicators(run.office, year, triwulan) if not i.submitted]
    if not missing:
        return 0
    ids = [i.pk for i in missing]
    indicators = Indicator.objects.select_related("renstra__office").in_bulk(ids)
    entered = {r.indicator_id: r.value for r in Realisasi.objects.filter(indicator__in=ids, year=year,
                                                                         triwulan=triwulan)}
    quarter = dict(QuarterTarget.objects.filter(indicator__in=ids, year=year, triwulan=triwulan)
                   .values_list("indicator_id", "value"))
    yearly = dict(IndicatorTarget.objects.filter(indicator__in=ids, year=year).values_list("indicator_id", "value"))
    day = timezone.localdate()
    users = {}
    positions = Position.objects.filter(unit_id__in={i.unit_id for i in missing}).order_by("unit_id", "pk")
    for position, acting in rows_with_holders(positions, day, via=""):
        if acting is not None and acting.employee.user_id is not None:
            users.setdefault(position.unit_id, acting.employee.user)
    submitted = 0
    for item in missing:
        user = users.get(item.unit_id)
        if user is None:
            continue
        value = next((v for v in (entered.get(item.pk), quarter.get(item.pk), yearly.get(item.pk)) if v is not None), 0)
        realisasi = kinerja.realisasi_save(user=user, indicator=indicators[item.pk], year=year, triwulan=triwulan,
                                           value=value, day=day)
        if not realisasi.evidence.exists():
            kinerja.evidence_add(user=user, realisasi=realisasi, note=note)
        kinerja.realisasi_submit(user=user, realisasi=realisasi, day=day)
        submitted += 1
    return submitted
