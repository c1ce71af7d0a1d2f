"""Total time standard (Mutu Baku: Waktu) of an SOP, and its Indonesian wording.

Every step counts once, as the SOP table does: a correction loop taken at run time is not in the
standard. Days are working days; `minutes_per_day` converts them (510 = 8.5 working hours,
07.30–16.00 with no break subtracted; pass your office's value).
"""

from __future__ import annotations

from alur.core.sop.model import Sop, WaktuUnit

DEFAULT_MINUTES_PER_DAY = 510
_MINUTES_PER_UNIT = {WaktuUnit.MENIT: 1, WaktuUnit.JAM: 60}


def total_waktu(sop: Sop) -> dict[WaktuUnit, float]:
    """Sum of Waktu per unit, every unit present (0.0 when no step uses it)."""
    totals = {unit: 0.0 for unit in WaktuUnit}
    for step in sop.steps:
        if step.waktu is not None:
            totals[step.waktu.unit] += float(step.waktu.amount)
    return totals


def total_working_minutes(sop: Sop, minutes_per_day: int = DEFAULT_MINUTES_PER_DAY) -> float:
    """All step times in working minutes: menit + 60·jam + minutes_per_day·hari."""
    if minutes_per_day <= 0:
        raise ValueError("minutes_per_day harus lebih dari nol")
    totals = total_waktu(sop)
    return (
        totals[WaktuUnit.MENIT]
        + totals[WaktuUnit.JAM] * _MINUTES_PER_UNIT[WaktuUnit.JAM]
        + totals[WaktuUnit.HARI] * minutes_per_day
    )


def format_working_minutes(minutes: float, minutes_per_day: int = DEFAULT_MINUTES_PER_DAY) -> str:
    """2040 -> "4 hari kerja"; 1 day + 95 min -> "1 hari kerja 1 jam 35 menit"; 0 -> "0 menit".

    Rounded to whole minutes; zero parts are left out.
    """
    if minutes_per_day <= 0:
        raise ValueError("minutes_per_day harus lebih dari nol")
    total = max(0, round(minutes))
    days, rest = divmod(total, minutes_per_day)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari kerja")
    if hours:
        parts.append(f"{hours} jam")
    if mins:
        parts.append(f"{mins} menit")
    return " ".join(parts) or "0 menit"


def format_total_waktu(sop: Sop, minutes_per_day: int = DEFAULT_MINUTES_PER_DAY) -> str:
    """The whole SOP's time standard in words, e.g. "4 hari kerja 1 jam 20 menit"."""
    return format_working_minutes(total_working_minutes(sop, minutes_per_day), minutes_per_day)
