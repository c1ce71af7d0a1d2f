"""Programmes/kegiatan with codes and pagu: template, named errors, all or nothing, re-import no-op."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from alur.audit.models import Entry
from alur.kinerja import services
from alur.kinerja.models import PaguIndikatif, Renstra
from alur.kinerja.spreadsheets import PROGRAM_SHEET, program_workbook


@pytest.fixture
def draft_renstra(kinerja_office, user_named):
    renstra = Renstra.objects.get(office=kinerja_office)
    return services.renstra_open_revision(user=user_named("kasubbag"), renstra=renstra, reason="Revisi pagu")


def _filled(renstra, edits, extra_rows=()) -> bytes:
    workbook = load_workbook(BytesIO(program_workbook(renstra, template=True)))
    sheet = workbook[PROGRAM_SHEET]
    header = [c.value for c in sheet[1]]
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=header.index(column) + 1, value=value)
    for values in extra_rows:
        sheet.append(values)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _import(user_named, renstra, data, apply=True, user="kasubbag"):
    return services.program_import(user=user_named(user), renstra=renstra, data=data, apply=apply)


def _pagu(renstra):
    return sorted(PaguIndikatif.objects.filter(amount__isnull=False).values_list("id", "year", "amount"))


def test_template_lists_codes_and_levels(draft_renstra):
    sheet = load_workbook(BytesIO(program_workbook(draft_renstra, template=True)))[PROGRAM_SHEET]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Kode", "Jenis", "Uraian", "Unit penanggung jawab"]
    assert rows[1][:2] == ["2.18.01", "Program"] and rows[2][:2] == ["2.18.01.2.01", "Kegiatan"]
    assert rows[3][:2] == ["2.18.01.2.01.0001", "Sub-kegiatan"]
    years = len(draft_renstra.years)
    assert all(v is None for row in rows[1:] for v in row[4:4 + years])
    assert rows[0][4 + years:] == ["Kode induk", "Kode sasaran"]
    assert rows[1][4 + years:] == [None, "S2.3"] and rows[2][4 + years:] == ["2.18.01", None]
    assert rows[3][4 + years:] == ["2.18.01.2.01", None]
    full = load_workbook(BytesIO(program_workbook(draft_renstra)))[PROGRAM_SHEET]
    assert any(isinstance(c.value, int | float) for row in full.iter_rows(min_row=2) for c in row[4:])


def test_bad_values_are_named_and_nothing_is_stored(user_named, draft_renstra):
    before = _pagu(draft_renstra)
    data = _filled(draft_renstra, {(2, "Pagu 2025"): "dua miliar", (3, "Pagu 2025"): 5, (4, "Pagu 2024"): -1},
                   extra_rows=[["9.99.99", "Program", "Tak dikenal"], ["2.18.01", "Program", "Lagi", "", 1]])
    parsed = _import(user_named, draft_renstra, data)
    assert "Sheet Program, baris 2, kolom Pagu 2025: 'dua miliar' bukan angka" in parsed.errors
    assert "Sheet Program, baris 4, kolom Pagu 2024: pagu tidak boleh negatif." in parsed.errors
    assert any(e.startswith("Sheet Program, baris ") and "kolom Unit penanggung jawab: wajib diisi untuk kode baru "
               "'9.99.99'." in e for e in parsed.errors)
    assert any("program/kegiatan '2.18.01' sudah ada di baris 2 (baris ganda)." in e for e in parsed.errors)
    assert _pagu(draft_renstra) == before


def test_missing_sheet_is_named(user_named, draft_renstra):
    workbook = Workbook()
    workbook.active.title = "Lembar1"
    out = BytesIO()
    workbook.save(out)
    assert _import(user_named, draft_renstra, out.getvalue()).errors == [
        "Sheet Program tidak ada dalam berkas (sheet yang ada: Lembar1)."]


def test_good_file_dry_run_import_and_reimport(user_named, draft_renstra, kinerja_office):
    old = PaguIndikatif.objects.filter(program__code="2.18.03", year=2025).first()
    data = _filled(draft_renstra, {(2, "Pagu 2025"): 123456789, (3, "Pagu 2025"): "1.250.000,50"})
    dry = _import(user_named, draft_renstra, data, apply=False)
    assert dry.errors == [] and len(dry.changes) == 2
    assert dry.changes[0].describe().startswith("2.18.01 Program Pagu 2025: ")
    assert dry.changes[0].describe().endswith("→ 123.456.789")
    assert not PaguIndikatif.objects.filter(amount=Decimal("123456789")).exists()
    done = _import(user_named, draft_renstra, data)
    assert done.errors == []
    assert PaguIndikatif.objects.get(program__code="2.18.01", year=2025).amount == Decimal("123456789")
    assert PaguIndikatif.objects.get(kegiatan__code="2.18.01.2.01", year=2025).amount == Decimal("1250000.50")
    assert PaguIndikatif.objects.filter(program__code="2.18.03", year=2025).first() == old  # untouched
    entries = Entry.objects.filter(office=kinerja_office).count()
    again = _import(user_named, draft_renstra, data)
    assert again.changes == [] and again.errors == []
    assert Entry.objects.filter(office=kinerja_office).count() == entries


def test_import_needs_a_planner_and_the_page_shows_errors(client, user_named, draft_renstra, kinerja_office):
    with pytest.raises(PermissionDenied):
        _import(user_named, draft_renstra, program_workbook(draft_renstra), user="kabidpm")
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user_named("kabidpm"))
    assert client.get(f"/kinerja/{kinerja_office.code}/renstra/program/impor/").status_code == 403
    client.force_login(user_named("kasubbag"))
    upload = SimpleUploadedFile("p.xlsx", _filled(draft_renstra, {(2, "Pagu 2025"): "x"}),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = client.post(f"/kinerja/{kinerja_office.code}/renstra/program/impor/", {"file": upload})
    assert "Sheet Program, baris 2, kolom Pagu 2025: &#x27;x&#x27; bukan angka" in response.content.decode()


# -- new codes create programmes, kegiatan and sub-kegiatan while the Renstra is draft --------------------------

def _program_file(renstra, rows: list[dict]) -> bytes:
    workbook = load_workbook(BytesIO(program_workbook(renstra, template=True)))
    sheet = workbook[PROGRAM_SHEET]
    header = [c.value for c in sheet[1]]
    for row in rows:
        assert not set(row) - set(header), set(row) - set(header)
        sheet.append([row.get(column) for column in header])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


PP = "Bidang Pelayanan Perizinan"
NEW_LINES = [  # the kegiatan comes before its programme: the import orders parents first
    {"Kode": "2.18.04.2.01", "Jenis": "Kegiatan", "Uraian": "Pelayanan Terpadu Satu Pintu",
     "Unit penanggung jawab": PP, "Pagu 2026": 540000000},
    {"Kode": "2.18.04", "Jenis": "Program", "Uraian": "Program Pelayanan Penanaman Modal",
     "Unit penanggung jawab": PP, "Pagu 2026": "600.000.000", "Kode sasaran": "S2.2"},
    {"Kode": "2.18.04.2.01.0001", "Jenis": "Sub-kegiatan", "Uraian": "Penyediaan Pelayanan Terpadu",
     "Unit penanggung jawab": PP, "Kode induk": "2.18.04.2.01", "Pagu 2027": 390000000},
]


@pytest.fixture
def fresh_renstra(demo_office, user_named):
    from alur.kinerja.services import structure

    planner = user_named("kasubbag")
    renstra = structure.renstra_create(user=planner, office=demo_office, title="Renstra", start_year=2025,
                                       end_year=2030)
    tujuan = structure.tujuan_create(user=planner, renstra=renstra, code="T2", name="Pelayanan")
    structure.sasaran_create(user=planner, tujuan=tujuan, code="S2.2", name="Kecepatan pelayanan")
    return renstra


def test_new_lines_are_listed_created_with_pagu_and_reimport_is_a_no_op(user_named, fresh_renstra, demo_office):
    from alur.kinerja.models import Kegiatan, Program, SubKegiatan

    data = _program_file(fresh_renstra, NEW_LINES)
    dry = _import(user_named, fresh_renstra, data, apply=False)
    assert dry.errors == [] and dry.changes == []
    assert [c.describe() for c in dry.creations] == [
        "Program 2.18.04: Program Pelayanan Penanaman Modal",
        "Kegiatan 2.18.04.2.01: Pelayanan Terpadu Satu Pintu (di bawah 2.18.04)",
        "Sub-kegiatan 2.18.04.2.01.0001: Penyediaan Pelayanan Terpadu (di bawah 2.18.04.2.01)"]
    assert not Program.objects.exists()
    done = _import(user_named, fresh_renstra, data)
    assert done.errors == []
    program = Program.objects.get(renstra=fresh_renstra, code="2.18.04")
    assert (program.unit.name, program.sasaran.code) == (PP, "S2.2")
    assert Kegiatan.objects.get(code="2.18.04.2.01").program == program
    sub = SubKegiatan.objects.get(code="2.18.04.2.01.0001")
    assert sub.kegiatan.code == "2.18.04.2.01"
    assert program.pagu.get(year=2026).amount == Decimal("600000000")
    assert sub.pagu.get(year=2027).amount == Decimal("390000000")
    assert Entry.objects.filter(office=demo_office, kind="kinerja.pagu.ubah").count() == 3
    entries = Entry.objects.filter(office=demo_office).count()
    again = _import(user_named, fresh_renstra, data)
    assert again.errors == [] and again.changes == [] and again.creations == []
    assert Entry.objects.filter(office=demo_office).count() == entries


@pytest.mark.parametrize("rows, message", [
    ([{**NEW_LINES[0], "Kode": "2.18.09.2.01"}, NEW_LINES[1]],
     "Sheet Program, baris 2, kolom Kode induk: Program induk '—' tidak ada dalam Renstra ini maupun dalam berkas."),
    ([NEW_LINES[1], {**NEW_LINES[2], "Kode induk": "2.18.04"}],
     "Sheet Program, baris 3, kolom Kode induk: Kegiatan induk '2.18.04' tidak ada"),
    ([NEW_LINES[1], {**NEW_LINES[0], "Kode induk": "2.18.04", "Kode": "2.18.05.2.01"}],
     "Sheet Program, baris 3, kolom Kode: Kode kegiatan '2.18.05.2.01' harus diawali kode induknya '2.18.04'"),
    ([{**NEW_LINES[1], "Jenis": "Urusan"}], "Sheet Program, baris 2, kolom Jenis: 'Urusan' bukan jenis yang dikenal"),
    ([{**NEW_LINES[1], "Unit penanggung jawab": None}],
     "Sheet Program, baris 2, kolom Unit penanggung jawab: wajib diisi untuk kode baru '2.18.04'."),
    ([{**NEW_LINES[1], "Kode sasaran": "S9"}], "Sheet Program, baris 2, kolom Kode sasaran: sasaran 'S9' tidak ada"),
])
def test_bad_new_lines_are_named_and_nothing_is_created(user_named, fresh_renstra, rows, message):
    from alur.kinerja.models import Program

    parsed = _import(user_named, fresh_renstra, _program_file(fresh_renstra, rows))
    assert any(e.startswith(message) for e in parsed.errors), parsed.errors
    assert not Program.objects.exists()


def test_a_ditetapkan_renstra_refuses_new_lines(user_named, kinerja_office):
    renstra = Renstra.objects.get(office=kinerja_office)
    before = _pagu(renstra)
    parsed = _import(user_named, renstra, _filled(renstra, {}, extra_rows=[["2.18.06", "Program", "Baru"]]))
    assert [e for e in parsed.errors if "2.18.06" in e] == [
        "Sheet Program, baris 18, kolom Kode: Renstra sudah ditetapkan: kode baru '2.18.06' tidak dapat "
        "ditambahkan; buka revisi."]
    assert _pagu(renstra) == before
