"""The LKjIP carries every part PermenPAN-RB 53/2014 asks for (walked in the DOCX's headings)."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as read_docx

from alur.documents.builders import build
from alur.documents.docx_writer import write_docx
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
