"""Printed tables read like the paper ones: a row never splits across pages (its label stays with
its figures) and the header row repeats on every page a table continues on; lists are lists."""

import re
from collections import Counter, defaultdict
from io import BytesIO

import pdfplumber
from docx import Document as read_docx
from docx.oxml.ns import qn

from alur.documents.content import Document, Heading, Table
from alur.documents.docx_writer import write_docx
from alur.documents.kinds import build
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


def test_narrative_lists_under_a_lead_line_are_lists():
    from alur.documents.content import BulletList, Paragraph
    from alur.documents.narratives import blocks_of

    text = ("Faktor pendorong:\n- komitmen pimpinan\n  dan staf\n- aplikasi SiCantik\n"
            "Upaya:\n1. pelatihan\n2) pendampingan\n- catatan\nPenutup kalimat.")
    assert blocks_of(text) == [
        Paragraph("Faktor pendorong:"), BulletList(("komitmen pimpinan dan staf", "aplikasi SiCantik")),
        Paragraph("Upaya:"), BulletList(("pelatihan", "pendampingan"), numbered=True), BulletList(("catatan",)),
        Paragraph("Penutup kalimat.")]


def test_lists_print_as_lists_in_pdf_and_docx_and_numbering_restarts():
    from alur.documents.content import BulletList, Paragraph
    from alur.documents.pdf_writer import html_of

    doc = Document(kind="lkjip", title="Uji", subtitle="2026", office="OPD uji", year=2026, blocks=[
        Heading("Bab"), Paragraph("Upaya:"), BulletList(("satu", "dua", "tiga"), numbered=True),
        BulletList(("butir",)), BulletList(("empat", "lima"), numbered=True)])
    html = html_of(doc)
    assert "<ol><li>satu</li><li>dua</li><li>tiga</li></ol>" in html and "<ul><li>butir</li></ul>" in html
    text = " ".join(
        page.extract_text() for page in pdfplumber.open(BytesIO(write_pdf(doc))).pages)
    assert re.search(r"1\.\s*satu\s+2\.\s*dua\s+3\.\s*tiga", text) and re.search(r"1\.\s*empat\s+2\.\s*lima", text)
    paragraphs = read_docx(BytesIO(write_docx(doc))).paragraphs
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["satu"] == styles["empat"] == "List Number" and styles["butir"] == "List Bullet"
    num = {p.text: p._p.pPr.numPr.numId.val for p in paragraphs if p.text in ("satu", "tiga", "empat")}
    assert num["satu"] == num["tiga"] != num["empat"]  # the second numbered list starts at 1 again
