"""Working time in words, once for every page and document: "1 hari kerja 2 jam 5 menit".

A working day's length is the office calendar's, never a constant: `WorkingDay.of(hours)` takes it
from the calendar's standard office hours, and the SOP document prints both the length and the
hours ("1 hari kerja = 8 jam 30 menit, 07.30–16.00"). Plain Python, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

FALLBACK_MINUTES_PER_DAY = 510  # 07.30–16.00, the default calendar's Monday; only when none is given


def format_working_minutes(minutes: float, minutes_per_day: int = FALLBACK_MINUTES_PER_DAY) -> str:
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


def format_clock_length(minutes: int) -> str:
    """510 -> "8 jam 30 menit"; 480 -> "8 jam" (a length of time, not working days)."""
    hours, mins = divmod(max(0, int(minutes)), 60)
    if hours and mins:
        return f"{hours} jam {mins} menit"
    return f"{hours} jam" if hours else f"{mins} menit"


@dataclass(frozen=True)
class WorkingDay:
    """One standard office day: opening and closing time."""

    opening: time
    closing: time

    @classmethod
    def of(cls, hours: tuple[time, time]) -> WorkingDay:
        return cls(*hours)

    @property
    def minutes(self) -> int:
        delta = datetime.combine(date.min, self.closing) - datetime.combine(date.min, self.opening)
        return int(delta.total_seconds() // 60)

    @property
    def hours_text(self) -> str:
        """"07.30–16.00", as Indonesian documents write office hours."""
        return f"{self.opening:%H.%M}–{self.closing:%H.%M}"

    @property
    def wording(self) -> str:
        """"8 jam 30 menit, 07.30–16.00"."""
        return f"{format_clock_length(self.minutes)}, {self.hours_text}"
