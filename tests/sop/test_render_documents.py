"""The official document: HTML (Django template), PDF (WeasyPrint) and DOCX."""

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

from alur.core.sop.model import Approver
from alur.sop.render.common import format_nip, tanggal, total_waktu
from alur.sop.render.docx import render_sop_docx
from alur.sop.render.svg import flow_pages
from tests.sop.render_samples import OFFICE, iku_sop, renja_sop


def test_indonesian_dates_nip_and_total_time():
    assert tanggal(date(2022, 1, 4)) == "4 Januari 2022"
    assert tanggal(date(2019, 12, 21)) == "21 Desember 2019"
    assert tanggal(None) == "-"
    assert format_nip("197009301997031003") == "NIP. 19700930 199703 1 003"
    assert format_nip("19700930 199703 1 003") == "NIP. 19700930 199703 1 003"
    total = total_waktu(iku_sop())  # 3 Hari + 110 Menit
    assert total.per_unit() == "3 Hari, 1 Jam, 50 Menit"
    assert total.working_days() == "3 hari kerja 1 jam 50 menit"
    total = total_waktu(iku_sop(), minutes_per_day=60)
    assert total.working_days() == "4 hari kerja 50 menit"


def _doc(markup: str):
    return lxml_html.fromstring(markup)


def _css(node, selector: str):
    """Tiny class selector ("table.sop-flow", ".sop-total", "thead th") without cssselect."""
    path = "."
    for part in selector.split():
        tag, _, cls = part.partition(".")
        test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
        path += f"//{tag or '*'}{test}"
    return node.xpath(path)


def test_html_identity_page_and_flow_pages():
    from alur.sop.render.html import render_sop_html

    sop = renja_sop()
    markup = render_sop_html(sop, OFFICE, steps_per_page=6)
    assert markup.lstrip().startswith("<!DOCTYPE html>")
    assert "size: A4 landscape" in markup
    doc = _doc(markup)
    identity = _css(doc, ".sop-identity")[0].text_content()
    for text in ("PEMERINTAH KABUPATEN TANJUNG JABUNG BARAT", "Nomor SOP", "503 / 2022 / DPM PTSP",
                 "Tgl Pembuatan", "4 Januari 2022", "Tgl Revisi", "Tgl Pengesahan", "Disahkan Oleh",
                 "H. YAN ERY, S.Pt, M.Si", "NIP. 19700930 199703 1 003", "Penyusunan Rencana Kerja (RENJA)",
                 "Dasar Hukum:", "Kualifikasi Pelaksana:", "Keterkaitan:", "Peralatan/Perlengkapan:",
                 "Peringatan:", "Pencatatan dan Pendataan:", "Disimpan sebagai data"):
        assert text in identity, text
    revisi = doc.xpath("//th[.='Tgl Revisi']/following-sibling::td")[0]
    assert revisi.text_content().strip() == "-"

    tables = _css(doc, "table.sop-flow")
    assert len(tables) == 2
    for table in tables:
        heads = [th.text_content().strip() for th in _css(table, "thead th")]
        assert heads[:5] == ["No", "Kegiatan", "Pelaksana", "Mutu Baku", "Keterangan"]
        assert heads[5:10] == list(sop.actors)
        assert heads[10:] == ["Kelengkapan", "Waktu", "Output"]
        assert len(_css(table, "col")) == 2 + len(sop.actors) + 4
    rows = [_css(t, "tbody tr") for t in tables]
    assert [len(r) for r in rows] == [6, 5]
    first = rows[0][0]
    cells = first.findall("td")
    assert cells[0].text_content().strip() == "1."
    assert cells[2].get("colspan") == "5" and cells[2].find("svg") is not None
    assert [c.text_content().strip() for c in cells[3:]] == [
        "Surat dari Bupati/Bappeda", "1 Hari", "Disposisi", "Disposisi Kepala Dinas"
    ]
    assert "-" in [c.text_content().strip() for c in rows[1][1].findall("td")]  # empty Keterangan
    total = _css(doc, ".sop-total")
    assert len(total) == 1 and "Total waktu baku: 16 Hari" in total[0].text_content()
    assert "16 hari kerja" in total[0].text_content()


def test_html_rows_are_as_tall_as_the_drawing():
    from alur.sop.render.html import render_sop_html

    sop = iku_sop()
    pages = flow_pages(sop, steps_per_page=6)
    doc = _doc(render_sop_html(sop, OFFICE, steps_per_page=6))
    for page, table in zip(pages, _css(doc, "table.sop-flow"), strict=True):
        for height, tr in zip(page.row_heights, _css(table, "tbody tr"), strict=True):
            assert tr.get("style") == f"height: {height:.2f}mm"
            assert _css(tr, "svg")[0].get("height") == f"{height:g}mm"


def test_fragment_has_no_html_element():
    from alur.sop.render.html import render_sop_html

    fragment = render_sop_html(iku_sop(), OFFICE, standalone=False)
    assert "<html" not in fragment and "@page" not in fragment
    assert fragment.strip().startswith('<div class="sop-document">')


def test_pdf_has_identity_page_and_one_page_per_flow_page():
    import weasyprint

    from alur.sop.render.html import render_sop_html
    from alur.sop.render.pdf import render_sop_pdf

    pdf = render_sop_pdf(renja_sop(), OFFICE, 6)
    assert pdf.startswith(b"%PDF")
    # every flow page must fit its A4 page: WeasyPrint must not add pages of its own
    for sop, spp in ((renja_sop(), 6), (renja_sop(), 10), (iku_sop(), 10), (iku_sop(), 4)):
        document = weasyprint.HTML(string=render_sop_html(sop, OFFICE, steps_per_page=spp)).render()
        assert len(document.pages) == 1 + len(flow_pages(sop, steps_per_page=spp)), (sop.nama, spp)
        width, height = document.pages[0].width, document.pages[0].height
        assert width > height  # landscape


def test_pdf_rows_keep_their_computed_height():
    """The per-row drawings only join up if WeasyPrint keeps the computed row heights."""
    import weasyprint

    from alur.sop.render.html import render_sop_html

    sop = renja_sop()
    pages = flow_pages(sop, steps_per_page=6)
    document = weasyprint.HTML(string=render_sop_html(sop, OFFICE, steps_per_page=6)).render()
    px_per_mm = 96 / 25.4
    for page, rendered in zip(pages, document.pages[1:], strict=True):
        rows = []

        def walk(box, rows=rows):
            if type(box).__name__ == "TableRowBox" and box.element_tag == "tr" and box.element is not None \
                    and box.element.get("style"):
                rows.append(box.height / px_per_mm)
            for child in getattr(box, "children", []):
                walk(child)

        walk(rendered._page_box)
        assert len(rows) == len(page.row_heights)
        for got, expected in zip(rows, page.row_heights, strict=True):
            assert got == pytest.approx(expected, abs=0.6)


def test_docx_identity_and_flow_table():
    sop = iku_sop()
    data = render_sop_docx(sop, OFFICE)
    document = docx.Document(io.BytesIO(data))
    assert len(document.sections) == 2
    for section in document.sections:
        assert section.page_width > section.page_height
    identity, flow = document.tables
    text = "\n".join(c.text for row in identity.rows for c in row.cells)
    for expected in ("Nomor SOP", "4 Januari 2022", "NIP. 19700930 199703 1 003", "Dasar Hukum:",
                     "Pencatatan dan Pendataan:", "Disimpan sebagai data"):
        assert expected in text
    header_rows = [
        r for r in flow.rows if r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
    ]
    assert len(header_rows) == 2
    assert [c.text for c in flow.rows[1].cells][2:7] == list(sop.actors)
    body = flow.rows[2:]
    assert len(body) == 9
    # the text columns are plain, editable cells; the actor columns hold the drawn flowchart
    cells = [c.text for c in body[4].cells]
    assert cells[0] == "5." and cells[1].startswith("Memeriksa ketikan konsep")
    assert cells[7:] == ["Indikator Kinerja Utama", "30 Menit", "Indikator Kinerja Utama", "-"]
    assert not any(mark in data.decode("latin-1") for mark in ("▢", "◇"))
    assert len(body[0]._tr.xpath(".//pic:pic")) == 1
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.startswith("Total waktu baku: 3 Hari, 1 Jam, 50 Menit") for p in paragraphs)
    assert not any("PDF" in p for p in paragraphs)


def test_docx_with_missing_values_and_libreoffice(tmp_path):
    """Word's own view is checked by LibreOffice where it is installed (CI does not install it):
    the converted PDF has the identity page and one page per flow page, each with its picture."""
    sop = renja_sop()
    sop = replace(sop, disahkan_oleh=Approver(), dasar_hukum=(), tanggal_revisi=None)
    data = render_sop_docx(sop, OFFICE, 6)
    document = docx.Document(io.BytesIO(data))
    assert [len(t.rows) for t in document.tables[1:]] == [2 + 6, 2 + 5]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "sop.docx"
    path.write_bytes(data)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = PdfReader(tmp_path / "sop.pdf")
    assert len(pdf.pages) == 1 + 2
    for number, page in enumerate(pdf.pages[1:], 1):
        assert f"Halaman alur {number} dari 2" in page.extract_text()
    # LibreOffice may list every picture among each page's resources: compare the set
    pictures = {image.name: image.image for page in pdf.pages[1:] for image in page.images}
    embedded = [
        Image.open(io.BytesIO(part.blob)) for part in document.part.package.iter_parts()
        if part.content_type == "image/png"
    ]
    assert len(embedded) == len(pictures) == 2
    assert sorted(p.size for p in pictures.values()) == sorted(e.size for e in embedded)
    for picture in pictures.values():
        # the picture is the flowchart: black lines on white, not an empty frame
        assert picture.convert("L").getextrema() == (0, 255)
