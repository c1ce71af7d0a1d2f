"""Reads that need care: the pengukuran kinerja table of a year (a constant number of queries, not
one per indicator), the queues, and an indicator's series for its chart.

Only verified figures (diverifikasi, disahkan) count in a year's value and capaian; others are
returned beside them, marked, so a page can show them as unverified."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from alur.core.kinerja import (
    Aggregation,
    Band,
    Capaian,
    EfficiencyRule,
    Polarity,
    ScaleRow,
    TurunFormula,
    aggregate,
    capaian,
    classify,
    efficiency,
    quarter_target_warnings,
    round_percent,
    serapan,
)

from . import periods
from .budget_tree import programme_money
from .models import CapaianScaleRow, Indicator, PerjanjianKinerja, Realisasi, Renstra
from .policies import unit_ids_of
from .setup import setting_for
from .snapshots import Definition, definition_of, definitions_from_snapshot, indicator_rows, targets_by_indicator


def scale_rows(office) -> list[ScaleRow]:
    return [ScaleRow(label=r.label, lower=r.lower, upper=r.upper, lower_inclusive=r.lower_inclusive,
                     upper_inclusive=r.upper_inclusive, colour=r.colour, caps_at=r.caps_at)
            for r in CapaianScaleRow.objects.filter(office=office).order_by("order")]


def renstra_for(office, year: int) -> Renstra | None:
    """The Renstra in force for `year` (see `periods`: ditetapkan, never a draft; the shared transition
    year belongs to the older plan)."""
    return periods.in_force(office, year)


def band_of(d: Definition) -> Band | None:
    if d.polarity != Polarity.RENTANG or d.band_low is None or d.band_high is None:
        return None
    if d.band_falloff is None:
        return Band(low=d.band_low, high=d.band_high)
    return Band(low=d.band_low, high=d.band_high, falloff=d.band_falloff)


def capaian_of(d: Definition, target: Decimal | None, realisasi: Decimal | None) -> Capaian:
    return capaian(polarity=Polarity(d.polarity), target=target, realisasi=realisasi,
                   turun_formula=TurunFormula(d.turun_formula), band=band_of(d))


@dataclass(frozen=True)
class QuarterCell:
    triwulan: int
    value: Decimal | None
    state: str
    state_label: str
    counts: bool
    late: bool
    realisasi_id: int


@dataclass
class MeasureRow:
    definition: Definition
    quarters: list[QuarterCell | None]
    realisasi: Decimal | None  # of the year, verified quarters only
    capaian: Capaian
    capaian_shown: Decimal | None  # rounded for display
    category: ScaleRow | None
    unverified: int  # quarters with a figure that does not count yet
    prev_target: Decimal | None
    prev_realisasi: Decimal | None
    prev_capaian: Capaian | None
    progress: Capaian  # realisation against the Renstra end target
    warnings: list[str] = field(default_factory=list)


@dataclass
class SasaranGroup:
    label: str
    tujuan: str
    rows: list[MeasureRow]


@dataclass
class BudgetRow:
    """A programme's money in the year: pagu and realisasi anggaran, serapan, and the efficiency label
    comparing serapan with the average verified capaian of the sasaran the programme serves."""

    code: str
    name: str
    pagu: Decimal
    realisasi: Decimal
    serapan: Decimal | None
    capaian: Decimal | None
    efficiency: str | None
    warnings: list[str] = field(default_factory=list)  # its own pagu/realisasi vs its kegiatan's


@dataclass
class Pengukuran:
    office: object
    year: int
    renstra: Renstra | None
    frozen_by: PerjanjianKinerja | None  # the signed PK whose snapshot the definitions come from
    groups: list[SasaranGroup]
    scale: list[ScaleRow]
    budget: list[BudgetRow] = field(default_factory=list)
    efficiency_rule: EfficiencyRule | None = None

    @property
    def rows(self) -> list[MeasureRow]:
        return [row for group in self.groups for row in group.rows]


def _signed_pks(office, years) -> dict[int, PerjanjianKinerja]:
    """The PK in force for each year: the highest signed version."""
    found: dict[int, PerjanjianKinerja] = {}
    for pk in PerjanjianKinerja.objects.filter(office=office, year__in=years, signed_at__isnull=False).order_by(
            "year", "version"):
        found[pk.year] = pk
    return found


def definitions_for(office, renstra: Renstra, years: list[int]) -> tuple[dict[int, list[Definition]], dict]:
    """Definitions per year: a signed PK's snapshot, else the live rows. Constant queries."""
    pks = _signed_pks(office, years)
    result: dict[int, list[Definition]] = {}
    live_years = [y for y in years if y not in pks]
    if live_years:
        indicators = list(indicator_rows([renstra.pk]))
        annual, quarters = targets_by_indicator([i.pk for i in indicators], [*live_years, renstra.end_year])
        for y in live_years:
            result[y] = [definition_of(i, y, renstra.end_year, annual, quarters) for i in indicators]
    for y, pk in pks.items():
        result[y] = definitions_from_snapshot(pk.snapshot)
    return result, pks


def _cells(rows) -> dict[tuple[int, int], list[QuarterCell | None]]:
    labels = dict(Realisasi.State.choices)
    cells: dict[tuple[int, int], list[QuarterCell | None]] = {}
    for pk, indicator_id, year, triwulan, value, state, late in rows:
        cells.setdefault((indicator_id, year), [None] * 4)[triwulan - 1] = QuarterCell(
            triwulan=triwulan, value=value, state=state, state_label=str(labels.get(state, state)),
            counts=state in Realisasi.COUNTED, late=late, realisasi_id=pk)
    return cells


def _counted(cells: list[QuarterCell | None], how: str) -> Decimal | None:
    return aggregate([c.value if c is not None and c.counts else None for c in cells], Aggregation(how))


def pengukuran(office, year: int) -> Pengukuran:
    """The pengukuran kinerja table of `year`. About eight queries whatever the number of indicators."""
    renstra = renstra_for(office, year)
    scale = scale_rows(office)
    if renstra is None:
        return Pengukuran(office=office, year=year, renstra=None, frozen_by=None, groups=[], scale=scale)
    years = [year, year - 1] if year - 1 >= renstra.start_year else [year]
    definitions, pks = definitions_for(office, renstra, years)
    ids = {d.id for ds in definitions.values() for d in ds}
    cells = _cells(Realisasi.objects.filter(indicator_id__in=ids, year__in=years).values_list(
        "pk", "indicator_id", "year", "triwulan", "value", "state", "late"))
    previous = {d.id: d for d in definitions.get(year - 1, [])}
    groups: dict[int | None, SasaranGroup] = {}
    empty = [None] * 4
    for d in definitions[year]:
        quarters = cells.get((d.id, year), empty)
        realisasi = _counted(quarters, d.aggregation)
        result = capaian_of(d, d.target, realisasi)
        prev_def = previous.get(d.id)
        prev_realisasi = _counted(cells.get((d.id, year - 1), empty), prev_def.aggregation) if prev_def else None
        row = MeasureRow(
            definition=d, quarters=list(quarters), realisasi=realisasi, capaian=result,
            capaian_shown=round_percent(result.value), category=classify(result.value, scale),
            unverified=sum(1 for c in quarters if c is not None and not c.counts and c.value is not None),
            prev_target=prev_def.target if prev_def else None, prev_realisasi=prev_realisasi,
            prev_capaian=capaian_of(prev_def, prev_def.target, prev_realisasi) if prev_def else None,
            progress=capaian_of(d, d.end_target, realisasi),
            warnings=quarter_target_warnings(list(d.quarter_targets), d.target, Aggregation(d.aggregation)),
        )
        group = groups.setdefault(d.sasaran_id, SasaranGroup(label=d.sasaran, tujuan=d.tujuan, rows=[]))
        group.rows.append(row)
    rule = efficiency_rule_for(office)
    return Pengukuran(office=office, year=year, renstra=renstra, frozen_by=pks.get(year), groups=list(groups.values()),
                      scale=scale, budget=budget_rows(renstra, year, groups, rule), efficiency_rule=rule)


def efficiency_rule_for(office) -> EfficiencyRule:
    setting = setting_for(office)
    return EfficiencyRule(margin=setting.efficiency_margin, name=setting.efficiency_rule_name or "Aturan efisiensi OPD",
                          source=setting.efficiency_rule_name)


def budget_rows(renstra, year: int, groups: dict, rule: EfficiencyRule) -> list[BudgetRow]:
    """Each programme's money in the year from its own lines (`budget_tree.programme_money`: never a
    programme and its kegiatan added together), its own serapan, and the efficiency against the mean
    capaian of the counted rows of the sasaran it serves. One query."""
    rows = []
    for money in programme_money(renstra, year):
        program = money.program
        group = groups.get(program.sasaran_id)
        values = [r.capaian.value for r in group.rows if r.capaian.value is not None] if group else []
        mean = sum(values, Decimal(0)) / len(values) if values else None
        absorbed = serapan(money.realisasi, money.pagu)
        rows.append(BudgetRow(code=program.code, name=program.name, pagu=money.pagu, realisasi=money.realisasi,
                              serapan=absorbed, capaian=mean,
                              efficiency=efficiency(capaian=mean, serapan=absorbed, rule=rule),
                              warnings=money.warnings))
    return rows


def indicator_series(indicator: Indicator) -> dict:
    """Target vs verified realisation by quarter (every Renstra year) and by year, for the chart."""
    renstra = indicator.renstra
    definitions, _pks = definitions_for(renstra.office, renstra, renstra.years)
    cells = _cells(Realisasi.objects.filter(indicator=indicator).values_list(
        "pk", "indicator_id", "year", "triwulan", "value", "state", "late"))
    years, quarter_labels, quarter_target, quarter_real, year_target, year_real = [], [], [], [], [], []
    for y in renstra.years:
        d = next((x for x in definitions[y] if x.id == indicator.pk), None)
        if d is None:
            continue
        quarters = cells.get((indicator.pk, y), [None] * 4)
        years.append(y)
        year_target.append(_float_text(d.target))
        year_real.append(_float_text(_counted(quarters, d.aggregation)))
        for index in range(4):
            quarter_labels.append(f"TW {['I', 'II', 'III', 'IV'][index]} {y}")
            quarter_target.append(_float_text(d.quarter_targets[index]))
            cell = quarters[index]
            quarter_real.append(_float_text(cell.value if cell is not None and cell.counts else None))
    return {"years": years, "year_target": year_target, "year_realisasi": year_real,
            "quarters": quarter_labels, "quarter_target": quarter_target, "quarter_realisasi": quarter_real}


def _float_text(value: Decimal | None) -> str | None:
    """Numbers for the chart's JSON as text (the chart parses them); no float arithmetic here."""
    return None if value is None else format(value.normalize(), "f")


def my_indicators(user, office, year: int, day=None):
    """Indicators of the units `user` acts in, of the Renstra in force for `year` (a draft's or an
    older plan's indicators with the same code would list IKU-01 twice), for the entry page."""
    renstra = renstra_for(office, year)
    if renstra is None:
        return Indicator.objects.none()
    units = unit_ids_of(user, office, day)
    return (Indicator.objects.filter(renstra=renstra, unit_id__in=units)
            .select_related("renstra", "sasaran").order_by("code"))


def verification_queue(office):
    return (Realisasi.objects.filter(indicator__renstra__office=office, state=Realisasi.State.DIAJUKAN)
            .select_related("indicator", "submitted_by").prefetch_related("evidence")
            .order_by("year", "triwulan", "indicator__code"))


def approval_queue(office):
    return (Realisasi.objects.filter(indicator__renstra__office=office, state=Realisasi.State.DIVERIFIKASI)
            .select_related("indicator", "verified_by").prefetch_related("evidence")
            .order_by("year", "triwulan", "indicator__code"))
