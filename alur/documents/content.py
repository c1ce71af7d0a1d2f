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
from typing import NamedTuple

from alur.core import numbers

NO_DATA = "belum ada data terverifikasi"
NUMBER_BLANK = "…………………………"  # "NOMOR …" to fill in by hand while the run has no outgoing number
DAY_BLANK = "...................."  # the day of signing, to fill in before the document is signed


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


class SignatureParty(NamedTuple):
    """One signer's column of a signature block (built by `signature_block`). A tuple, so the
    document's data keeps the (role, title, name, details) shape it always had."""

    role: str  # "PIHAK PERTAMA," or "" (the jabatan line says who signs)
    title: str  # the jabatan, "Plt./Plh. …" when a stand-in signs
    name: str
    details: tuple[str, ...]  # pangkat/golongan, "NIP. …"
    mark: str = ""  # shown in the signing space: signed electronically on …, or not yet signed
    office_head: bool = False  # the office's head: filled from the run's signature once it is signed


@dataclass(frozen=True)
class Signatures:
    """Signature columns side by side, each line aligned across the columns; `place_date` stands
    above the last column (the office's own signer)."""

    place_date: str
    parties: tuple[SignatureParty, ...]
    keep_with_previous: bool = False  # never alone on a page: stays with the table before it
    decree: bool = False  # a Keputusan: "Ditetapkan di <place> / pada tanggal <date>"


@dataclass(frozen=True)
class Clause:
    """A labelled part of a Keputusan: "Menimbang : a. … b. …", "KESATU : …" — the label, a colon,
    and its items (each already carrying its marker, "a.", "1.")."""

    label: str
    items: tuple[str, ...]


def signature_rows(block: Signatures) -> list[tuple[str, tuple[str, ...]]]:
    """The signature block as aligned lines, each (what it is, one text per column): both writers
    set it as a grid so a column's jabatan, name and NIP stand level with the other column's."""
    parties = block.parties
    width = max((len(p.details) for p in parties), default=0)
    rows: list[tuple[str, tuple[str, ...]]] = []
    if block.place_date:  # above the last column: the office's own signer
        rows.append(("place", tuple(block.place_date if n == len(parties) - 1 else "" for n in range(len(parties)))))
    if any(p.role for p in parties):
        rows.append(("role", tuple(p.role for p in parties)))
    rows.append(("title", tuple(p.title + ("," if p.title and not p.role else "") for p in parties)))
    rows.append(("mark", tuple(p.mark for p in parties)))
    rows.append(("name", tuple(p.name for p in parties)))
    rows.extend(("detail", tuple(p.details[n] if n < len(p.details) else "" for p in parties)) for n in range(width))
    return rows


Block = Heading | Paragraph | BulletList | Table | Chart | PageBreak | Toc | Signatures | Clause | Orientation


@dataclass
class Document:
    kind: str  # iku, pk, data_kinerja, lkjip, renja, renstra
    title: str
    subtitle: str
    office: str
    year: int
    cover: tuple[str, ...] = ()  # lines on the cover page
    logo: bytes | None = None  # the office's logo on the cover (an image, not part of the data)
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

# The document builders' names for the one formatter (alur.core.numbers): a target or realisation
# as entered up to two decimals, whole rupiah, percentages with two decimals.

def number(value: Decimal | float | int | None, places: int | None = None) -> str:
    return numbers.angka(value, places)


def rupiah(value: Decimal | None) -> str:
    return numbers.rupiah(value)


def percent(value: Decimal | None) -> str:
    return numbers.persen(value)
