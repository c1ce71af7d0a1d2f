"""How real an SOP's Mutu Baku *Waktu* is: the arithmetic behind the time-realism dashboard.

Pure Python (no Django). Durations are office minutes (working time, see
`alur.core.calendar.working_time_between`); one "Hari" is the calendar's standard office day.

Percentiles use the *nearest-rank* definition (the smallest value with at least q% of the values
at or below it), because it is what the database computes with ROW_NUMBER() on both SQLite and
PostgreSQL, and it is always one of the observed times: a P80 of "2 Hari" really happened.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alur.core.numbers import angka
from alur.core.sop.model import Waktu, WaktuUnit

#: Default rule: propose a new Waktu from the 80th percentile once a step has at least 10 runs.
DEFAULT_QUANTILE = 0.8
DEFAULT_MIN_RUNS = 10
#: q x n is computed in floating point (0.7 x 10 = 7.000000000000001); this keeps ceil() exact.
RANK_EPSILON = 1e-9


def nearest_rank(count: int, quantile: float) -> int:
    """1-based rank of the `quantile` (0 < q <= 1) in `count` sorted values (0 when count is 0)."""
    if not 0 < quantile <= 1:
        raise ValueError(f"quantile must be in (0, 1], got {quantile!r}")
    if count <= 0:
        return 0
    return max(1, math.ceil(quantile * count - RANK_EPSILON))


def percentile(values: Iterable[float], quantile: float) -> float | None:
    """Nearest-rank percentile of `values`; None for no values."""
    ordered = sorted(values)
    rank = nearest_rank(len(ordered), quantile)
    return ordered[rank - 1] if rank else None


def unit_minutes(unit: WaktuUnit | str, standard_day_minutes: float) -> float:
    """Office minutes in one unit of `unit` (a Hari is one standard office day)."""
    unit = WaktuUnit(unit)
    return {WaktuUnit.MENIT: 1.0, WaktuUnit.JAM: 60.0, WaktuUnit.HARI: float(standard_day_minutes)}[unit]


def waktu_minutes(waktu: Waktu, standard_day_minutes: float) -> float:
    return float(waktu.amount) * unit_minutes(waktu.unit, standard_day_minutes)


def share_within(values: Sequence[float], standard_minutes: float | None) -> float | None:
    """Fraction (0..1) of `values` at or below the standard; None without values or standard."""
    if not values or standard_minutes is None:
        return None
    return sum(1 for v in values if v <= standard_minutes) / len(values)


@dataclass(frozen=True)
class Suggestion:
    """A proposed Waktu for one step, with the evidence it came from."""

    step_no: int
    current: Waktu
    proposed: Waktu
    count: int
    p80_minutes: float

    @property
    def longer(self) -> bool:
        return self.proposed.amount > self.current.amount


@dataclass(frozen=True)
class Rule:
    """Round the `quantile` of the observed times up to the step's own unit; ignore steps with
    fewer than `min_runs` observations."""

    quantile: float = DEFAULT_QUANTILE
    min_runs: int = DEFAULT_MIN_RUNS

    def __post_init__(self):
        nearest_rank(1, self.quantile)  # validates the quantile
        if self.min_runs < 1:
            raise ValueError(f"min_runs must be at least 1, got {self.min_runs!r}")

    def propose(self, *, step_no: int, current: Waktu | None, count: int, quantile_minutes: float | None,
                standard_day_minutes: float) -> Suggestion | None:
        """The new Waktu for a step, or None when there is too little data, no standard to compare
        with, or the rounded figure equals the current one."""
        if current is None or quantile_minutes is None or count < self.min_runs:
            return None
        size = unit_minutes(current.unit, standard_day_minutes)
        amount = max(1, math.ceil(quantile_minutes / size - 1e-9))
        if amount == current.amount:
            return None
        return Suggestion(step_no=step_no, current=current, proposed=Waktu(amount, current.unit), count=count,
                          p80_minutes=quantile_minutes)


def lead_time_shares(step_minutes: dict[int, float]) -> dict[int, float]:
    """Each step's share (0..1) of the summed time of all steps."""
    total = sum(step_minutes.values())
    if total <= 0:
        return {no: 0.0 for no in step_minutes}
    return {no: minutes / total for no, minutes in step_minutes.items()}


def bottleneck(step_minutes: dict[int, float]) -> int | None:
    """The step that takes the largest total time (the lowest number wins a tie); None if all zero."""
    positive = {no: minutes for no, minutes in step_minutes.items() if minutes > 0}
    if not positive:
        return None
    return min(positive, key=lambda no: (-positive[no], no))


def histogram(values: Sequence[float], *, bins: int = 12, upper: float | None = None) -> list[tuple[float, float, int]]:
    """Equal-width bins from 0 to `upper` (default: the largest value): [(low, high, count)].
    Values above `upper` fall into the last bin, so every value is counted once."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    if not values:
        return []
    top = max(upper if upper is not None else max(values), 1.0)
    width = top / bins
    counts = [0] * bins
    for value in values:
        index = min(bins - 1, max(0, int(value // width)))
        counts[index] += 1
    return [(i * width, (i + 1) * width, counts[i]) for i in range(bins)]


def minutes_text(minutes: float | None, unit: WaktuUnit | str | None, standard_day_minutes: float) -> str:
    """A figure in the step's unit for tables: "1,5 Hari", "45 Menit", "3,2 Jam"; "—" for None."""
    if minutes is None:
        return "—"
    unit = WaktuUnit(unit) if unit else WaktuUnit.MENIT
    amount = minutes / unit_minutes(unit, standard_day_minutes)
    text = angka(amount, 0 if unit is WaktuUnit.MENIT or amount >= 100 else 1)
    return f"{text} {unit.value.capitalize()}"


__all__ = [
    "DEFAULT_MIN_RUNS",
    "DEFAULT_QUANTILE",
    "RANK_EPSILON",
    "Rule",
    "Suggestion",
    "bottleneck",
    "histogram",
    "lead_time_shares",
    "minutes_text",
    "nearest_rank",
    "percentile",
    "share_within",
    "unit_minutes",
    "waktu_minutes",
]
