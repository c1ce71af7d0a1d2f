"""A document with Orientation blocks is portrait A4 with landscape sections exactly where it says, in
the PDF (CSS named pages) and the DOCX (sections); one without them keeps the old rule (landscape as a
whole when a table is wide)."""

import re
from io import BytesIO

import pdfplumber
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT

from alur.documents.content import Document, Heading, Orientation, Paragraph, Table
from alur.documents.docx_writer import write_docx
from alur.documents.pdf_writer import html_of, write_pdf

WIDE = Table("Tabel lebar", tuple(f"K{n}" for n in range(9)), (tuple(str(n) for n in range(9)),))


def pdf_pages(doc: Document) -> list[tuple[bool, str]]:
    with pdfplumber.open(BytesIO(write_pdf(doc))) as pdf:
        return [(page.width > page.height, re.sub(r"Halaman \d+", "", page.extract_text() or "").split())
                for page in pdf.pages]


def test_sections_switch_orientation_in_both_directions_without_blank_pages():
    doc = Document(kind="uji", title="Uji", subtitle="2026", office="OPD uji", year=2026, blocks=[
        Heading("A"), Paragraph("teks-a"), Orientation(True), Heading("B"), WIDE, Orientation(False),
        Heading("C"), Paragraph("teks-c"), Orientation(True), Heading("D"), Orientation(True), WIDE,
        Orientation(False), Heading("E"), Orientation(True)])
    pages = pdf_pages(doc)[1:]  # after the cover
    assert [(landscape, words[0]) for landscape, words in pages] == [
        (False, "A"), (True, "B"), (False, "C"), (True, "D"), (False, "E")]
    sections = read_docx(BytesIO(write_docx(doc))).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT,
                                                 WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]  # none after E
    for section in sections:
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        assert (section.page_width > section.page_height) == landscape
    assert 'size: A4;' in html_of(doc)  # the document itself is portrait


def test_a_document_without_sections_is_landscape_when_a_table_is_wide():
    doc = Document(kind="uji", title="Uji", subtitle="2026", office="OPD uji", year=2026,
                   blocks=[Heading("A"), WIDE])
    assert all(landscape for landscape, _words in pdf_pages(doc))
    (section,) = read_docx(BytesIO(write_docx(doc))).sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
