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
    # A draft Renstra creates new codes, so the row must say who is responsible.
    assert ("Sheet Indikator, baris 14, kolom Unit penanggung jawab: wajib diisi untuk kode baru 'X-99'."
            in parsed.errors)
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


# -- new codes create the structure while the Renstra is draft ------------------------------------------------

def _matrix_with_rows(renstra, rows: list[dict]) -> bytes:
    """The Renstra's own matrix with `rows` appended, each given as {column: value}."""
    workbook = load_workbook(BytesIO(renstra_workbook(renstra)))
    sheet = workbook["Indikator"]
    header = [c.value for c in sheet[1]]
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        sheet.append([row.get(column) for column in header])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


NEW_ROWS = [
    {"Kode": "IKU-20", "Kode tujuan": "T1", "Tujuan": "Meningkatnya investasi", "Kode sasaran": "S1.1",
     "Sasaran": "Meningkatnya realisasi investasi", "Indikator": "Nilai realisasi investasi", "Satuan": "Rp miliar",
     "Kondisi awal": 410, "Target 2026": 450, "Target 2030": "600", "Unit penanggung jawab": "Bidang Penanaman Modal",
     "Jabatan penanggung jawab": "Kepala Bidang Penanaman Modal", "Jenis formula": "jumlah", "Polaritas": "naik",
     "Agregasi": "kumulatif", "IKU": "ya", "Definisi operasional": "Investasi terealisasi", "Formula": "PMA + PMDN",
     "Sumber data": "LKPM"},
    {"Kode": "IND-21", "Kode sasaran": "S1.1", "Indikator": "Lama penerbitan izin", "Satuan": "hari",
     "Kondisi awal": "7", "Target 2026": "5", "Unit penanggung jawab": "Bidang Pelayanan Perizinan",
     "Polaritas": "Turun baik (semakin rendah semakin baik)", "Agregasi": "rata_rata", "IKU": "tidak"},
]


@pytest.fixture
def fresh_renstra(demo_office, user_named):
    from alur.kinerja.services import structure

    return structure.renstra_create(user=user_named("kasubbag"), office=demo_office, title="Renstra",
                                    start_year=2025, end_year=2030)


def test_new_codes_are_listed_as_created_then_created_and_reimport_is_a_no_op(user_named, fresh_renstra,
                                                                                demo_office):
    from alur.kinerja.models import Indicator, Sasaran, Tujuan

    data = _matrix_with_rows(fresh_renstra, NEW_ROWS)
    dry = _import(user_named, fresh_renstra, data, apply=False)
    assert dry.errors == [] and dry.changes == []
    assert [c.describe() for c in dry.creations] == [
        "Tujuan T1: Meningkatnya investasi", "Sasaran S1.1: Meningkatnya realisasi investasi (di bawah T1)",
        "Indikator IKU-20: Nilai realisasi investasi (di bawah S1.1)",
        "Indikator IND-21: Lama penerbitan izin (di bawah S1.1)"]
    assert not Tujuan.objects.exists() and not Indicator.objects.exists()  # a dry run stores nothing
    done = _import(user_named, fresh_renstra, data)
    assert done.errors == []
    iku = Indicator.objects.get(renstra=fresh_renstra, code="IKU-20")
    assert (iku.sasaran, iku.unit.name, iku.position.code, iku.is_iku, iku.kind) == (
        Sasaran.objects.get(code="S1.1"), "Bidang Penanaman Modal", "kabid-pm", True, "jumlah")
    assert (iku.definisi, iku.formula, iku.sumber_data, iku.baseline) == (
        "Investasi terealisasi", "PMA + PMDN", "LKPM", Decimal(410))
    assert dict(iku.targets.values_list("year", "value")) == {2026: Decimal(450), 2030: Decimal(600)}
    lama = Indicator.objects.get(code="IND-21")
    assert (lama.polarity, lama.aggregation, lama.is_iku, lama.position) == ("turun", "rata_rata", False, None)
    kinds = list(Entry.objects.filter(office=demo_office, kind__in=[
        "kinerja.tujuan.buat", "kinerja.sasaran.buat", "kinerja.indikator.buat"]).values_list("kind", flat=True))
    assert sorted(kinds) == ["kinerja.indikator.buat", "kinerja.indikator.buat", "kinerja.sasaran.buat",
                             "kinerja.tujuan.buat"]
    entries = Entry.objects.filter(office=demo_office).count()
    again = _import(user_named, fresh_renstra, _matrix_with_rows(fresh_renstra, []))  # the exported file
    assert again.errors == [] and again.changes == [] and again.creations == []
    same = _import(user_named, fresh_renstra, data)  # the first file again: its codes now exist, values equal
    assert same.errors == [] and same.changes == [] and same.creations == []
    assert Entry.objects.filter(office=demo_office).count() == entries


def test_reimporting_the_same_creating_file_changes_nothing(user_named, fresh_renstra, demo_office):
    workbook = load_workbook(BytesIO(renstra_workbook(fresh_renstra, template=True)))
    sheet = workbook["Indikator"]
    header = [c.value for c in sheet[1]]
    for row in NEW_ROWS:
        sheet.append([row.get(column) for column in header])
    out = BytesIO()
    workbook.save(out)
    data = out.getvalue()
    assert _import(user_named, fresh_renstra, data).errors == []
    entries = Entry.objects.filter(office=demo_office).count()
    again = _import(user_named, fresh_renstra, data)
    assert again.errors == [] and again.changes == [] and again.creations == []
    assert Entry.objects.filter(office=demo_office).count() == entries


@pytest.mark.parametrize("row, message", [
    ({"Unit penanggung jawab": "Bidang Fiktif"},
     "Sheet Indikator, baris 2, kolom Unit penanggung jawab: unit 'Bidang Fiktif' tidak ada di OPD ini."),
    ({"Sasaran": None}, "Sheet Indikator, baris 2, kolom Sasaran: wajib diisi untuk kode baru 'S1.1'."),
    ({"Polaritas": "ke atas"}, "Sheet Indikator, baris 2, kolom Polaritas: 'ke atas' bukan pilihan yang dikenal"),
    ({"IKU": "mungkin"}, "Sheet Indikator, baris 2, kolom IKU: isi 'ya' atau 'tidak'."),
    ({"Target 2027": "tujuh"}, "Sheet Indikator, baris 2, kolom Target 2027: 'tujuh' bukan angka"),
    ({"Kode": "IKU 20"}, "Sheet Indikator, baris 2, kolom Kode: Kode indikator 'IKU 20' tidak sah"),
    ({"Jabatan penanggung jawab": "Kepala Bidang Pelayanan Perizinan"},
     "Sheet Indikator, baris 2, kolom Jabatan penanggung jawab: jabatan 'Kepala Bidang Pelayanan Perizinan' "
     "tidak ada di unit penanggung jawab."),
])
def test_bad_new_rows_are_named_and_nothing_is_created(user_named, fresh_renstra, row, message):
    from alur.kinerja.models import Indicator, Tujuan

    data = _matrix_with_rows(fresh_renstra, [{**NEW_ROWS[0], **row}, NEW_ROWS[1]])
    parsed = _import(user_named, fresh_renstra, data)
    assert any(e.startswith(message) for e in parsed.errors), parsed.errors
    assert not Tujuan.objects.exists() and not Indicator.objects.exists()


def test_a_ditetapkan_renstra_refuses_new_codes_naming_the_row(user_named, kinerja_office):
    from alur.kinerja.models import Indicator

    renstra = Renstra.objects.get(office=kinerja_office)
    before = _targets(renstra)
    data = _matrix_with_rows(renstra, [{**NEW_ROWS[1], "Kode": "IND-40"}])
    parsed = _import(user_named, renstra, data)
    assert parsed.errors == ["Sheet Indikator, baris 14, kolom Kode: Renstra sudah ditetapkan: kode baru 'IND-40' "
                             "tidak dapat ditambahkan; buka revisi."]
    assert parsed.creations == [] and not Indicator.objects.filter(code="IND-40").exists()
    assert _targets(renstra) == before


def test_a_rentang_row_needs_its_band(user_named, fresh_renstra):
    data = _matrix_with_rows(fresh_renstra, [{**NEW_ROWS[0], "Polaritas": "rentang", "Rentang bawah": 90}])
    assert _import(user_named, fresh_renstra, data, apply=False).errors == [
        "Sheet Indikator, baris 2, kolom Polaritas: indikator rentang memerlukan Rentang bawah dan Rentang atas."]
    data = _matrix_with_rows(fresh_renstra, [{**NEW_ROWS[0], "Polaritas": "rentang", "Rentang bawah": 90,
                                              "Rentang atas": 100}])
    assert _import(user_named, fresh_renstra, data).errors == []
    from alur.kinerja.models import Indicator

    assert Indicator.objects.get(code="IKU-20").band_high == Decimal(100)


def test_a_refusal_while_creating_undoes_the_whole_file(user_named, fresh_renstra, demo_office, monkeypatch):
    """Rows are checked when read; should a service still refuse one while storing, nothing is kept."""
    from django.core.exceptions import ValidationError

    from alur.kinerja.models import Indicator, Sasaran, Tujuan
    from alur.kinerja.services import structure

    original = structure.indicator_create

    def refuse_the_second(**kwargs):
        if kwargs["code"] == "IND-21":
            raise ValidationError({"code": "ditolak"})
        return original(**kwargs)

    monkeypatch.setattr(structure, "indicator_create", refuse_the_second)
    entries = Entry.objects.filter(office=demo_office).count()
    parsed = _import(user_named, fresh_renstra, _matrix_with_rows(fresh_renstra, NEW_ROWS))
    assert parsed.errors == ["Baris 3, kode IND-21: ditolak"]
    assert not (Tujuan.objects.exists() or Sasaran.objects.exists() or Indicator.objects.exists())
    assert Entry.objects.filter(office=demo_office).count() == entries


def test_the_import_page_lists_akan_dibuat_apart_from_akan_diubah(login, fresh_renstra, demo_office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("r.xlsx", _matrix_with_rows(fresh_renstra, NEW_ROWS),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    page = login("kasubbag").post(f"/kinerja/{demo_office.code}/renstra/impor/", {"file": upload}).content.decode()
    assert 'data-testid="import-creations"' in page and "Akan dibuat: 4 baris baru" in page
    assert "Indikator IKU-20: Nilai realisasi investasi (di bawah S1.1)" in page
    assert "Akan diubah: 0 perubahan" in page
