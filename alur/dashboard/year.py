"""The year at a glance on an office's Dasbor (issue 18 item 24): each IKU's target, realisation to
date and capaian in its category colour, a chart per sasaran, the PK's progress per triwulan and the
budget absorbed per programme.

Every figure is read from `alur.kinerja.selectors.pengukuran`, the table of the pengukuran page, so
the Dasbor can never say something the pengukuran page does not (same plan in force, same verified
quarters, same formula, same budget rows); each figure links to its row there. A fixed number of
statements whatever the number of indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from alur.core.kinerja import format_decimal
from alur.kinerja.models import Renstra
from alur.kinerja.selectors import MeasureRow, Pengukuran, capaian_of, pengukuran

from .charts import capaian_bars_svg

QUARTERS = ("I", "II", "III", "IV")
NO_COLOUR = "#6c757d"


@dataclass
class QuarterProgress:
    """One triwulan of the year's PK: of the indicators with a target for the quarter, how many have a
    verified figure and how many reached their target."""

    triwulan: int
    with_target: int = 0
    reported: int = 0
    reached: int = 0

    @property
    def label(self) -> str:
        return QUARTERS[self.triwulan - 1]


@dataclass
class SasaranGlance:
    label: str
    rows: list[MeasureRow]
    chart: str


@dataclass
class YearGlance:
    year: int
    years: list[int]
    table: Pengukuran
    sasaran: list[SasaranGlance] = field(default_factory=list)
    quarters: list[QuarterProgress] = field(default_factory=list)
    iku_only: bool = True  # False when the office flagged no IKU: then every indicator is shown
    reported_to: int | None = None  # the last triwulan with a verified figure
    pengukuran_url: str = ""

    @property
    def reported_label(self) -> str:
        return QUARTERS[self.reported_to - 1] if self.reported_to else ""


def years_of(office, today_year: int) -> list[int]:
    """The years a leader can look at: every year of the office's Renstras, and this year."""
    years = {today_year}
    for start, end in Renstra.objects.filter(office=office).values_list("start_year", "end_year"):
        years.update(range(start, end + 1))
    return sorted(years)


def row_anchor(row: MeasureRow) -> str:
    """The id of the indicator's row on the pengukuran page (kinerja/pengukuran.html)."""
    return f"indikator-{row.definition.id}"


def year_glance(office, year: int, today_year: int) -> YearGlance:
    table = pengukuran(office, year)
    url = reverse("kinerja:pengukuran", args=[office.code, year])
    iku = [row for row in table.rows if row.definition.is_iku]
    glance = YearGlance(year=year, years=years_of(office, today_year), table=table, iku_only=bool(iku),
                        pengukuran_url=url)
    shown = {id(row) for row in (iku or table.rows)}
    for group in table.groups:
        rows = [row for row in group.rows if id(row) in shown]
        if rows:
            glance.sasaran.append(SasaranGlance(label=group.label, rows=rows, chart=_chart(group.label, rows)))
    glance.quarters, glance.reported_to = _quarters(table.rows)
    return glance


def _chart(label: str, rows: list[MeasureRow]) -> str:
    bars = []
    for row in rows:
        value = row.capaian_shown
        shown = f"{format_decimal(value, 2)}%" if value is not None else _("belum ada capaian")
        colour = row.category.colour if row.category is not None else NO_COLOUR
        bars.append((row.definition.code, float(value) if value is not None else None, colour, shown))
    summary = "; ".join(f"{code} {shown}" for code, _value, _colour, shown in bars)
    return capaian_bars_svg(bars, label=_("Capaian %(sasaran)s: %(ringkas)s") % {"sasaran": label, "ringkas": summary})


def _quarters(rows: list[MeasureRow]) -> tuple[list[QuarterProgress], int | None]:
    quarters = [QuarterProgress(triwulan=index + 1) for index in range(4)]
    reported_to = None
    for row in rows:
        d = row.definition
        for index, progress in enumerate(quarters):
            cell = row.quarters[index]
            counted = cell is not None and cell.counts and cell.value is not None
            if counted:
                reported_to = max(reported_to or 0, index + 1)
            target = d.quarter_targets[index] if index < len(d.quarter_targets) else None
            if target is None:
                continue
            progress.with_target += 1
            if counted:
                progress.reported += 1
                result = capaian_of(d, target, cell.value)
                if result.value is not None and result.value >= 100:
                    progress.reached += 1
    return quarters, reported_to
