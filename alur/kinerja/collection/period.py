"""What a collection of one triwulan's realisations reads from the performance data (reads only).

The data-kinerja run's collection step (alur.kinerja.steps.pengumpulan) asks: which indicators belong
to the period (the office's indicators with a target that year), grouped by the unit responsible,
and is each one's realisation at least diajukan? One statement answers it for the whole office.
It also says since when a run opened the period's entry (`opened_on`), which the entry window
(alur.kinerja.windows) honours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, Min, OuterRef, Subquery
from django.utils import timezone

from alur.core.kinerja.periods import collection_period
from alur.kinerja.models import Indicator, IndicatorTarget, Realisasi
from alur.kinerja.periods import in_force_id
from alur.runs.models import Collection

# A realisation at least diajukan: the unit has handed it in (a planner may still send it back).
SUBMITTED = (Realisasi.State.DIAJUKAN, Realisasi.State.DIVERIFIKASI, Realisasi.State.DISAHKAN)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class PeriodIndicator:
    pk: int
    code: str
    name: str
    unit_id: int
    unit_name: str
    state: str | None  # the realisation's state, None when nothing was entered
    submitted_at: datetime | None

    @property
    def submitted(self) -> bool:
        return self.state in SUBMITTED

    def label(self) -> str:
        """"IKU-07 Rata-rata lama penerbitan izin (Bidang Pelayanan Perizinan)"."""
        return f"{self.code} {self.name} ({self.unit_name})"


@dataclass
class UnitShare:
    """One unit's indicators of the period."""

    unit_id: int
    unit_name: str
    indicators: list[PeriodIndicator] = field(default_factory=list)

    @property
    def missing(self) -> list[PeriodIndicator]:
        return [i for i in self.indicators if not i.submitted]

    @property
    def done(self) -> bool:
        return not self.missing

    @property
    def done_at(self) -> datetime | None:
        """When the unit's last indicator was handed in, once all are; else None."""
        if self.missing:
            return None
        moments = [i.submitted_at for i in self.indicators if i.submitted_at is not None]
        return max(moments) if moments else None


def period_indicators(office, year: int, triwulan: int, *, unit_ids=None) -> list[PeriodIndicator]:
    """The office's indicators with a target in `year` (of the Renstra in force for it), each with the
    state of its realisation for `triwulan`; ordered by unit, then as the Renstra orders them.
    One SQL statement (`unit_ids` narrows it to some units)."""
    realisation = Realisasi.objects.filter(indicator=OuterRef("pk"), year=year, triwulan=triwulan)
    rows = (Indicator.objects
            .filter(renstra_id=in_force_id(office, year))  # never a draft's (or the next plan's) indicators
            .filter(Exists(IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year=year,
                                                          value__isnull=False)))
            .annotate(realisation_state=Subquery(realisation.values("state")[:1]),
                      realisation_submitted_at=Subquery(realisation.values("submitted_at")[:1]))
            .select_related("unit").order_by("unit__name", "order", "code"))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    return [PeriodIndicator(pk=i.pk, code=i.code, name=i.name, unit_id=i.unit_id, unit_name=i.unit.name,
                            state=i.realisation_state, submitted_at=i.realisation_submitted_at) for i in rows]


def by_unit(indicators: list[PeriodIndicator]) -> list[UnitShare]:
    """The period's indicators grouped by the unit responsible (in the order given)."""
    units: dict[int, UnitShare] = {}
    for indicator in indicators:
        units.setdefault(indicator.unit_id, UnitShare(indicator.unit_id, indicator.unit_name)).indicators.append(
            indicator)
    return list(units.values())


def period_by_unit(office, year: int, triwulan: int) -> list[UnitShare]:
    return by_unit(period_indicators(office, year, triwulan))


def missing_of(indicators: list[PeriodIndicator]) -> list[PeriodIndicator]:
    """The indicators whose realisation is not yet at least diajukan."""
    return [i for i in indicators if not i.submitted]


def opened_on(office, year: int, triwulan: int) -> date | None:
    """The first day a run's collection opened this period's entry for the office, or None."""

    return (Collection.objects.filter(office=office, year=year, triwulan=triwulan)
            .aggregate(first=Min("opened_on"))["first"])


def period_of_run(run) -> tuple[int, int]:
    """The year and triwulan a data-kinerja run collects: the one chosen at its start (issue 18); for a
    run from before it was stored, derived as then (its year and the quarter ended before it started)."""
    if run.about_year is not None and run.about_triwulan is not None:
        return run.about_year, run.about_triwulan
    return collection_period(run.year, timezone.localtime(run.started_at).date())


def triwulan_roman(triwulan: int) -> str:
    return ROMAN[triwulan]
