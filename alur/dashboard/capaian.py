"""Capaian per office for the kabupaten view: for one year and every office at once, the number of
indicators whose capaian comes from verified realisations, their average capaian, the count per
category of the office's capaian scale, and the SAKIP predikat when it can be computed.

Read-only from alur.kinerja (its models, snapshot helpers and `capaian_of`, the same formula as the
pengukuran table) and alur.core.kinerja; a fixed number of statements whatever the number of
offices or indicators (alur.kinerja.selectors.pengukuran would cost eight per office).

The definitions of a year are those of its signed PK (the snapshot) or, without one, the live
indicators of the Renstra covering the year, as on the pengukuran page. Only diverifikasi/disahkan
quarters count. The average is of the verified indicators' capaian, each first limited by its
scale row's `caps_at` (e.g. 120 counted as 100) as the scale says.

The predikat (AA…D, PermenPAN-RB 88/2021) grades the SAKIP *evaluation* score, which Alur does not
record; so it is never derived from capaian and is shown as "—" with that reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from alur.core.kinerja import Aggregation, ScaleRow, aggregate, classify, round_percent
from alur.kinerja.models import CapaianScaleRow, PerjanjianKinerja, Realisasi, Renstra
from alur.kinerja.periods import in_force_by_office
from alur.kinerja.selectors import capaian_of
from alur.kinerja.snapshots import definition_of, definitions_from_snapshot, indicator_rows, targets_by_indicator

PREDIKAT_REASON = "nilai evaluasi SAKIP belum tercatat di Alur"


@dataclass
class OfficeCapaian:
    year: int
    indicators: int = 0  # defined for the year
    verified: int = 0  # with a capaian from verified quarters
    average: Decimal | None = None
    categories: list[tuple[str, str, int]] = field(default_factory=list)  # (label, colour, count)
    predikat: str | None = None
    predikat_reason: str = PREDIKAT_REASON


def capaian_by_office(office_ids: list[int], year: int) -> dict[int, OfficeCapaian]:
    """{office id: OfficeCapaian} in eight statements at most."""

    result = {office_id: OfficeCapaian(year) for office_id in office_ids}
    renstras: dict[int, Renstra] = in_force_by_office(office_ids, year)  # never a draft
    signed: dict[int, PerjanjianKinerja] = {}
    for pk in PerjanjianKinerja.objects.filter(office_id__in=office_ids, year=year, signed_at__isnull=False) \
            .order_by("office_id", "version"):
        signed[pk.office_id] = pk  # the highest signed version
    definitions: dict[int, list] = {office_id: definitions_from_snapshot(pk.snapshot)
                                    for office_id, pk in signed.items() if pk.snapshot}
    live = {office_id: renstra for office_id, renstra in renstras.items() if office_id not in definitions}
    if live:
        indicators = list(indicator_rows([r.pk for r in live.values()]))
        end_years = {r.pk: r.end_year for r in live.values()}
        annual, quarters = targets_by_indicator([i.pk for i in indicators], {year, *end_years.values()})
        office_of = {r.pk: office_id for office_id, r in live.items()}
        for indicator in indicators:
            definitions.setdefault(office_of[indicator.renstra_id], []).append(
                definition_of(indicator, year, end_years[indicator.renstra_id], annual, quarters))
    ids = {d.id for ds in definitions.values() for d in ds}
    values: dict[int, list] = {}
    for indicator_id, triwulan, value in Realisasi.objects.filter(
            indicator_id__in=ids, year=year, state__in=Realisasi.COUNTED).values_list("indicator_id", "triwulan",
                                                                                      "value"):
        values.setdefault(indicator_id, [None] * 4)[triwulan - 1] = value
    scales: dict[int, list[ScaleRow]] = {}
    for row in CapaianScaleRow.objects.filter(office_id__in=office_ids).order_by("office_id", "order"):
        scales.setdefault(row.office_id, []).append(ScaleRow(
            label=row.label, lower=row.lower, upper=row.upper, lower_inclusive=row.lower_inclusive,
            upper_inclusive=row.upper_inclusive, colour=row.colour, caps_at=row.caps_at))
    for office_id, entry in result.items():
        scale = scales.get(office_id, [])
        counts = {row.label: 0 for row in scale}
        figures = []
        for d in definitions.get(office_id, []):
            entry.indicators += 1
            realisasi = aggregate(values.get(d.id, [None] * 4), Aggregation(d.aggregation))
            value = capaian_of(d, d.target, realisasi).value
            if value is None:
                continue
            category = classify(value, scale)
            if category is not None:
                counts[category.label] += 1
                value = category.capped(value)
            figures.append(value)
        entry.verified = len(figures)
        entry.average = round_percent(sum(figures, Decimal(0)) / len(figures)) if figures else None
        entry.categories = [(row.label, row.colour, counts[row.label]) for row in scale]
    return result
