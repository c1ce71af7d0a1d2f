"""The Renstra document in the formats of Permendagri 86/2017 (T-C.23, T-C.24, T-C.25, T-C.27), with its
penetapan page; and the Renja's Tabel 2.1 named for what it holds."""

from datetime import datetime
from decimal import Decimal
from io import BytesIO

import pdfplumber
from django.contrib.auth import get_user_model
from django.utils import timezone
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT

from alur.documents.content import Heading, Paragraph, number, percent, rupiah
from alur.documents.docx_writer import write_docx
from alur.documents.kinds import build
from alur.documents.kinds.renstra_tables import juta
from alur.documents.pdf_writer import write_pdf
from alur.kinerja.models import (
    BudgetLine,
    Indicator,
    IndicatorTarget,
    PaguIndikatif,
    Program,
    Renstra,
    RenstraRevision,
    Sasaran,
    Tujuan,
)
from alur.kinerja.selectors import pengukuran


def table(doc, marker: str):
    return next(t for t in doc.tables if marker in t.caption)


def column(t, name: str) -> int:
    return next(n for n, c in enumerate(t.columns) if c.startswith(name))


def test_tc25_has_satuan_kondisi_awal_and_akhir_and_names_the_missing_tujuan_indicators(kinerja_office):
    doc = build("renstra", kinerja_office, 2026)
    t = table(doc, "(T-C.25)")
    assert t.columns[:5] == ("Tujuan", "Sasaran", "Indikator tujuan/sasaran", "Satuan", "Kondisi awal (2021)")
    assert t.columns[-1] == "Kondisi akhir (2026)" and "Target 2022" in t.columns
    for indicator in Indicator.objects.filter(renstra__office=kinerja_office, sasaran__isnull=False):
        row = next(r for r in t.rows if r[2] == f"{indicator.code} {indicator.name}")
        end = IndicatorTarget.objects.get(indicator=indicator, year=2026).value
        assert row[3] == indicator.satuan and row[4] == number(indicator.baseline) and row[-1] == number(end)
    for tujuan in Tujuan.objects.filter(renstra__office=kinerja_office):
        assert any(r[0] == f"{tujuan.code} {tujuan.name}" for r in t.rows)
        assert f"indikator tujuan {tujuan.code}" in doc.gaps  # the plan's data has none: said, not hidden


def test_tc27_has_the_tree_indicator_targets_per_year_kondisi_akhir_unit_and_lokasi(kinerja_office):
    program = Program.objects.select_related("unit").get(renstra__office=kinerja_office, code="2.18.03")
    outcome = Indicator.objects.create(renstra=program.renstra, program=program, code="PRG-03",
                                       name="Jumlah investor yang difasilitasi", satuan="investor",
                                       unit=program.unit, baseline=Decimal(10))
    for year, value in ((2022, 12), (2023, 14), (2024, 16), (2025, 18), (2026, 20)):
        IndicatorTarget.objects.create(indicator=outcome, year=year, value=value)
    doc = build("renstra", kinerja_office, 2026)
    t = table(doc, "(T-C.27)")
    assert t.columns[-2:] == ("Unit penanggung jawab", "Lokasi") and "Kondisi akhir (2026)" in t.columns
    assert t.columns[1].startswith("Tujuan/Sasaran/Program")
    codes = [r[0] for r in t.rows]
    sasaran = Sasaran.objects.get(pk=program.sasaran_id)
    tujuan = Tujuan.objects.get(pk=sasaran.tujuan_id)
    assert codes.index(tujuan.code) < codes.index(sasaran.code) < codes.index(program.code)
    row = next(r for r in t.rows if r[0] == program.code)
    assert row[2] == "PRG-03 Jumlah investor yang difasilitasi" and row[3] == "investor" and row[4] == "10"
    pagu = dict(PaguIndikatif.objects.filter(program=program).values_list("year", "amount"))
    y2024 = column(t, "2024")
    assert row[y2024] == f"16\nRp {juta(pagu[2024])}"
    assert row[column(t, "Kondisi akhir")] == f"20\nRp {juta(sum(pagu.values()))}"
    assert row[-2] == program.unit.name and row[-1] == "Kabupaten Tanjung Jabung Barat"
    sasaran_row = next(r for r in t.rows if r[0] == sasaran.code)
    first = Indicator.objects.filter(sasaran=sasaran).order_by("order", "code").first()
    assert sasaran_row[2] == f"{first.code} {first.name}"
    assert sasaran_row[y2024] == number(IndicatorTarget.objects.get(indicator=first, year=2024).value)


def test_bab_ii_reviews_the_plan_so_far_while_alur_holds_no_earlier_plan(kinerja_office):
    doc = build("renstra", kinerja_office, 2026)
    bab2 = next(n for n, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text.startswith("BAB II "))
    bab3 = next(n for n, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text.startswith("BAB III "))
    performance, funding = table(doc, "(T-C.23)"), table(doc, "(T-C.24)")
    assert bab2 < doc.blocks.index(performance) < doc.blocks.index(funding) < bab3
    assert any(isinstance(b, Paragraph) and "Renstra periode sebelumnya belum tercatat" in b.text
               for b in doc.blocks[bab2:bab3])
    measured = pengukuran(kinerja_office, 2025)
    iku01 = next(r for r in measured.rows if r.definition.code == "IKU-01")
    at = performance.rows.index(next(r for r in performance.rows if r[0] == "IKU-01"))
    y2025 = column(performance, "2025")
    assert performance.rows[at][4] == "Target" and performance.rows[at][y2025] == number(iku01.definition.target)
    assert performance.rows[at + 1][y2025] == number(iku01.realisasi)
    assert performance.rows[at + 2][y2025] == percent(iku01.capaian.value)
    program = Program.objects.get(renstra__office=kinerja_office, code="2.18.01")
    lines = BudgetLine.objects.filter(program=program, year=2025, kegiatan__isnull=True)
    budget = sum(line.pagu for line in lines)
    spent = sum(line.realisasi for line in lines)
    at = funding.rows.index(next(r for r in funding.rows if r[0] == "2.18.01"))
    y2025 = column(funding, "2025")
    assert funding.rows[at][y2025] == rupiah(budget) and funding.rows[at + 1][y2025] == rupiah(spent)
    assert funding.rows[at + 2][y2025] == percent(spent / budget * 100)


def test_a_next_plan_reviews_the_previous_period_and_its_draft_says_it_is_not_in_force(kinerja_office):
    old = Renstra.objects.get(office=kinerja_office, start_year=2021)
    new = Renstra.objects.create(office=kinerja_office, title="Rencana Strategis DPMPTSP", start_year=2026,
                                 end_year=2031)
    sasaran = Sasaran.objects.create(tujuan=Tujuan.objects.create(renstra=new, code="T1", name="Investasi naik"),
                                     code="S1.1", name="Nilai investasi naik")
    Indicator.objects.create(renstra=new, sasaran=sasaran, code="IKU-01", name="Nilai investasi", satuan="Rp miliar",
                             unit=Program.objects.filter(renstra=old).first().unit)
    doc = build("renstra", kinerja_office, 2027)
    assert doc.subtitle == "Tahun 2026–2031"
    performance = table(doc, "(T-C.23)")
    assert performance.caption.endswith("2022–2026 (T-C.23)")
    codes = {r[0] for r in performance.rows if r[0]}
    assert codes == set(Indicator.objects.filter(renstra=old, sasaran__isnull=False).values_list("code", flat=True))
    assert any(isinstance(b, Paragraph) and "Renstra periode sebelumnya (2021–2026)" in b.text for b in doc.blocks)
    page = [b.text for b in doc.blocks[:4] if isinstance(b, Paragraph)]
    assert any("masih berstatus DRAF" in text for text in page) and "penetapan Renstra" in doc.gaps


def test_the_penetapan_page_says_when_by_whom_and_every_revision(kinerja_office):
    renstra = Renstra.objects.get(office=kinerja_office, start_year=2021)
    planner = get_user_model().objects.get(username="kasubbag")
    at = timezone.make_aware(datetime(2024, 3, 5, 9, 0))
    RenstraRevision.objects.create(renstra=renstra, number=1, ditetapkan_at=at, ditetapkan_by=planner,
                                   reason="Penyesuaian target IKU-01 dengan RPJMD perubahan.", snapshot={})
    Renstra.objects.filter(pk=renstra.pk).update(revision=1)
    doc = build("renstra", kinerja_office, 2026)
    assert doc.blocks[0] == Heading("Penetapan Rencana Strategis")
    text = " ".join(b.text for b in doc.blocks[:6] if isinstance(b, Paragraph))
    assert "ditetapkan pada tanggal 5 Maret 2024" in text and "(revisi ke-1)" in text
    assert "Kepala Dinas" in text and "NIP." in text  # the head of the office on that day
    assert "Alasan revisi ke-1: Penyesuaian target IKU-01 dengan RPJMD perubahan." in text
    history = table(doc, "Riwayat penetapan")
    assert [r[:3] for r in history.rows] == [("awal", "30 Juni 2021", "– (tidak tercatat)"),
                                              ("1", "5 Maret 2024", planner.employee.name)]
    RenstraRevision.objects.filter(renstra=renstra, number=1).delete()  # back to the demo's 2021 penetapan,
    Renstra.objects.filter(pk=renstra.pk).update(revision=0)  # when the organisation records no head yet
    doc = build("renstra", kinerja_office, 2026)
    text = " ".join(b.text for b in doc.blocks[:6] if isinstance(b, Paragraph))
    assert "ditetapkan pada tanggal 30 Juni 2021." in text and "Kepala Perangkat Daerah yang menetapkan: " in text
    assert "kepala OPD pada 30 Juni 2021" in doc.gaps


def test_the_renstra_is_portrait_with_its_wide_tables_on_landscape_pages(kinerja_office):
    doc = build("renstra", kinerja_office, 2026)
    with pdfplumber.open(BytesIO(write_pdf(doc))) as pdf:
        pages = [(page.width > page.height, page.extract_text() or "") for page in pdf.pages]
    assert not pages[0][0] and not pages[1][0]  # cover, penetapan
    for marker in ("(T-C.23)", "(T-C.25)", "(T-C.27)"):
        assert all(landscape for landscape, text in pages if marker in text)
    for chapter in ("BAB I PENDAHULUAN", "BAB III PERMASALAHAN", "BAB V STRATEGI", "BAB VIII PENUTUP"):
        assert all(not landscape for landscape, text in pages if chapter in text.replace("\n", " "))
    orientations = [s.orientation for s in read_docx(BytesIO(write_docx(doc))).sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT and WD_ORIENT.LANDSCAPE in orientations
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE] * 3 + [WD_ORIENT.PORTRAIT]


def test_renja_tabel_2_1_is_titled_for_what_it_holds(kinerja_office):
    doc = build("renja", kinerja_office, 2026)
    t = next(t for t in doc.tables if t.caption.startswith("Tabel 2.1"))
    assert "T-C.29" not in t.caption and "Evaluasi pelaksanaan Renja Tahun 2025" in t.caption
    assert "Efisiensi" in t.columns and "efisiensi" in t.caption
