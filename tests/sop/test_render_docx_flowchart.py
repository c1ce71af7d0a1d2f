"""The DOCX carries the PDF's flowchart (one picture per flow page), its properties, and the
page-break rule shared by the PDF, HTML and DOCX (no lone step on a page when it fits before)."""

import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree
from PIL import Image

from alur.sop.render.docx import ASVG_NS, PNG_DPI, SUBJECT, flowchart_png, render_sop_docx
from alur.sop.render.svg import flow_pages, flowchart_page_svg
from tests.sop.render_samples import OFFICE, iku_sop, renja_sop

SEEDS = Path(__file__).resolve().parents[2] / "alur" / "sop" / "seeds"

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _pictures(document):
    """(table, blip) of every picture in the flow tables, in document order."""
    out = []
    for table in document.tables[1:]:
        for blip in table._tbl.iter(f"{{{A_NS}}}blip"):
            out.append((table, blip))
    return out


@pytest.mark.parametrize(("make", "steps_per_page"), [(iku_sop, 10), (iku_sop, 4), (renja_sop, 6),
                                                      (renja_sop, 10), (renja_sop, 3)])
def test_one_picture_per_flow_page_over_the_actor_columns(make, steps_per_page):
    sop = make()
    pages = flow_pages(sop, steps_per_page=steps_per_page)
    document = _open(render_sop_docx(sop, OFFICE, steps_per_page))
    tables = document.tables[1:]
    assert len(tables) == len(pages)
    assert len(_pictures(document)) == len(pages)
    n = len(sop.actors)
    for page, table in zip(pages, tables, strict=True):
        body = table.rows[2:]
        assert [c.text for c in (row.cells[0] for row in body)] == [f"{s.no}." for s in page.steps]
        # the rows keep the PDF's heights exactly, so the drawing lines up with them
        for row, height in zip(body, page.row_heights, strict=True):
            tr_height = row._tr.trPr.find(qn("w:trHeight"))
            assert tr_height.get(qn("w:hRule")) == "exact"
            assert abs(row.height - Mm(height)) <= Mm(0.02)
        # one cell spanning every actor column and every step row holds the picture
        first_tcs = body[0]._tr.findall(qn("w:tc"))
        picture_tc = first_tcs[2]
        assert picture_tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == str(n)
        assert picture_tc.tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
        for row in body[1:]:
            assert row._tr.findall(qn("w:tc"))[2].tcPr.find(qn("w:vMerge")) is not None
        extent = picture_tc.find(f".//{{{WP_NS}}}inline/{{{WP_NS}}}extent")
        assert int(extent.get("cx")) == Mm(page.layout.actor_area)
        assert int(extent.get("cy")) == Mm(page.height)
        # the text columns stay ordinary cells
        assert [c.text for c in body[0].cells[2 + n:]] == [
            page.steps[0].kelengkapan or "-", str(page.steps[0].waktu), page.steps[0].output or "-",
            page.steps[0].keterangan or "-",
        ]


def test_picture_has_svg_and_a_valid_png_fallback():
    sop = renja_sop()
    pages = flow_pages(sop, steps_per_page=6)
    data = render_sop_docx(sop, OFFICE, 6)
    document = _open(data)
    related = document.part.rels
    for page, (_table, blip) in zip(pages, _pictures(document), strict=True):
        png = related[blip.get(R_EMBED)].target_part
        assert png.content_type == "image/png"
        assert png.blob.startswith(b"\x89PNG\r\n\x1a\n")
        image = Image.open(io.BytesIO(png.blob))
        image.verify()
        image = Image.open(io.BytesIO(png.blob))
        # sized for the page's actor area at PNG_DPI, and holding a drawing (black on white)
        expected = (page.layout.actor_area / 25.4 * PNG_DPI, page.height / 25.4 * PNG_DPI)
        assert image.size == pytest.approx(expected, abs=2)
        assert image.convert("L").getextrema() == (0, 255)
        assert 2_000 < len(png.blob) < 1_000_000

        (svg_blip,) = blip.iter(f"{{{ASVG_NS}}}svgBlip")
        svg_part = related[svg_blip.get(R_EMBED)].target_part
        assert svg_part.content_type == "image/svg+xml"
        assert svg_part.blob.decode("utf-8") == flowchart_page_svg(sop, page)
        root = etree.fromstring(svg_part.blob)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        # styles are attributes (Word ignores a <style> sheet)
        assert root.find("{http://www.w3.org/2000/svg}style") is None and b"class=" not in svg_part.blob
        assert len(root.findall(".//{http://www.w3.org/2000/svg}polygon")) >= 1  # diamonds, heads

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
        assert 'ContentType="image/svg+xml"' in types
        assert sum(name.endswith(".svg") for name in package.namelist()) == len(pages)


def test_png_fallback_draws_the_symbols_where_the_svg_does():
    sop = iku_sop()
    (page,) = flow_pages(sop, steps_per_page=10)
    image = Image.open(io.BytesIO(flowchart_png(flowchart_page_svg(sop, page)))).convert("L")
    px_per_mm = PNG_DPI / 25.4
    layout = page.layout
    for step, top, height in page.rows():
        column = sop.actors.index(step.actors[0])
        # the symbol's outline crosses the middle of its row, left of the column centre
        y = round((top + height / 2) * px_per_mm)
        x0 = round(layout.actor_left(column) * px_per_mm) + 3
        x1 = round(layout.actor_center(column) * px_per_mm)
        assert min(image.getpixel((x, y)) for x in range(x0, x1)) < 100, step.no


def test_document_properties():
    sop = iku_sop()
    now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    props = _open(render_sop_docx(sop, OFFICE, now=now)).core_properties
    assert props.title == sop.nama
    assert props.author == "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"
    assert props.last_modified_by == props.author
    assert props.subject == SUBJECT == "SOP Administrasi Pemerintahan"
    assert props.keywords == sop.nomor
    assert props.created == props.modified == now
    assert props.language == "id-ID"
    assert "python-docx" not in (props.comments + props.author)

    today = _open(render_sop_docx(sop, OFFICE)).core_properties
    assert today.created.date() == today.modified.date() == datetime.now(UTC).date()


def _lone_pages(pages):
    return [p.number for p in pages if len(p.steps) == 1]


@pytest.mark.parametrize(("make", "steps_per_page", "sizes"), [
    (iku_sop, 8, [9]),       # was 8 + 1
    (iku_sop, 4, [4, 5]),    # was 4 + 4 + 1
    (iku_sop, 2, [2, 2, 2, 3]),
    (renja_sop, 5, [5, 6]),  # was 5 + 5 + 1
    (renja_sop, 6, [6, 5]),
])
def test_no_lone_step_on_a_page_when_it_fits_on_the_previous(make, steps_per_page, sizes):
    pages = flow_pages(make(), steps_per_page=steps_per_page)
    assert [len(p.steps) for p in pages] == sizes
    assert _lone_pages(pages) == []
    document = _open(render_sop_docx(make(), OFFICE, steps_per_page))
    assert [len(t.rows) - 2 for t in document.tables[1:]] == sizes


def test_merged_page_still_fits_its_a4_page():
    import weasyprint

    from alur.sop.render.html import render_sop_html

    rendered = weasyprint.HTML(string=render_sop_html(iku_sop(), OFFICE, steps_per_page=8)).render()
    assert len(rendered.pages) == 1 + 1


def test_a_lone_step_stays_when_it_does_not_fit_or_one_per_page_is_asked():
    sop = iku_sop()
    assert [len(p.steps) for p in flow_pages(sop, steps_per_page=1)] == [1] * len(sop.steps)
    # rows so tall that two never share a page: every page holds one step, rightly
    tall = "Langkah dengan uraian yang sangat panjang " * 40
    steps = tuple(replace(step, kegiatan=tall) for step in sop.steps)
    pages = flow_pages(replace(sop, steps=steps), steps_per_page=10)
    assert [len(p.steps) for p in pages] == [1] * len(steps)


@pytest.mark.parametrize("change", [{"actors": ()}, {"steps": iku_sop().steps[:1]}])
def test_sop_without_actors_or_with_one_step_still_gets_its_picture(change):
    sop = replace(iku_sop(), **change)
    document = _open(render_sop_docx(sop, OFFICE))
    (_table, blip), = _pictures(document)
    png = document.part.rels[blip.get(R_EMBED)].target_part.blob
    assert Image.open(io.BytesIO(png)).convert("L").getextrema() == (0, 255)


@pytest.mark.parametrize("seed", ["01-iku.yaml", "02-renja.yaml", "06-pengumpulan-data-kinerja.yaml"])
def test_docx_reads_back_as_one_sop_with_its_steps(seed):
    """Offices edit the DOCX in Word and import it again: its flow pages must not read as
    separate SOPs, and every step's text must come back."""
    from alur.core.sop.importer import import_docx
    from alur.core.sop.yaml_format import load_sop_file

    sop, _issues = load_sop_file(SEEDS / seed)
    assert len(flow_pages(sop)) >= 1
    result = import_docx(io.BytesIO(render_sop_docx(sop, OFFICE, 5)))
    (imported,) = result.sops
    assert imported["nomor"] == sop.nomor and imported["nama"] == sop.nama
    assert imported["actors"] == list(sop.actors)
    got = [(s["no"], s["kegiatan"], s["kelengkapan"], s["output"]) for s in imported["steps"]]
    assert got == [(s.no, s.kegiatan, s.kelengkapan, s.output) for s in sop.steps]
