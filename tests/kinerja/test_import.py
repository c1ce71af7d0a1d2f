"""Renstra matrix import: named errors, nothing stored unless the whole file is valid, re-import no-op."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from alur.audit.models import Entry
from alur.kinerja import services
from alur.kinerja.models import IndicatorTarget, Renstra
from alur.kinerja.spreadsheets import renstra_workbook


@pytest.fixture
def draft_renstra(kinerja_office, user_named):
    renstra = Renstra.objects.get(office=kinerja_office)
    return services.renstra_open_revision(user=user_named("kasubbag"), renstra=renstra, reason="Revisi target")


def _filled(renstra, edits: dict[tuple[int, str], object], drop_rows=(), extra_rows=()) -> bytes:
    workbook = load_workbook(BytesIO(renstra_workbook(renstra)))
    sheet = workbook["Indikator"]
    header = [c.value for c in sheet[1]]
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=header.index(column) + 1, value=value)
    for row in sorted(drop_rows, reverse=True):
        sheet.delete_rows(row)
    for values in extra_rows:
        sheet.append(values)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _import(user_named, renstra, data, apply=True):
    return services.renstra_matrix_import(user=user_named("kasubbag"), renstra=renstra, data=data, apply=apply)


def _targets(renstra):
    return sorted(IndicatorTarget.objects.filter(indicator__renstra=renstra).values_list("indicator_id", "year",
                                                                                         "value"))


def test_text_in_a_number_cell_is_named_and_nothing_is_stored(user_named, draft_renstra):
    before = _targets(draft_renstra)
    data = _filled(draft_renstra, {(4, "Target 2024"): "tujuh", (2, "Target 2025"): 999})
    parsed = _import(user_named, draft_renstra, data)
    assert "Sheet Indikator, baris 4, kolom Target 2024: 'tujuh' bukan angka" in parsed.errors
    assert _targets(draft_renstra) == before


def test_unknown_code_and_duplicate_row_are_named(user_named, draft_renstra):
    first = renstra_row(draft_renstra, 2)
    data = _filled(draft_renstra, {}, extra_rows=[["X-99", "S1.1", "", "Tak dikenal", "%", 1, 2],
                                                  [first[0], *first[1:]]])
    parsed = _import(user_named, draft_renstra, data)
    assert "Sheet Indikator, baris 14, kolom Kode: indikator 'X-99' tidak ada dalam Renstra ini." in parsed.errors
    assert f"Sheet Indikator, baris 15, kolom Kode: indikator '{first[0]}' sudah ada di baris 2 (baris ganda)." \
        in parsed.errors


def renstra_row(renstra, row):
    sheet = load_workbook(BytesIO(renstra_workbook(renstra)))["Indikator"]
    return [c.value for c in sheet[row]]


def test_missing_sheet_is_named(user_named, draft_renstra):
    workbook = Workbook()
    workbook.active.title = "Lembar1"
    out = BytesIO()
    workbook.save(out)
    parsed = _import(user_named, draft_renstra, out.getvalue())
    assert parsed.errors == ["Sheet Indikator tidak ada dalam berkas (sheet yang ada: Lembar1)."]


def test_good_file_dry_run_then_import_then_reimport_changes_nothing(user_named, draft_renstra, kinerja_office):
    data = _filled(draft_renstra, {(2, "Target 2026"): "650", (3, "Kondisi awal"): "39,5"})
    dry = _import(user_named, draft_renstra, data, apply=False)
    assert not dry.errors
    assert sorted(c.describe() for c in dry.changes) == ["IKU-01 Target 2026: 600 → 650",
                                                          "IKU-02 Kondisi awal: 38 → 39,5"]
    assert IndicatorTarget.objects.get(indicator__code="IKU-01", year=2026).value == Decimal("600")
    done = _import(user_named, draft_renstra, data)
    assert len(done.changes) == 2
    assert IndicatorTarget.objects.get(indicator__code="IKU-01", year=2026).value == Decimal("650")
    entries = Entry.objects.filter(office=kinerja_office).count()
    again = _import(user_named, draft_renstra, data)
    assert again.changes == [] and again.errors == []
    assert Entry.objects.filter(office=kinerja_office).count() == entries


def test_import_needs_a_planner(user_named, draft_renstra):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.renstra_matrix_import(user=user_named("kabidpm"), renstra=draft_renstra,
                                       data=renstra_workbook(draft_renstra), apply=True)
