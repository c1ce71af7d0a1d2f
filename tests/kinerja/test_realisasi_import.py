"""Quarterly realisation XLSX: template of the user's own enterable indicators, named errors,
nothing stored unless the whole file is valid, re-import no-op, drafts through the services."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook, load_workbook

from alur.audit.models import Entry
from alur.kinerja import services
from alur.kinerja.models import Realisasi
from alur.kinerja.spreadsheets import REALISASI_SHEET, realisasi_template

DAY = date(2026, 10, 20)  # the Q3 2026 window is open


def _template(office, user, year=2026, triwulan=3):
    return realisasi_template(user=user, office=office, year=year, triwulan=triwulan, day=DAY)


def _rows(data):
    sheet = load_workbook(BytesIO(data))[REALISASI_SHEET]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _filled(data, edits: dict[tuple[int, str], object], extra_rows=()) -> bytes:
    workbook = load_workbook(BytesIO(data))
    sheet = workbook[REALISASI_SHEET]
    header = [c.value for c in sheet[1]]
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=header.index(column) + 1, value=value)
    for values in extra_rows:
        sheet.append(values)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _import(user, office, data, apply=True, triwulan=3):
    return services.realisasi_import(user=user, office=office, year=2026, triwulan=triwulan, data=data, apply=apply,
                                     day=DAY)


def _stored(office):
    return sorted(Realisasi.objects.filter(indicator__renstra__office=office, year=2026, triwulan=3)
                  .values_list("indicator__code", "value", "state", "faktor_pendorong"))


def test_template_lists_only_the_users_enterable_indicators_with_targets(kinerja_office, user_named):
    rows = _rows(_template(kinerja_office, user_named("kabidpp")))
    assert rows[0] == ["Kode", "Indikator", "Satuan", "Tahun", "Triwulan", "Target tahun", "Target triwulan",
                       "Realisasi", "Faktor pendorong", "Faktor penghambat", "Langkah perbaikan"]
    # IND-08 was sent back, IND-09 is still empty; IND-06 (diajukan) and the verified ones are not enterable.
    assert [r[0] for r in rows[1:]] == ["IND-08", "IND-09"]
    assert all(r[3:5] == [2026, 3] and r[5] is not None and r[7:] == [None] * 4 for r in rows[1:])
    assert [r[0] for r in _rows(_template(kinerja_office, user_named("kabidpm")))[1:]] == []


def test_good_file_dry_run_import_and_reimport(kinerja_office, user_named):
    kabid = user_named("kabidpp")
    before = _stored(kinerja_office)
    data = _filled(_template(kinerja_office, kabid), {(2, "Realisasi"): "5,5", (3, "Realisasi"): 2150,
                                                      (3, "Faktor pendorong"): "Layanan daring"})
    dry = _import(kabid, kinerja_office, data, apply=False)
    assert dry.errors == []
    assert [c.describe() for c in dry.changes][1:] == ["IND-09 Realisasi TW 3 2026: — → 2.150",
                                                        "IND-09 Faktor pendorong TW 3 2026: — → 'Layanan daring'"]
    assert _stored(kinerja_office) == before
    done = _import(kabid, kinerja_office, data)
    assert done.errors == [] and len(done.changes) == 3
    ind08 = Realisasi.objects.get(indicator__code="IND-08", year=2026, triwulan=3)
    ind09 = Realisasi.objects.get(indicator__code="IND-09", year=2026, triwulan=3)
    assert (ind08.value, ind08.state) == (Decimal("5.5"), Realisasi.State.DIKEMBALIKAN)  # still editable, unsent
    assert (ind09.value, ind09.state, ind09.faktor_pendorong) == (Decimal("2150"), Realisasi.State.DRAFT,
                                                                  "Layanan daring")
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.realisasi.ubah").count() >= 2
    entries = Entry.objects.filter(office=kinerja_office).count()
    again = _import(kabid, kinerja_office, data)
    assert again.changes == [] and again.errors == []
    assert Entry.objects.filter(office=kinerja_office).count() == entries


def test_bad_values_are_named_and_nothing_is_stored(kinerja_office, user_named):
    kabid = user_named("kabidpp")
    before = _stored(kinerja_office)
    template = _template(kinerja_office, kabid)
    data = _filled(template, {(2, "Realisasi"): "tujuh", (3, "Realisasi"): 2150},
                   extra_rows=[["X-99", "Tak dikenal", "%", 2026, 3, None, None, 1],
                               ["IND-09", "", "", 2026, 3, None, None, 2000]])
    parsed = _import(kabid, kinerja_office, data)
    assert "Sheet Realisasi triwulan, baris 2, kolom Realisasi: 'tujuh' bukan angka" in parsed.errors
    assert "Sheet Realisasi triwulan, baris 4, kolom Kode: indikator 'X-99' tidak ada dalam Renstra tahun 2026." \
        in parsed.errors
    assert "Sheet Realisasi triwulan, baris 5, kolom Kode: indikator 'IND-09' sudah ada di baris 3 (baris ganda)." \
        in parsed.errors
    assert _stored(kinerja_office) == before


def test_missing_sheet_and_wrong_period_are_named(kinerja_office, user_named):
    kabid = user_named("kabidpp")
    workbook = Workbook()
    workbook.active.title = "Lembar1"
    out = BytesIO()
    workbook.save(out)
    assert _import(kabid, kinerja_office, out.getvalue()).errors == [
        "Sheet Realisasi triwulan tidak ada dalam berkas (sheet yang ada: Lembar1)."]
    q3 = _filled(_template(kinerja_office, kabid), {(3, "Realisasi"): 2150})
    parsed = _import(kabid, kinerja_office, q3, triwulan=2)
    assert "Sheet Realisasi triwulan, baris 3, kolom Triwulan: 3, padahal yang diimpor triwulan 2." in parsed.errors


def test_a_unit_imports_only_its_own_indicators(kinerja_office, user_named):
    before = _stored(kinerja_office)
    data = _filled(_template(kinerja_office, user_named("kabidpp")), {(3, "Realisasi"): 2150})
    parsed = _import(user_named("kabidpm"), kinerja_office, data)
    assert "Sheet Realisasi triwulan, baris 3, kolom Kode: Anda tidak dapat mengisi realisasi indikator 'IND-09'." \
        in parsed.errors
    submitted = _filled(_template(kinerja_office, user_named("kabidpp")), {},
                        extra_rows=[["IND-06", "", "", 2026, 3, None, None, 1]])
    parsed = _import(user_named("kabidpp"), kinerja_office, submitted)
    assert ("Sheet Realisasi triwulan, baris 4, kolom Kode: Anda tidak dapat mengisi realisasi indikator 'IND-06' "
            "(status Diajukan).") in parsed.errors
    assert _stored(kinerja_office) == before


def test_pages_give_the_template_and_import_it(client, kinerja_office, user_named):
    client.force_login(user_named("kabidpp"))
    code = kinerja_office.code
    response = client.get(f"/kinerja/{code}/realisasi/2026/3/templat/")
    assert response.status_code == 200
    data = _filled(response.content, {(3, "Realisasi"): "abc"})
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("r.xlsx", data, content_type="application/vnd.openxmlformats-officedocument"
                                                                ".spreadsheetml.sheet")
    response = client.post(f"/kinerja/{code}/realisasi/2026/3/impor/", {"file": upload, "confirm": "on"})
    assert response.status_code == 200
    assert "kolom Realisasi: &#x27;abc&#x27; bukan angka" in response.content.decode()
    client.force_login(user_named("kabidpm"))
    assert client.get("/kinerja/saya/?tahun=2026&tw=3").status_code == 200


def test_a_period_fixed_by_a_signed_report_imports_only_with_a_reason(kinerja_office, user_named, revision_named):
    from alur.runs.services import run_start

    from .test_locks import make_document

    run = run_start(revision=revision_named("Pengumpulan"), user=user_named("admin"), purpose="Data kinerja TW III",
                    year=2026, triwulan=3)
    make_document(run, "data_kinerja", 2026, 3)  # the triwulan III report was signed
    kabid = user_named("kabidpp")
    before = _stored(kinerja_office)
    data = _filled(_template(kinerja_office, kabid), {(3, "Realisasi"): 2150})
    refused = _import(kabid, kinerja_office, data)
    assert any("sudah ditetapkan dalam Laporan Data Kinerja 2026 Triwulan III" in e for e in refused.errors)
    assert _stored(kinerja_office) == before
    done = services.realisasi_import(user=kabid, office=kinerja_office, year=2026, triwulan=3, data=data, apply=True,
                                     day=DAY, reason="Data BPS terbit setelah laporan")
    assert done.errors == []
    assert Realisasi.objects.get(indicator__code="IND-09", year=2026, triwulan=3).value == Decimal("2150")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.realisasi.ubah").latest("pk")
    assert entry.data["alasan"] == "Data BPS terbit setelah laporan"


def test_the_import_pages_ask_for_the_reason_where_rows_can_be_locked(kinerja_office, login):
    from django.urls import reverse

    code = kinerja_office.code
    page = login("kabidpp").get(reverse("kinerja:realisasi_import", args=[code, 2026, 3])).content.decode()
    assert 'name="reason"' in page and "Alasan perubahan setelah penetapan" in page
    planner = login("kasubbag")
    assert 'name="reason"' in planner.get(reverse("kinerja:renstra_import", args=[code])).content.decode()
    assert 'name="reason"' not in planner.get(reverse("kinerja:program_import", args=[code])).content.decode()


def test_the_dry_run_checks_what_the_save_checks(kinerja_office, user_named):
    """Issue 18 item 17: a triwulan IV file tested in October reported nothing, then saving failed on
    the entry window. Now the dry run refuses it with the same message, and keeps nothing."""
    kabid = user_named("kabidpp")
    template = realisasi_template(user=kabid, office=kinerja_office, year=2026, triwulan=4, day=DAY)
    rows = _rows(template)
    assert rows[1:], "the kabid has indicators to enter for triwulan IV"
    filled = _filled(template, {(2, "Realisasi"): 512})
    entries = Entry.objects.count()
    dry = _import(kabid, kinerja_office, filled, apply=False, triwulan=4)
    saved = _import(kabid, kinerja_office, filled, apply=True, triwulan=4)
    assert dry.errors and dry.errors == saved.errors
    assert "baru dibuka" in dry.errors[0] and "Januari 2027" in dry.errors[0]  # one date format
    assert Entry.objects.count() == entries
    assert not Realisasi.objects.filter(indicator__renstra__office=kinerja_office, year=2026, triwulan=4).exists()


def test_a_clean_dry_run_keeps_nothing(kinerja_office, user_named):
    kabid = user_named("kabidpp")
    filled = _filled(_template(kinerja_office, kabid), {(2, "Realisasi"): 77, (3, "Realisasi"): 512})
    before, entries = _stored(kinerja_office), Entry.objects.count()
    dry = _import(kabid, kinerja_office, filled, apply=False)
    assert not dry.errors and len(dry.changes) >= 2
    assert _stored(kinerja_office) == before and Entry.objects.count() == entries
