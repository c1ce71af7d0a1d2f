"""Budget realisation: pagu (planner) and realisasi anggaran (planner or the programme's unit) per
triwulan, refusals and warnings, the PK lock on pagu, the serapan page and its XLSX export."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from alur.audit.models import Entry
from alur.kinerja.models import BudgetLine, Kegiatan, Program
from alur.kinerja.services import budget as svc
from alur.org.models import OfficeGrant

from .test_locks import make_document, run  # noqa: F401 - `run` is a fixture

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def pelayanan(kinerja_office):
    """Programme 2.18.04, the responsibility of Bidang Pelayanan Perizinan (Kabid: kabidpp)."""
    return Program.objects.get(renstra__office=kinerja_office, code="2.18.04")


def test_the_responsible_unit_enters_realisasi_of_its_own_programme_only(kinerja_office, pelayanan):
    line = BudgetLine.objects.get(program=pelayanan, kegiatan=None, year=2026, triwulan=4)
    assert line.realisasi == 0
    saved = svc.budget_set(user=user("kabidpp"), program=pelayanan, year=2026, triwulan=4,
                           realisasi=Decimal("100000000"))
    assert saved.line.realisasi == Decimal("100000000") and saved.warnings == []
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.anggaran.ubah").latest("pk").data
    assert entry["perubahan"] == {"realisasi": {"lama": "0.00", "baru": "100000000"}}
    with pytest.raises(PermissionDenied, match="Hanya unit perencanaan yang mengubah pagu"):
        svc.budget_set(user=user("kabidpp"), program=pelayanan, year=2026, triwulan=4, pagu=Decimal("1"))
    promosi = Program.objects.get(renstra__office=kinerja_office, code="2.18.03")
    for username in ("kabidpp", "sekdis", "kadis"):
        with pytest.raises(PermissionDenied):
            svc.budget_set(user=user(username), program=promosi, year=2026, triwulan=4, realisasi=Decimal("1"))
    svc.budget_set(user=user("kabidpm"), program=promosi, year=2026, triwulan=4, realisasi=Decimal("1"))


def test_planner_sets_pagu_and_a_new_kegiatan_line(kinerja_office, pelayanan):
    kegiatan = Kegiatan.objects.filter(program=pelayanan).first()
    planner = user("kasubbag")
    with pytest.raises(ValidationError, match="belum punya pagu Triwulan 1 2026"):
        svc.budget_set(user=planner, program=pelayanan, kegiatan=kegiatan, year=2026, triwulan=1,
                       realisasi=Decimal("5"))
    saved = svc.budget_set(user=planner, program=pelayanan, kegiatan=kegiatan, year=2026, triwulan=1,
                           pagu=Decimal("50000000"), realisasi=Decimal("20000000"))
    assert (saved.line.kegiatan_id, saved.line.pagu) == (kegiatan.pk, Decimal("50000000"))
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.anggaran.ubah").latest("pk").data
    assert entry["perubahan"]["pagu"] == {"lama": None, "baru": "50000000"}


def test_negative_and_overspending_of_the_year_are_refused_a_quarter_above_its_share_warns(pelayanan):
    planner = user("kasubbag")
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        svc.budget_set(user=planner, program=pelayanan, year=2026, triwulan=4, realisasi=Decimal("-1"))
    lines = BudgetLine.objects.filter(program=pelayanan, kegiatan=None, year=2026)
    year_pagu = sum(x.pagu for x in lines)
    spent_before_q4 = sum(x.realisasi for x in lines if x.triwulan != 4)
    q4 = lines.get(triwulan=4)
    room = year_pagu - spent_before_q4
    with pytest.raises(ValidationError, match="melebihi pagu tahun itu"):
        svc.budget_set(user=planner, program=pelayanan, year=2026, triwulan=4, realisasi=room + 1)
    assert BudgetLine.objects.get(pk=q4.pk).realisasi == 0
    saved = svc.budget_set(user=planner, program=pelayanan, year=2026, triwulan=4, realisasi=room)
    assert room > q4.pagu  # the earlier quarters under-spent: Q4 may spend more than its share
    assert saved.line.realisasi == room and len(saved.warnings) == 1
    assert "melebihi pagu triwulan itu" in saved.warnings[0]
    entry = Entry.objects.filter(kind="kinerja.anggaran.ubah").latest("pk").data
    assert entry["peringatan"] == saved.warnings


def test_programme_pagu_needs_a_reason_after_the_pk_document_is_signed(kinerja_office, pelayanan, run):  # noqa: F811
    make_document(run, "pk", 2026)
    planner = user("kasubbag")
    with pytest.raises(ValidationError, match=r"Perjanjian Kinerja 2026 .*isi alasan perubahan"):
        svc.budget_set(user=planner, program=pelayanan, year=2026, triwulan=4, pagu=Decimal("140000000"))
    svc.budget_set(user=planner, program=pelayanan, year=2026, triwulan=4, realisasi=Decimal("1000"))  # not locked
    svc.budget_set(user=planner, program=pelayanan, year=2026, triwulan=4, pagu=Decimal("140000000"),
                   reason="Pergeseran anggaran")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.anggaran.ubah").latest("pk").data
    assert entry["alasan"] == "Pergeseran anggaran" and entry["ditetapkan"][0]["dokumen"] == "Perjanjian Kinerja 2026"


def test_budget_table_serapan_and_a_fixed_number_of_queries(kinerja_office, pelayanan):
    from alur.kinerja.models import Renstra

    renstra = Renstra.objects.get(office=kinerja_office)
    table = svc.budget_table(user=user("kadis"), office=kinerja_office, renstra=renstra, year=2025)
    row = next(r for r in table.rows if r.program.pk == pelayanan.pk and r.kegiatan is None)
    lines = list(BudgetLine.objects.filter(program=pelayanan, kegiatan=None, year=2025).order_by("triwulan"))
    assert row.year.pagu == sum(x.pagu for x in lines)
    assert row.quarters[2].serapan == lines[2].realisasi * 100 / lines[2].pagu
    with CaptureQueriesContext(connection) as few:
        svc.budget_table(user=user("kadis"), office=kinerja_office, renstra=renstra, year=2025)
    for kegiatan in Kegiatan.objects.filter(program__renstra=renstra):
        for q in (1, 2, 3, 4):
            BudgetLine.objects.create(program=kegiatan.program, kegiatan=kegiatan, year=2025, triwulan=q,
                                      pagu=Decimal(10), realisasi=Decimal(5))
    with CaptureQueriesContext(connection) as more:
        table = svc.budget_table(user=user("kadis"), office=kinerja_office, renstra=renstra, year=2025)
    assert len(more) == len(few)
    assert sum(1 for r in table.rows if r.kegiatan) == Kegiatan.objects.filter(program__renstra=renstra).count()


def test_budget_page_export_and_permissions(kinerja_office, other_office, pelayanan, login, client):
    base = f"/kinerja/{kinerja_office.code}/anggaran/2025/"
    page = login("sekdis").get(base).content.decode()
    assert 'data-testid="budget-table"' in page and 'data-testid="budget-form"' not in page
    assert "%" in page

    response = client.get(base + "?format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    lines = BudgetLine.objects.filter(program=pelayanan, kegiatan=None, year=2025)
    row = next(r for r in rows if r[0] == "2.18.04")
    assert Decimal(str(row[-3])) == sum(x.pagu for x in lines)
    assert isinstance(row[-1], float) and 0 < row[-1] <= 1  # serapan as a fraction under a percent format
    assert sheet.cell(row=4, column=len(row)).number_format == "0.00%"
    assert rows[-1][1] == "Jumlah"

    kabid = login("kabidpp")
    page = kabid.get(f"/kinerja/{kinerja_office.code}/anggaran/2026/").content.decode()
    assert 'data-testid="budget-form"' in page and 'name="pagu"' not in page
    assert f'value="program:{pelayanan.pk}"' in page and "2.18.03 Program Promosi" not in page.split("budget-form")[1]
    kabid.post(f"/kinerja/{kinerja_office.code}/anggaran/2026/simpan/",
               {"line": f"program:{pelayanan.pk}", "triwulan": "4", "realisasi": "1.000.000"})
    assert BudgetLine.objects.get(program=pelayanan, kegiatan=None, year=2026, triwulan=4).realisasi == 1000000
    response = kabid.post(f"/kinerja/{kinerja_office.code}/anggaran/2026/simpan/",
                          {"line": f"program:{pelayanan.pk}", "triwulan": "4", "realisasi": "-5"}, follow=True)
    assert "tidak boleh negatif" in response.content.decode()

    outsider = get_user_model().objects.get(username="kadisdik")
    client.force_login(outsider)
    assert client.get(base).status_code == 404
    OfficeGrant.objects.create(office=kinerja_office, user=outsider)
    assert 'data-testid="budget-form"' not in client.get(base).content.decode()
    client.post(f"/kinerja/{kinerja_office.code}/anggaran/2026/simpan/",
                {"line": f"program:{pelayanan.pk}", "triwulan": "4", "realisasi": "2.000.000"})
    assert BudgetLine.objects.get(program=pelayanan, kegiatan=None, year=2026, triwulan=4).realisasi == 1000000


def test_a_year_outside_the_renstra_says_so_and_leads_to_the_years_of_the_plan(kinerja_office, login):
    # Issue 18: a year without a Renstra in force says which plan is missing (was: a redirect to 2026)
    # and the period switcher leads to the years that have one.
    client = login("sekdis")
    response = client.get(f"/kinerja/{kinerja_office.code}/anggaran/2030/")
    page = response.content.decode()
    assert response.status_code == 200 and "Renstra yang berlaku untuk 2030 belum ada" in page
    assert f'href="/kinerja/{kinerja_office.code}/anggaran/2026/"' in page
    assert client.get(f"/kinerja/{kinerja_office.code}/anggaran/2030/?format=xlsx").status_code == 404
