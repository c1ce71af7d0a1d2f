"""Money that adds up (issue 18 item 5): a Renja, budget or LKjIP total counts each rupiah once (the
lowest lines only), a parent whose pagu is not its children's sum is named, serapan is each
programme's own, and the demo's figures agree with each other."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from alur.core.numbers import rupiah
from alur.documents.kinds import build
from alur.kinerja.budget_tree import pagu_indikatif_warnings, renja_tree
from alur.kinerja.models import BudgetLine, Kegiatan, PaguIndikatif, Program, Renja, RenjaLine, SubKegiatan
from alur.kinerja.selectors import pengukuran
from alur.kinerja.services import budget as budget_svc
from alur.kinerja.services import renja as svc

pytestmark = pytest.mark.django_db
M = Decimal(1_000_000)


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def renja_2027(kinerja_office):
    from alur.kinerja.models import Renstra

    Renstra.objects.filter(office=kinerja_office).update(end_year=2027)
    return svc.renja_create(user=user("kasubbag"), office=kinerja_office, year=2027)


def _tree(renja):
    return renja_tree(renja.lines.select_related("program", "kegiatan", "sub_kegiatan__kegiatan"))


def test_renja_total_counts_only_the_lowest_lines_and_names_a_parent_that_disagrees(renja_2027):
    planner = user("kasubbag")
    program = Program.objects.get(renstra=renja_2027.renstra, code="2.18.01")
    first, second = Kegiatan.objects.filter(program=program).order_by("code")
    sub = SubKegiatan.objects.filter(kegiatan=first).order_by("code").first()
    svc.renja_line_add(user=planner, renja=renja_2027, node=program, pagu=300 * M)
    svc.renja_line_add(user=planner, renja=renja_2027, node=first, pagu=250 * M)
    svc.renja_line_add(user=planner, renja=renja_2027, node=second, pagu=50 * M)
    tree = _tree(renja_2027)
    assert tree.total == 300 * M and tree.warnings == []  # not 600: the programme is its kegiatan's sum

    sub_line = svc.renja_line_add(user=planner, renja=renja_2027, node=sub, pagu=15 * M)
    tree = _tree(renja_2027)
    assert tree.depth[sub_line.pk] == 2
    assert tree.total == 65 * M  # the sub-kegiatan now stands for its kegiatan; 565 was the old sum
    assert tree.warnings == [
        f"Pagu {first.code} (Rp 250.000.000) tidak sama dengan jumlah pagu baris Renja di bawahnya "
        f"(Rp 15.000.000); selisih Rp 235.000.000."]


def test_free_lines_nest_by_their_dotted_code(renja_2027):
    planner = user("kasubbag")
    svc.renja_line_add(user=planner, renja=renja_2027, code="9.01", name="Program bebas", pagu=100 * M)
    child = svc.renja_line_add(user=planner, renja=renja_2027, code="9.01.1", name="Kegiatan bebas", pagu=90 * M)
    svc.renja_line_add(user=planner, renja=renja_2027, code="9.011", name="Bukan anaknya", pagu=5 * M)
    tree = _tree(renja_2027)
    assert tree.depth[child.pk] == 1 and tree.total == 95 * M
    assert len(tree.warnings) == 1 and tree.warnings[0].startswith("Pagu 9.01 (Rp 100.000.000)")


def test_renja_page_shows_the_leaf_total_the_warning_and_reads_alurs_own_notation(kinerja_office, renja_2027, login):
    base = f"/kinerja/{kinerja_office.code}/renja/2027/"
    program = Program.objects.get(renstra=renja_2027.renstra, code="2.18.03")
    kegiatan = Kegiatan.objects.filter(program=program).first()
    client = login("kasubbag")
    client.post(base + "baris/", {"source": f"program:{program.pk}", "pagu": "300.000.000"})
    client.post(base + "baris/", {"source": f"kegiatan:{kegiatan.pk}", "pagu": "250.000.000", "lokasi": "Kuala Tungkal",
                                  "sumber_dana": "APBD", "pagu_maju": "1.000", "indicator": "", "target_maju": ""})
    line = RenjaLine.objects.get(renja=renja_2027, kegiatan=kegiatan)
    assert (line.lokasi, line.sumber_dana, line.pagu_maju) == ("Kuala Tungkal", "APBD", Decimal(1000))
    page = client.get(base).content.decode()
    assert 'data-testid="renja-total">250.000.000<' in page
    assert "Pagu 2.18.03 (Rp 300.000.000) tidak sama dengan jumlah pagu baris Renja di bawahnya" in page
    assert page.count('data-testid="renja-parent-pagu"') == 1
    assert "1.000 = seribu" in page  # the reading rule is the number fields' help text


def test_renja_document_table_4_1_has_the_t_c_32_columns_and_a_leaf_total(kinerja_office):
    renja = Renja.objects.get(office=kinerja_office, year=2026)
    program_line = renja.lines.get(code="2.18.03")
    kegiatan = Kegiatan.objects.get(program=program_line.program)
    RenjaLine.objects.create(renja=renja, code=kegiatan.code, name=kegiatan.name, kegiatan=kegiatan,
                             pagu=program_line.pagu - 1 * M)
    doc = build("renja", kinerja_office, 2026)
    table = next(t for t in doc.tables if t.caption.startswith("Tabel 4.1"))
    assert table.columns == ("Kode", "Program/Kegiatan/Sub-kegiatan", "Indikator kinerja", "Target", "Satuan",
                             "Lokasi", "Pagu (Rp)", "Sumber dana", "Target 2027", "Pagu 2027 (Rp)", "Keterangan")
    lines = list(renja.lines.all())
    leaves = sum((x.pagu for x in lines if x.code != "2.18.03"), Decimal(0))
    assert table.total[6] == f"{leaves:,.0f}".replace(",", ".")
    row = next(r for r in table.rows if r[0] == "2.18.03")
    assert row[4] == program_line.indicator.satuan and row[5] == "Kabupaten Tanjung Jabung Barat"
    assert row[7] == "APBD" and row[10] == "jumlah rincian di bawahnya"
    assert any(g.startswith("periksa pagu: Pagu 2.18.03") and "selisih Rp 1.000.000" in g for g in doc.gaps)


def test_budget_counts_a_programme_once_and_names_kegiatan_that_disagree(kinerja_office):
    program = Program.objects.get(renstra__office=kinerja_office, code="2.18.03")
    kegiatan = Kegiatan.objects.get(program=program)
    before = pengukuran(kinerja_office, 2025)
    own = next(b for b in before.budget if b.code == "2.18.03")
    budget_svc.budget_set(user=user("kasubbag"), program=program, kegiatan=kegiatan, year=2025, triwulan=1,
                          pagu=10 * M, realisasi=9 * M)
    after = pengukuran(kinerja_office, 2025)
    row = next(b for b in after.budget if b.code == "2.18.03")
    assert (row.pagu, row.realisasi) == (own.pagu, own.realisasi)  # its own lines, not own + kegiatan
    assert row.warnings[0] == (f"Pagu 2.18.03 (Rp {rupiah(own.pagu)}) tidak sama dengan jumlah pagu kegiatan di "
                               f"bawahnya (Rp 10.000.000); selisih Rp {rupiah(own.pagu - 10 * M)}.")
    table = budget_svc.budget_table(user=user("kasubbag"), office=kinerja_office, renstra=after.renstra, year=2025)
    assert table.total.pagu == sum((b.pagu for b in after.budget), Decimal(0))
    assert table.warnings and table.warnings[0].startswith("Pagu 2.18.03")
    doc = build("lkjip", kinerja_office, 2025)
    assert any(g.startswith("periksa anggaran: Pagu 2.18.03") for g in doc.gaps)


def test_a_programme_with_kegiatan_lines_only_is_counted_from_them(kinerja_office):
    program = Program.objects.get(renstra__office=kinerja_office, code="2.18.05")
    BudgetLine.objects.filter(program=program, year=2025).delete()
    kegiatan = Kegiatan.objects.get(program=program)
    budget_svc.budget_set(user=user("kasubbag"), program=program, kegiatan=kegiatan, year=2025, triwulan=2,
                          pagu=40 * M, realisasi=30 * M)
    row = next(b for b in pengukuran(kinerja_office, 2025).budget if b.code == "2.18.05")
    assert (row.pagu, row.realisasi, row.serapan, row.warnings) == (40 * M, 30 * M, Decimal(75), [])
    renstra = program.renstra
    table = budget_svc.budget_table(user=user("kasubbag"), office=kinerja_office, renstra=renstra, year=2025)
    assert table.total.pagu == sum((b.pagu for b in pengukuran(kinerja_office, 2025).budget), Decimal(0))


def test_demo_figures_agree_and_serapan_is_each_programmes_own(kinerja_office):
    renstra = Program.objects.filter(renstra__office=kinerja_office).first().renstra
    for year in range(2022, 2027):
        assert pagu_indikatif_warnings(renstra, year) == []
        measured = pengukuran(kinerja_office, year)
        indikatif = {p.program.code: p.amount for p in PaguIndikatif.objects.filter(program__renstra=renstra,
                                                                                    year=year).select_related("program")}
        assert {b.code: b.pagu for b in measured.budget} == indikatif  # budget lines = pagu indikatif
        for b in measured.budget:
            assert b.realisasi <= b.pagu and not b.warnings
        renja = Renja.objects.get(office=kinerja_office, year=year)
        assert {x.code: x.pagu for x in renja.lines.filter(program__isnull=False)} == indikatif
    serapan_2026 = {b.code: b.serapan for b in pengukuran(kinerja_office, 2026).budget}
    assert len(set(serapan_2026.values())) == len(serapan_2026)  # not one 71,25 % for every programme
    k = Kegiatan.objects.get(program__renstra=renstra, code="2.18.01.2.01")
    PaguIndikatif.objects.filter(kegiatan=k, year=2023).update(amount=1 * M)
    warnings = pagu_indikatif_warnings(renstra, 2023)
    assert any(w.startswith("Pagu indikatif 2.18.01 (Rp 2.496.000.000) tidak sama dengan jumlah pagu indikatif "
                            "kegiatan di bawahnya") and w.endswith("(Renstra, tahun 2023)") for w in warnings)
    assert any(w.startswith("Pagu indikatif 2.18.01.2.01 (Rp 1.000.000)") for w in warnings)


def test_xlsx_cells_carry_the_printed_precision(kinerja_office, login):
    from io import BytesIO

    from openpyxl import load_workbook

    client = login("kadis")

    def sheet_of(page):
        response = client.get(f"/kinerja/{kinerja_office.code}/{page}/2025/?format=xlsx")
        return load_workbook(BytesIO(response.content)).active

    sheet = sheet_of("anggaran")
    assert sheet.cell(row=4, column=3).number_format == "#,##0"  # pagu TW I: whole rupiah, not "#,##0.00"
    sheet = sheet_of("pengukuran")
    header = [c.value for c in sheet[3]]
    formats = {}
    for row in sheet.iter_rows(min_row=4):
        cell = row[header.index("Realisasi tahun")]
        if isinstance(cell.value, int | float):
            formats[cell.number_format] = cell.value
    assert formats and set(formats) <= {"#,##0", "#,##0.0", "#,##0.00"}  # never "#,##0.####"
