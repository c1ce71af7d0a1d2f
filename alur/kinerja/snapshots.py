"""The definitions and targets of a year as plain data: built from the live rows, frozen into a PK's
snapshot when it is signed, and read back from it, so a past year never changes when an indicator
is edited later. JSON holds Decimals as text; `FORMAT` versions the layout."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from .budget_tree import programme_money
from .models import Indicator, IndicatorTarget, QuarterTarget, Renstra

FORMAT = 1
DECIMAL_FIELDS = ("band_low", "band_high", "band_falloff", "baseline", "target", "end_target")


@dataclass(frozen=True)
class Definition:
    """One indicator as a year's figures are computed with it."""

    id: int
    code: str
    name: str
    definisi: str
    formula: str
    kind: str
    satuan: str
    sumber_data: str
    unit: str
    position: str
    polarity: str
    turun_formula: str
    band_low: Decimal | None
    band_high: Decimal | None
    band_falloff: Decimal | None
    aggregation: str
    is_iku: bool
    baseline: Decimal | None
    sasaran_id: int | None
    sasaran: str
    tujuan: str
    target: Decimal | None  # of the year
    end_target: Decimal | None  # kondisi akhir: the target of the Renstra's last year
    quarter_targets: tuple[Decimal | None, ...] = field(default=(None, None, None, None))
    order: int = 0
    alasan: str = ""  # why it is an IKU (snapshots taken before the field read "")

    def to_json(self) -> dict:
        data = asdict(self)
        for name in DECIMAL_FIELDS:
            data[name] = _text(data[name])
        data["quarter_targets"] = [_text(value) for value in self.quarter_targets]
        return data

    @classmethod
    def from_json(cls, data: dict) -> Definition:
        data = dict(data)
        for name in DECIMAL_FIELDS:
            data[name] = _decimal(data.get(name))
        data["quarter_targets"] = tuple(_decimal(value) for value in data.get("quarter_targets", [None] * 4))
        return cls(**data)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def indicator_rows(renstra_ids, *, sasaran_only: bool = True):
    """Indicators of the given Renstras with everything a Definition needs: one query."""
    rows = (Indicator.objects.filter(renstra_id__in=renstra_ids)
            .select_related("sasaran__tujuan", "unit", "position")
            .order_by("renstra_id", "sasaran__tujuan__code", "sasaran__code", "order", "code"))
    return rows.filter(sasaran__isnull=False) if sasaran_only else rows


def targets_by_indicator(indicator_ids, years) -> tuple[dict, dict]:
    """({(indicator, year): value}, {(indicator, year): [q1..q4]}) in two queries."""
    annual = {(i, y): v for i, y, v in IndicatorTarget.objects.filter(indicator_id__in=indicator_ids, year__in=years)
              .values_list("indicator_id", "year", "value")}
    quarters: dict[tuple[int, int], list] = {}
    for i, y, q, v in QuarterTarget.objects.filter(indicator_id__in=indicator_ids, year__in=years).values_list(
            "indicator_id", "year", "triwulan", "value"):
        quarters.setdefault((i, y), [None] * 4)[q - 1] = v
    return annual, quarters


def definition_of(indicator: Indicator, year: int, end_year: int, annual: dict, quarters: dict) -> Definition:
    sasaran = indicator.sasaran
    return Definition(
        id=indicator.pk, code=indicator.code, name=indicator.name, definisi=indicator.definisi,
        formula=indicator.formula, kind=indicator.kind, satuan=indicator.satuan, sumber_data=indicator.sumber_data,
        unit=indicator.unit.name, position=indicator.position.name if indicator.position else "",
        polarity=indicator.polarity, turun_formula=indicator.turun_formula, band_low=indicator.band_low,
        band_high=indicator.band_high, band_falloff=indicator.band_falloff, aggregation=indicator.aggregation,
        is_iku=indicator.is_iku, baseline=indicator.baseline,
        sasaran_id=sasaran.pk if sasaran else None, sasaran=f"{sasaran.code} {sasaran.name}" if sasaran else "",
        tujuan=f"{sasaran.tujuan.code} {sasaran.tujuan.name}" if sasaran else "",
        target=annual.get((indicator.pk, year)), end_target=annual.get((indicator.pk, end_year)),
        quarter_targets=tuple(quarters.get((indicator.pk, year), [None] * 4)), order=indicator.order,
        alasan=indicator.alasan,
    )


def live_definitions(renstra: Renstra, year: int) -> list[Definition]:
    indicators = list(indicator_rows([renstra.pk]))
    annual, quarters = targets_by_indicator([i.pk for i in indicators], [year, renstra.end_year])
    return [definition_of(i, year, renstra.end_year, annual, quarters) for i in indicators]


def programme_budget(renstra: Renstra, year: int) -> list[dict]:
    """Programme → anggaran (the PK's money table): the year's pagu per programme from its own lines
    (else its kegiatan's, never both added; `budget_tree.programme_money`), one query."""
    return [{"id": m.program.pk, "code": m.program.code, "name": m.program.name, "anggaran": str(m.pagu)}
            for m in programme_money(renstra, year)]


def year_snapshot(renstra: Renstra, year: int) -> dict:
    programmes = programme_budget(renstra, year)
    return {
        "format": FORMAT, "year": year, "renstra": renstra.pk, "renstra_revision": renstra.revision,
        "indicators": [d.to_json() for d in live_definitions(renstra, year)],
        "programs": programmes, "total_anggaran": str(sum((Decimal(p["anggaran"]) for p in programmes), Decimal(0))),
    }


def definitions_from_snapshot(snapshot: dict) -> list[Definition]:
    if snapshot.get("format") != FORMAT:
        raise ValueError(f"unknown PK snapshot format {snapshot.get('format')!r}")
    return [Definition.from_json(item) for item in snapshot["indicators"]]


def renstra_snapshot(renstra: Renstra) -> dict:
    """The whole Renstra as ditetapkan: tree, indicators with baseline and yearly targets, pagu."""
    indicators = list(indicator_rows([renstra.pk], sasaran_only=False))
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    programs = renstra.programs.prefetch_related(
        "pagu", Prefetch("kegiatan__pagu"), "kegiatan__sub_kegiatan__pagu").order_by("code")
    return {
        "format": FORMAT, "start_year": renstra.start_year, "end_year": renstra.end_year,
        "revision": renstra.revision, "title": renstra.title,
        "tujuan": [{"id": t.pk, "code": t.code, "name": t.name,
                    "sasaran": [{"id": s.pk, "code": s.code, "name": s.name} for s in t.sasaran.all()]}
                   for t in renstra.tujuan.prefetch_related("sasaran")],
        "indicators": [{**definition_of(i, renstra.start_year, renstra.end_year, annual, {}).to_json(),
                        "targets": {str(y): _text(annual.get((i.pk, y))) for y in renstra.years},
                        "program": i.program_id, "kegiatan": i.kegiatan_id, "sub_kegiatan": i.sub_kegiatan_id}
                       for i in indicators],
        "programs": [{"id": p.pk, "code": p.code, "name": p.name, "unit": p.unit_id,
                      "pagu": {str(x.year): str(x.amount) for x in p.pagu.all()},
                      "kegiatan": [{"id": k.pk, "code": k.code, "name": k.name, "unit": k.unit_id,
                                    "pagu": {str(x.year): str(x.amount) for x in k.pagu.all()},
                                    "sub_kegiatan": [{"id": s.pk, "code": s.code, "name": s.name, "unit": s.unit_id,
                                                      "pagu": {str(x.year): str(x.amount) for x in s.pagu.all()}}
                                                     for s in k.sub_kegiatan.all()]}
                                   for k in p.kegiatan.all()]}
                     for p in programs],
    }
