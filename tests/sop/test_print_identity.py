"""The SOP as printed and as listed: the revision history never contradicts the identity block,
the office's logo is on every print, and the Tgl Efektif row appears where the source has one."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_history_of_a_paper_approved_sop_says_when_it_was_disahkan_and_when_entered(login, revision_named):
    iku = revision_named("IKU")  # a seed: disahkan 21 Januari 2019 on paper, loaded into Alur today
    assert iku.approved_before_alur
    content = login("staf").get(reverse("sop_detail", args=[iku.sop_id])).content.decode()
    (approved,) = re.findall(r'data-testid="history-approved">(.*?)</span>', content, re.S)
    (entered,) = re.findall(r'data-testid="history-entered">(.*?)</span>', content, re.S)
    identity_date = re.search(r"Tgl Pengesahan</th><td>([^<]+)</td>", content).group(1)
    assert identity_date in approved and "disahkan" in approved
    assert iku.data["disahkan_oleh"]["nama"] in approved
    assert entered.startswith("dimasukkan ke Alur") and str(iku.approved_at.year) in entered
    assert identity_date not in entered


def _png_logo() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 48), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


SVG_LOGO = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="48" viewBox="0 0 40 48">'
            b'<path d="M0 0h40v30L20 48 0 30z" fill="#1a6"/></svg>')


@pytest.mark.parametrize("name, logo", [("logo.png", "png"), ("logo.svg", "svg")])
def test_the_office_logo_is_on_every_print(revision_named, name, logo):
    from io import BytesIO

    import docx
    import pdfplumber
    from django.core.files.base import ContentFile
    from pypdf import PdfReader

    from alur.sop.render import render_sop
    from alur.sop.selectors import office_header

    iku = revision_named("IKU")
    office = iku.sop.office
    assert office_header(office).logo_bytes() is None  # the demo office has none: nothing printed
    data = _png_logo() if logo == "png" else SVG_LOGO
    office.logo.save(name, ContentFile(data), save=True)
    header = office_header(office)
    assert header.logo_bytes() == data

    html = render_sop(iku.as_core(), header, "html")
    assert f'src="data:{"image/png" if logo == "png" else "image/svg+xml"};base64,' in html
    pdf = render_sop(iku.as_core(), header, "pdf")
    if logo == "png":
        assert list(PdfReader(BytesIO(pdf)).pages[0].images), "the logo is an image on the identity page"
    else:  # WeasyPrint draws an SVG as vector paths: the logo's green shape is on the identity page
        with pdfplumber.open(BytesIO(pdf)) as document:
            page = document.pages[0]
            colours = {tuple(round(c, 2) for c in (o.get("non_stroking_color") or ()))
                       for o in (*page.curves, *page.rects)}
        assert (0.07, 0.67, 0.4) in colours, colours
    document = docx.Document(BytesIO(render_sop(iku.as_core(), header, "docx")))
    pictures = [p for p in document.inline_shapes if p._inline.docPr.get("descr") == "Logo"]
    assert len(pictures) == 1


def test_tgl_efektif_row_only_where_the_source_has_one(revision_named):
    from dataclasses import replace
    from datetime import date
    from io import BytesIO

    import docx
    import pdfplumber

    from alur.sop.render import render_sop
    from alur.sop.selectors import office_header

    iku = revision_named("IKU")
    header = office_header(iku.sop.office)
    plain = iku.as_core()
    assert plain.tanggal_efektif is None
    assert "Tgl Efektif" not in render_sop(plain, header, "html")
    assert all("Tgl Efektif" not in c.text for c in docx.Document(BytesIO(render_sop(plain, header, "docx"))
                                                                   ).tables[0]._cells)
    effective = replace(plain, tanggal_efektif=date(2022, 2, 1))
    html = render_sop(effective, header, "html")
    assert '<th scope="row">Tgl Efektif</th><td>1 Februari 2022</td>' in html
    assert 'rowspan="7"' in html
    cells = [c.text for c in docx.Document(BytesIO(render_sop(effective, header, "docx"))).tables[0].rows[4].cells]
    assert cells[1:] == ["Tgl Efektif", "1 Februari 2022"]
    with pdfplumber.open(BytesIO(render_sop(effective, header, "pdf"))) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Tgl Efektif" in text and "1 Februari 2022" in text


def test_seed_typos_are_printed_as_written_and_flagged_on_the_page(login, revision_named):
    """Issue 18 item 12: "LKjLP", "DPMPSTSP" are the source's spelling; Alur flags them, never fixes them."""
    from alur.sop.render import render_sop
    from alur.sop.selectors import office_header

    lkjip = revision_named("LkjIP")
    step9 = lkjip.as_core().step(9)
    assert "LKjLP DPMPSTSP" in step9.kegiatan and not step9.corrections
    html = render_sop(lkjip.as_core(), office_header(lkjip.sop.office), "html")
    assert "Dokument LKjLP DPMPSTSP Kab.Tanjab Barat" in html
    content = login("staf").get(reverse("sop_detail", args=[lkjip.sop_id])).content.decode()
    (flags,) = re.findall(r'data-testid="typo-flags">(.*?)</details>', content, re.S)
    assert "Kegiatan langkah 9" in flags and "&#x27;LKjLP&#x27;" in flags and "&#x27;DPMPSTSP&#x27;" in flags
    assert "4 kemungkinan salah ketik" in flags


def test_an_sop_without_typos_shows_no_flags(login, revision_named):
    renstra = revision_named("RENSTRA")
    content = login("staf").get(reverse("sop_detail", args=[renstra.sop_id])).content.decode()
    assert 'data-testid="typo-flags"' not in content
