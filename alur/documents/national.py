"""LKjIP Bab III's comparison with the national standard (PermenPAN-RB 53/2014: "dibandingkan
dengan standar nasional"), from the standard and its source a planner entered on the indicator."""

from __future__ import annotations

from decimal import Decimal

from alur.kinerja.models import Indicator

from .content import NO_DATA, Document, Paragraph, Table, number


def national_standards(rows) -> dict[int, tuple[Decimal, str]]:
    """Indicator id → (national standard, its source) for the indicators that have one: one query.
    Read live from the indicators (a planner enters them as they are published), not from the
    year's snapshot, which fixes only what was planned."""
    ids = [r.definition.id for r in rows]
    found = Indicator.objects.filter(pk__in=ids, national_standard__isnull=False).values_list(
        "pk", "national_standard", "national_standard_source")
    return {pk: (value, source) for pk, value, source in found}


def _against_standard(realisasi: Decimal | None, standard: Decimal, polarity: str) -> str:
    """Where the year's realisation stands against the national standard, by the indicator's polarity."""
    if realisasi is None:
        return "–"
    if polarity == "turun":
        return "memenuhi standar" if realisasi <= standard else "belum memenuhi standar"
    if polarity == "naik":
        return "memenuhi standar" if realisasi >= standard else "belum memenuhi standar"
    return "sama dengan standar" if realisasi == standard else "berbeda dari standar"


def national_standard_comparison(doc: Document, rows, standards: dict, year: int) -> None:
    """Bab III's comparison with the national standard for one sasaran: a table of the indicators
    that have one; each indicator without one is a listed gap."""
    compared = [(r, standards[r.definition.id]) for r in rows if r.definition.id in standards]
    if compared:
        doc.add(Table("Perbandingan dengan standar nasional",
                      ("Indikator", "Satuan", f"Realisasi {year}", "Standar nasional", "Sumber", "Keterangan"),
                      tuple((f"{r.definition.code} {r.definition.name}", r.definition.satuan,
                             number(r.realisasi) if r.realisasi is not None else "–", number(value),
                             source or "–", _against_standard(r.realisasi, value, r.definition.polarity))
                            for r, (value, source) in compared),
                      widths=(5, 1.4, 1.6, 1.6, 3, 2.2)))
    missing = [r.definition for r in rows if r.definition.id not in standards]
    if missing:
        for d in missing:
            doc.gap(f"standar nasional {d.code}")
        doc.add(Paragraph("Standar nasional belum diisi untuk: "
                          + ", ".join(f"{d.code} {d.name}" for d in missing) + f" ({NO_DATA})."))
