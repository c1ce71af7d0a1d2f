"""The helpers every document kind (`alur.documents.kinds`) builds its content with. Each kind builds
from the office's verified data in constant queries: every read is one query over all
indicators/programmes, never one per indicator.

Only verified realisations (diverifikasi, disahkan) appear as figures; a place without them shows
`content.NO_DATA` and is listed in the document's gaps (the generation report)."""

from __future__ import annotations

from decimal import Decimal

from alur.kinerja.models import (
    PerjanjianKinerja,
)
from alur.kinerja.snapshots import (
    definition_of,
    indicator_rows,
    targets_by_indicator,
    year_snapshot,
)
from alur.sop.selectors import office_header

from . import kinds
from .content import (
    Document,
    Heading,
    Paragraph,
    number,
)
from .narratives import blocks_of

ROMAN = ["I", "II", "III", "IV"]


def new_document(kind: str, office, year: int, subtitle: str = "") -> Document:
    title = kinds.title_of(kind)
    doc = Document(kind=kind, title=title, subtitle=subtitle or f"Tahun {year}", office=office.name, year=year)
    # the year once: a subtitle that already names it ("Tahun 2026", "Tahun 2021–2026") is not followed by it
    doc.cover = (title.upper(), doc.subtitle.upper(), office.name.upper(), office.government.upper()
                 if getattr(office, "government", "") else "",
                 "" if str(year) in doc.subtitle else str(year))  # the year once: "TAHUN 2026" says it
    doc.logo = office_header(office).logo if getattr(office, "logo", None) else None  # office data (Data induk)
    return doc


def narrative_or_gap(doc: Document, texts: dict, key: str, where: str) -> None:
    """A narrative section's paragraphs, or the gap notice when nobody has written it yet."""
    item = texts.get(key)
    if item is None or not item.text.strip():
        doc.add(Paragraph(f"[{doc.gap(f'{where}: narasi belum ditulis')}: narasi '{where}' belum ditulis]"))
        return
    doc.add(*blocks_of(item.text))


def value_or_gap(value: Decimal | None, doc: Document | None = None, where: str = "") -> str:
    if value is None:
        return doc.gap(where) if doc is not None else "–"
    return number(value)


def live_definitions(renstra, years: list[int]) -> dict[int, list]:
    """Definitions of each year from today's indicator rows (three queries): the IKU and the Renstra
    define the indicators themselves, so they read the live rows, not a signed PK's frozen copy."""
    indicators = list(indicator_rows([renstra.pk]))
    annual, quarters = targets_by_indicator([i.pk for i in indicators], [*years, renstra.end_year])
    return {y: [definition_of(i, y, renstra.end_year, annual, quarters) for i in indicators] for y in years}


def no_renstra(doc: Document, office, year: int) -> Document:
    doc.add(Heading("Data belum tersedia"),
            Paragraph(doc.gap(f"Renstra yang mencakup tahun {year} untuk {office.name}")))
    return doc


def pk_of(office, year: int) -> PerjanjianKinerja | None:
    """The PK in force (highest signed version), else the newest draft."""
    pks = list(PerjanjianKinerja.objects.filter(office=office, year=year).select_related("pihak_pertama")
               .order_by("-version"))
    return next((pk for pk in pks if pk.signed_at), pks[0] if pks else None)


def pk_snapshot(pk: PerjanjianKinerja) -> dict:
    return pk.snapshot if pk.snapshot else year_snapshot(pk.renstra, pk.year)
