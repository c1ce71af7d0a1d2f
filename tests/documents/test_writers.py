"""The DOCX and the PDF of a document come from one content model and must not drift."""

import re
from io import BytesIO

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from alur.documents.content import NO_DATA, Document, Heading, Paragraph, Table, number
from alur.documents.docx_writer import write_docx
from alur.documents.kinds import build
from alur.documents.pdf_writer import write_pdf

FIGURE = re.compile(r"^-?\d[\d.]*(,\d+)?%?$")


def docx_headings(data: bytes) -> list[str]:
    return [p.text for p in read_docx(BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]


def docx_figures(data: bytes) -> set[str]:
    found = set()
    for table in read_docx(BytesIO(data)).tables:
        if table.style is None or table.style.name != "Table Grid":  # signature blocks, name/jabatan lines
            continue
        for row in table.rows:
            for cell in row.cells:
                found.update(t for t in cell.text.split() if FIGURE.match(t))
    return found


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def content_figures(doc: Document) -> set[str]:
    found = set()
    for table in doc.tables:
        for row in (table.columns, *table.rows, *([table.total] if table.total else [])):
            for cell in row:
                found.update(t for t in cell.split() if FIGURE.match(t))
    return found


@pytest.mark.parametrize("kind", ["iku", "pk", "lkjip"])
def test_docx_and_pdf_carry_the_same_headings_and_figures(kinerja_office, kind):
    doc = build(kind, kinerja_office, 2026)
    docx, pdf = write_docx(doc), write_pdf(doc)
    assert docx_headings(docx) == [h.text for h in doc.headings]
    text = " ".join(pdf_text(pdf).split())
    for heading in doc.headings:
        words = " ".join(heading.text.split())
        assert words.upper() in text.upper(), heading.text
    figures = content_figures(doc)
    assert figures, "the document has figures in its tables"
    assert figures == docx_figures(docx)
    pdf_tokens = set(text.split())
    assert figures <= pdf_tokens, sorted(figures - pdf_tokens)[:10]


def test_docx_has_toc_and_page_fields(kinerja_office):
    docx = read_docx(BytesIO(write_docx(build("lkjip", kinerja_office, 2026))))
    body = docx.element.body.xml
    assert "TOC \\o" in body
    assert "PAGE" in docx.sections[0].footer._element.xml


def test_small_document_written_both_ways(settings):
    doc = Document(kind="iku", title="Uji", subtitle="Tahun 2026", office="OPD", year=2026)
    doc.add(Heading("Satu"), Paragraph("teks"), Table("T", ("A", "B"), (("x", number(1234.5, 2)),),
                                                     total=("TOTAL", "9.999")))
    assert docx_headings(write_docx(doc)) == ["Satu"]
    assert docx_figures(write_docx(doc)) == {"1.234,50", "9.999"}
    assert "1.234,50" in pdf_text(write_pdf(doc))


def test_missing_data_is_a_notice_and_a_gap_not_a_crash(demo_office):
    """An office without a Renstra: every document still comes out, saying what is missing."""
    for kind in ("iku", "pk", "data_kinerja", "lkjip", "renja", "renstra"):
        doc = build(kind, demo_office, 2026, 3)
        assert doc.gaps, kind
        assert NO_DATA in pdf_text(write_pdf(doc)), kind
        write_docx(doc)


def test_docx_charts_are_svg_for_word_with_a_png_fallback():
    from zipfile import ZipFile

    from alur.documents.charts import svg
    from alur.documents.content import Chart
    from alur.kit.docx_svg import ASVG_NS

    chart = Chart("Grafik 1. Rata-rata capaian per sasaran (%)", ("S1", "S2 <&>"), (("Capaian", (87.5, None)),))
    data = write_docx(Document(kind="lkjip", title="Uji", subtitle="2026", office="OPD uji", year=2026,
                               blocks=[Heading("Bab"), chart]))
    body = read_docx(BytesIO(data)).element.body
    (blip,) = body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    (svg_blip,) = blip.iter(f"{{{ASVG_NS}}}svgBlip")
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    with ZipFile(BytesIO(data)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        assert package.read("word/" + targets[blip.get(rid)])[:8] == b"\x89PNG\r\n\x1a\n"  # the fallback
        assert package.read("word/" + targets[svg_blip.get(rid)]).decode() == svg(chart)  # the vector
        assert "image/svg+xml" in package.read("[Content_Types].xml").decode()


def test_pdf_tables_use_the_docx_column_widths_and_the_toc_has_page_numbers():
    from alur.documents.content import Toc
    from alur.documents.pdf_writer import html_of

    doc = Document(kind="iku", title="Uji", subtitle="2026", office="OPD uji", year=2026, blocks=[
        Toc(), Heading("Bab satu"), Table("Lebar", ("A", "B"), (("1", "2"),), widths=(1, 3)),
        Heading("Bab dua"), Table("Tanpa lebar", ("A", "B"), (("3", "4"),))])
    html = html_of(doc)
    assert html.count('<table class="grid fixed">') == 1 and html.count('<table class="grid">') == 1
    assert '<col style="width: 25.00%"><col style="width: 75.00%">' in html
    text = pdf_text(write_pdf(doc))
    toc = text[text.index("DAFTAR ISI"):]
    assert re.search(r"Bab satu\s*\d+", toc) and re.search(r"Bab dua\s*\d+", toc)
