"""The content model every SAKIP document is built into, and both writers read.

A document is a flat list of blocks (headings, paragraphs, lists, tables, charts, page breaks,
signature blocks). `data()` is the canonical JSON of the figures and texts the document shows;
its SHA-256 is the document's data fingerprint, so two generations from the same data agree and
any change of a shown figure changes the fingerprint."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

NO_DATA = "belum ada data terverifikasi"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = chapter (BAB), 2 = section, 3 = subsection, 4 = a labelled part (not in the TOC)
    in_toc: bool = True


@dataclass(frozen=True)
class Paragraph:
    text: str
    align: str = "justify"  # justify / center / right
    bold: bool = False


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None  # a bold TOTAL row
    widths: tuple[float, ...] | None = None  # relative column widths


@dataclass(frozen=True)
class Chart:
    """A bar chart: one series or two side by side (e.g. target vs realisasi)."""

    caption: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (name, values)
    unit: str = "%"


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Orientation:
    """The pages from here on are landscape (a wide table's own section) or portrait again. A document
    with these blocks is portrait A4 with landscape sections; one without them is set in landscape
    as a whole when a table is wide (see the writers)."""

    landscape: bool


@dataclass(frozen=True)
class Toc:
    """The table of contents: a field in DOCX (updated by Word/LibreOffice), a list in the PDF."""

    title: str = "DAFTAR ISI"


@dataclass(frozen=True)
class Signatures:
    """Signature blocks side by side: (role line, title, name, detail lines)."""

    place_date: str
    parties: tuple[tuple[str, str, str, tuple[str, ...]], ...]


Block = Heading | Paragraph | BulletList | Table | Chart | PageBreak | Toc | Signatures | Orientation


@dataclass
class Document:
    kind: str  # iku, pk, data_kinerja, lkjip, renja, renstra
    title: str
    subtitle: str
    office: str
    year: int
    cover: tuple[str, ...] = ()  # lines on the cover page
    blocks: list[Block] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # the generation report: every place without data

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def gap(self, where: str) -> str:
        """Record a place without verified data and return the text to show there."""
        self.gaps.append(where)
        return NO_DATA

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def has_sections(self) -> bool:
        """Whether the document says itself where its landscape sections are (Orientation blocks)."""
        return any(isinstance(b, Orientation) for b in self.blocks)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def data(self) -> dict:
        """Everything the document shows, as canonical JSON-ready data (for the fingerprint)."""
        return {"kind": self.kind, "title": self.title, "subtitle": self.subtitle, "office": self.office,
                "year": self.year, "cover": list(self.cover),
                "blocks": [{"type": type(b).__name__, **asdict(b)} for b in self.blocks]}

    def fingerprint(self) -> str:
        return fingerprint_of(self.data())


def canonical_json(data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def fingerprint_of(data) -> str:
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


# -- number formats (Indonesian: thousands '.', decimals ',') ----------------------------------------

def number(value: Decimal | float | int | None, places: int | None = None) -> str:
    if value is None:
        return "–"
    value = Decimal(str(value))
    if places is None:  # as many decimals as the figure has, at most four
        places = min(4, max(0, -value.normalize().as_tuple().exponent))
    text = f"{value:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def rupiah(value: Decimal | None) -> str:
    return "–" if value is None else number(value, 0)


def percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{number(value, 2)}%"
