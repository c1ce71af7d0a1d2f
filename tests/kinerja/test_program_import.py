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
    assert all(v is None for row in rows[1:] for v in row[4:])
    full = load_workbook(BytesIO(program_workbook(draft_renstra)))[PROGRAM_SHEET]
    assert any(isinstance(c.value, int | float) for row in full.iter_rows(min_row=2) for c in row[4:])


def test_bad_values_are_named_and_nothing_is_stored(user_named, draft_renstra):
    before = _pagu(draft_renstra)
    data = _filled(draft_renstra, {(2, "Pagu 2025"): "dua miliar", (3, "Pagu 2025"): 5, (4, "Pagu 2024"): -1},
                   extra_rows=[["9.99.99", "Program", "Tak dikenal"], ["2.18.01", "Program", "Lagi", "", 1]])
    parsed = _import(user_named, draft_renstra, data)
    assert "Sheet Program, baris 2, kolom Pagu 2025: 'dua miliar' bukan angka" in parsed.errors
    assert "Sheet Program, baris 4, kolom Pagu 2024: pagu tidak boleh negatif." in parsed.errors
    assert any(e.startswith("Sheet Program, baris ") and "program/kegiatan '9.99.99' tidak ada dalam Renstra ini."
               in e for e in parsed.errors)
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
