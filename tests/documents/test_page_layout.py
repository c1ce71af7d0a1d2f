"""Printed tables read like the paper ones: a row never splits across pages (its label stays with
its figures) and the header row repeats on every page a table continues on; lists are lists."""

import re
from collections import Counter, defaultdict
from io import BytesIO

import pdfplumber
from docx import Document as read_docx
from docx.oxml.ns import qn

from alur.documents.builders import build
from alur.documents.content import Document, Heading, Table
from alur.documents.docx_writer import write_docx
from alur.documents.pdf_writer import write_pdf


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")  # wrapped cell text compares equal to the content's


def rows_per_header(tables) -> dict[tuple, Counter]:
    expected: dict[tuple, Counter] = defaultdict(Counter)
    for table in tables:
        if any(table.columns):
            for row in (*table.rows, *([table.total] if table.total else [])):
                expected[tuple(map(squash, table.columns))][tuple(map(squash, row))] += 1
    return expected


def printed_rows(pdf: bytes, headers) -> tuple[dict[tuple, Counter], Counter]:
    """Every row pdfplumber finds under a known header row, page by page, and how many page parts
    each header starts. A row split over two pages comes out as two partial rows that match no row
    of the content; a continuation without its header row is not counted at all."""
    found: dict[tuple, Counter] = defaultdict(Counter)
    parts: Counter = Counter()
    with pdfplumber.open(BytesIO(pdf)) as document:
        for page in document.pages:
            for table in page.extract_tables():
                head = tuple(map(squash, table[0]))
                if head in headers:
                    parts[head] += 1
                    found[head].update(tuple(map(squash, row)) for row in table[1:])
    return found, parts


def test_demo_lkjip_renstra_and_iku_never_split_a_row_and_repeat_the_header(kinerja_office):
    continued = 0
    for kind in ("lkjip", "renstra", "iku"):
        doc = build(kind, kinerja_office, 2026)
        expected = rows_per_header(doc.tables)
        found, parts = printed_rows(write_pdf(doc), expected)
        for head, rows in expected.items():
            assert found[head] == rows, (kind, head[:3], list((found[head] - rows).keys())[:2],
                                         list((rows - found[head]).keys())[:2])
        tables = Counter(tuple(map(squash, t.columns)) for t in doc.tables if any(t.columns))
        continued += sum(parts[head] - n for head, n in tables.items())
    assert continued > 0, "some demo table continues on a next page (so the repeated header is tested)"


def test_a_long_table_keeps_rows_whole_and_repeats_its_header():
    label = "Indikator dengan nama yang sangat panjang sehingga barisnya memakan beberapa baris teks " * 3
    rows = tuple((f"R{n:02d} {label}", str(n), "\n".join(["catatan"] * (n % 5 + 1))) for n in range(60))
    doc = Document(kind="iku", title="Uji", subtitle="2026", office="OPD uji", year=2026,
                   blocks=[Heading("Tabel panjang"), Table("Tabel 1", ("Indikator", "Nilai", "Catatan"), rows)])
    expected = rows_per_header(doc.tables)
    found, parts = printed_rows(write_pdf(doc), expected)
    (head,) = expected
    assert found[head] == expected[head]
    assert parts[head] > 2


def test_docx_header_row_repeats_and_no_row_splits(kinerja_office):
    docx = read_docx(BytesIO(write_docx(build("renstra", kinerja_office, 2026))))
    grids = [t for t in docx.tables if t.style is not None and t.style.name == "Table Grid"]
    assert grids
    for table in grids:
        first, *rest = table.rows
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for row in rest:
            assert row._tr.trPr.find(qn("w:tblHeader")) is None
