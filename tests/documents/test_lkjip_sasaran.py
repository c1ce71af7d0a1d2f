"""LKjIP (PermenPAN-RB 53/2014): Bab II lists the plan's sasaran and indicators; Bab III analyses each
sasaran on its own (figures, the units' causes, efficiency, supporting programmes, an editable
narrative per sasaran); the chart names the sasaran by their codes; Lampiran 1 carries the PK's
programmes; the cover names the year once; the report is portrait with its wide table landscape."""

import re
from decimal import Decimal
from io import BytesIO

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT

from alur.documents import narratives
from alur.documents.builders import pk_of, pk_snapshot
from alur.documents.content import BulletList, Chart, Heading, Paragraph, rupiah
from alur.documents.docx_writer import write_docx
from alur.documents.kinds import build
from alur.documents.pdf_writer import write_pdf
from alur.kinerja.models import Indicator, Program, Realisasi, Sasaran


def blocks_after(doc, heading_text: str, until=Heading) -> list:
    """The blocks between a heading and the next heading."""
    start = next(n for n, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text == heading_text)
    found = []
    for block in doc.blocks[start + 1:]:
        if isinstance(block, until):
            break
        found.append(block)
    return found


def test_bab_ii_lists_every_sasaran_and_indicator_of_the_plan(kinerja_office):
    doc = build("lkjip", kinerja_office, 2026)
    table = next(t for t in doc.tables if t.caption.startswith("Tujuan, sasaran strategis dan indikator kinerja"))
    assert table.columns[-1] == "Target 2026" and "Satuan" in table.columns
    printed = " ".join(cell for row in table.rows for cell in row)
    for indicator in Indicator.objects.filter(renstra__office=kinerja_office, sasaran__isnull=False):
        assert f"{indicator.code} {indicator.name}" in printed
    for sasaran in Sasaran.objects.filter(tujuan__renstra__office=kinerja_office):
        assert f"{sasaran.code} {sasaran.name}" in printed
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings.index("A. Rencana Strategis") < doc.blocks.index(table) and \
        doc.blocks.index(table) < next(n for n, b in enumerate(doc.blocks)
                                       if isinstance(b, Heading) and b.text.startswith("B. Perjanjian Kinerja"))


def test_each_sasaran_is_analysed_with_the_units_causes_and_its_programmes(kinerja_office):
    iku01 = Indicator.objects.get(renstra__office=kinerja_office, code="IKU-01")
    verified = Realisasi.objects.filter(indicator=iku01, year=2026, state__in=Realisasi.COUNTED).order_by("triwulan")
    first = verified.first()
    Realisasi.objects.filter(pk=first.pk).update(faktor_penghambat="Perizinan lahan kawasan industri tertunda.")
    draft = Realisasi.objects.filter(indicator=iku01, year=2026).exclude(state__in=Realisasi.COUNTED).first()
    if draft is None:  # an unverified quarter whose causes must not be carried (only verified data counts)
        draft = Realisasi.objects.create(indicator=iku01, year=2026, triwulan=4, value=1,
                                         faktor_pendorong="Belum diverifikasi: jangan dimuat.")
    else:
        Realisasi.objects.filter(pk=draft.pk).update(faktor_pendorong="Belum diverifikasi: jangan dimuat.")
    doc = build("lkjip", kinerja_office, 2026)
    sasaran = Sasaran.objects.filter(tujuan__renstra__office=kinerja_office).order_by("tujuan__code", "code")
    titles = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 3]
    for s in sasaran:
        assert f"Sasaran {s.code} {s.name}" in titles
    causes = blocks_after(doc, "Faktor pendorong dan penghambat sasaran S1.1")
    lists = {block.items for block in causes if isinstance(block, BulletList)}
    tw = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}[first.triwulan]
    assert any(f"IKU-01 ({tw}): Perizinan lahan kawasan industri tertunda." in items for items in lists)
    assert "Belum diverifikasi" not in str(doc.data())
    efficiency = blocks_after(doc, "Efisiensi penggunaan sumber daya sasaran S1.1")
    table = next(b for b in efficiency if type(b).__name__ == "Table")
    s11 = sasaran.get(code="S1.1")
    assert {row[0] for row in table.rows} == set(Program.objects.filter(sasaran=s11).values_list("code", flat=True))
    programmes = blocks_after(doc, "Program dan kegiatan pendukung sasaran S1.1")
    (items,) = [b.items for b in programmes if isinstance(b, BulletList)]
    for program in Program.objects.filter(sasaran=s11).prefetch_related("kegiatan"):
        line = next(i for i in items if i.startswith(f"{program.code} {program.name}"))
        for kegiatan in program.kegiatan.all():
            assert f"{kegiatan.code} {kegiatan.name}" in line
    # a sasaran no programme serves says so, as a gap of the generation report
    orphan = sasaran.exclude(pk__in=Program.objects.values("sasaran")).first()
    if orphan is not None:
        assert f"program pendukung sasaran {orphan.code}" in doc.gaps


def test_each_sasaran_has_its_own_narrative_section(kinerja_office, login):
    planner = get_user_model().objects.get(username="kasubbag")
    keys = dict(narratives.sections_of("lkjip", kinerja_office, 2026))
    codes = list(Sasaran.objects.filter(tujuan__renstra__office=kinerja_office).order_by("tujuan__code", "code")
                 .values_list("code", flat=True))
    assert [k for k in keys if k.startswith("sasaran:")] == [f"sasaran:{c}" for c in codes]
    order = list(keys)  # in the document's order: after Bab I, before the overall analysis and Bab IV
    assert order.index("isu_strategis") < order.index(f"sasaran:{codes[0]}") < order.index("analisis")
    narratives.save(kinerja_office, "lkjip", 2026, "sasaran:S2.2", "Lama penerbitan izin turun karena OSS.\n"
                    "- pelatihan petugas\n- SOP baru", planner)
    with pytest.raises(ValidationError):
        narratives.save(kinerja_office, "lkjip", 2026, "sasaran:S9.9", "Tidak ada sasaran ini.", planner)
    doc = build("lkjip", kinerja_office, 2026)
    written = blocks_after(doc, "Analisis dan upaya sasaran S2.2")
    assert written == [Paragraph("Lama penerbitan izin turun karena OSS."),
                       BulletList(("pelatihan petugas", "SOP baru"))]
    assert "Analisis sasaran S1.1: narasi belum ditulis" in doc.gaps
    assert "Analisis sasaran S2.2: narasi belum ditulis" not in doc.gaps
    page = login("kasubbag").get(reverse("documents:narrative_edit", args=[kinerja_office.code, "lkjip", 2026]))
    assert 'name="sasaran:S1.1"' in page.content.decode()
    response = login("kasubbag").post(reverse("documents:narrative_edit", args=[kinerja_office.code, "lkjip", 2026]),
                                      {"sasaran:S1.1": "Investasi tertahan perizinan lahan."})
    assert response.status_code == 302
    assert narratives.narratives(kinerja_office, "lkjip", 2026)["sasaran:S1.1"].text == \
        "Investasi tertahan perizinan lahan."


def test_the_chart_names_each_sasaran_by_its_code(kinerja_office):
    doc = build("lkjip", kinerja_office, 2026)
    chart = next(b for b in doc.blocks if isinstance(b, Chart) and b.caption.startswith("Grafik 1."))
    codes = tuple(Sasaran.objects.filter(tujuan__renstra__office=kinerja_office).order_by("tujuan__code", "code")
                  .values_list("code", flat=True))
    assert chart.labels == codes


def test_lampiran_1_carries_the_pk_programmes_and_their_total(kinerja_office):
    doc = build("lkjip", kinerja_office, 2026)
    programs = pk_snapshot(pk_of(kinerja_office, 2026))["programs"]
    assert programs
    table = next(t for t in doc.tables if t.caption == "Program dan anggaran Perjanjian Kinerja 2026")
    assert [(row[1], row[3]) for row in table.rows] == [(p["code"], rupiah(Decimal(p["anggaran"]))) for p in programs]
    assert table.total[2:] == ("TOTAL", rupiah(sum(Decimal(p["anggaran"]) for p in programs)))
    lampiran = next(n for n, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text.startswith("Lampiran 1."))
    assert doc.blocks.index(table) > lampiran


def test_the_cover_names_the_year_once(kinerja_office):
    for kind in ("lkjip", "renstra"):
        doc = build(kind, kinerja_office, 2026)
        assert sum("2026" in line for line in doc.cover) == 1, doc.cover


def test_the_lkjip_is_portrait_with_its_wide_table_on_landscape_pages(kinerja_office):
    doc = build("lkjip", kinerja_office, 2026)
    with pdfplumber.open(BytesIO(write_pdf(doc))) as pdf:
        pages = [(page.width > page.height, page.extract_text() or "") for page in pdf.pages]
    wide = [text for landscape, text in pages if landscape]
    assert wide and all("Pengukuran kinerja per triwulan" in text or "TW IV" in text for text in wide)
    assert not pages[0][0] and sum(not landscape for landscape, _text in pages) > len(pages) / 2
    assert all(re.sub(r"Halaman \d+", "", text).strip() for _landscape, text in pages)  # no blank page
    sections = read_docx(BytesIO(write_docx(doc))).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert sections[0].page_width < sections[0].page_height and sections[1].page_width > sections[1].page_height
