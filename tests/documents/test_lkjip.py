"""The LKjIP carries every part PermenPAN-RB 53/2014 asks for (walked in the DOCX's headings)."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as read_docx

from alur.documents.docx_writer import write_docx
from alur.documents.kinds import build
from alur.kinerja.models import Sasaran

REQUIRED = [
    "Kata Pengantar", "Ikhtisar Eksekutif", "BAB I Pendahuluan", "BAB II Perencanaan Kinerja",
    "Perjanjian Kinerja Tahun 2026", "BAB III Akuntabilitas Kinerja", "A. Capaian Kinerja Organisasi",
    "Analisis capaian", "Efisiensi penggunaan sumber daya", "Program pendukung sasaran", "B. Realisasi Anggaran",
    "BAB IV Penutup", "Pernyataan Telah Direviu", "Lampiran", "Lampiran 1. Perjanjian Kinerja Tahun 2026",
    "Lampiran 2. Pengukuran Kinerja Tahun 2026",
]


def test_lkjip_docx_has_every_part_in_order(kinerja_office):
    doc = build("lkjip", kinerja_office, 2026)
    docx = read_docx(BytesIO(write_docx(doc)))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    positions = [next(i for i, h in enumerate(headings) if h.endswith(part) or h == part) for part in REQUIRED]
    assert positions == sorted(positions)
    sasaran = Sasaran.objects.filter(tujuan__renstra__office=kinerja_office).count()
    assert sum(1 for h in headings if h.startswith("Sasaran ")) == sasaran
    body = docx.element.body.xml
    assert "TOC \\o" in body and body.count("<pic:pic") == 2  # capaian per sasaran and the trend
    captions = [t.caption for t in doc.tables]
    assert captions.count("Perbandingan dengan tahun sebelumnya dan target akhir Renstra") == sasaran
    assert any(t.total and t.total[1] == "TOTAL" for t in doc.tables)  # realisasi anggaran


def test_lkjip_queries_do_not_grow_with_indicators(kinerja_office):
    from alur.kinerja.models import Indicator, IndicatorTarget

    with CaptureQueriesContext(connection) as before:
        build("lkjip", kinerja_office, 2026)
    first = Indicator.objects.filter(renstra__office=kinerja_office).first()
    for n in range(5):
        extra = Indicator.objects.create(renstra=first.renstra, sasaran=first.sasaran, code=f"X-{n}", name=f"X {n}",
                                         satuan="%", unit=first.unit)
        IndicatorTarget.objects.create(indicator=extra, year=2026, value=10)
    with CaptureQueriesContext(connection) as after:
        build("lkjip", kinerja_office, 2026)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_bab_iii_compares_with_the_national_standard_and_lists_the_missing(kinerja_office):
    from alur.documents.content import number
    from alur.kinerja.models import Indicator
    from alur.kinerja.selectors import pengukuran

    Indicator.objects.filter(renstra__office=kinerja_office).update(national_standard=None,
                                                                   national_standard_source="")
    measured = pengukuran(kinerja_office, 2026)
    rows = [r for r in measured.rows if r.realisasi is not None and r.definition.polarity == "naik"]
    above, below = rows[0], rows[1]
    Indicator.objects.filter(pk=above.definition.id).update(
        national_standard=above.realisasi - 1, national_standard_source="Standar Pelayanan Minimal 2024")
    Indicator.objects.filter(pk=below.definition.id).update(national_standard=below.realisasi + 1)
    doc = build("lkjip", kinerja_office, 2026)
    compared = {row[0]: row for t in doc.tables if t.caption == "Perbandingan dengan standar nasional"
                for row in t.rows}
    label = lambda r: f"{r.definition.code} {r.definition.name}"  # noqa: E731
    assert set(compared) == {label(above), label(below)}
    assert compared[label(above)][2:] == (number(above.realisasi), number(above.realisasi - 1),
                                          "Standar Pelayanan Minimal 2024", "memenuhi standar")
    assert compared[label(below)][2:] == (number(below.realisasi), number(below.realisasi + 1), "–",
                                          "belum memenuhi standar")
    missing = [g for g in doc.gaps if g.startswith("standar nasional ")]
    assert len(missing) == len(measured.rows) - 2
    assert f"standar nasional {above.definition.code}" not in missing
    assert f"standar nasional {below.definition.code}" not in missing
    docx = read_docx(BytesIO(write_docx(doc)))
    assert any("Standar Pelayanan Minimal 2024" in cell.text for t in docx.tables for row in t.rows
               for cell in row.cells)


def test_a_turun_indicator_meets_the_standard_from_below():
    from decimal import Decimal

    from alur.documents.national import _against_standard

    assert _against_standard(Decimal(4), Decimal(5), "turun") == "memenuhi standar"
    assert _against_standard(Decimal(6), Decimal(5), "turun") == "belum memenuhi standar"
    assert _against_standard(Decimal(6), Decimal(5), "naik") == "memenuhi standar"
    assert _against_standard(None, Decimal(5), "naik") == "–"


def test_no_heading_or_table_caption_is_left_alone_at_a_page_foot(kinerja_office):
    """A caption keeps with its table (DOCX keep-with-next; PDF break-after: avoid): on the demo
    LKjIP the caption 'Perbandingan dengan standar nasional' used to end page 8, its table on page 9."""
    from pypdf import PdfReader

    from alur.documents.pdf_writer import write_pdf

    doc = build("lkjip", kinerja_office, 2026)
    docx = read_docx(BytesIO(write_docx(doc)))
    captions = {t.caption for t in doc.tables if t.caption}
    caption_paragraphs = [p for p in docx.paragraphs if p.text in captions]
    assert caption_paragraphs and all(p.paragraph_format.keep_with_next for p in caption_paragraphs)
    headings = {b.text for b in doc.blocks if type(b).__name__ == "Heading"}
    for page in PdfReader(BytesIO(write_pdf(doc))).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        last = [line for line in lines if not line.startswith("Halaman")][-1:]
        assert not set(last) & (captions | headings), last
