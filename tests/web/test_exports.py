"""No user-typed text leaves Alur as a live formula (issue 16 item 8).

Texts a user types (indicator names and definitions, sasaran, programme and kegiatan names, analysis
of a realisation, a run's purpose, an employee's name, an office's name, the basis of a SAKIP
deadline) are set to `=HYPERLINK(…)`, `+1+1`, `-2+3` and `@SUM(A1)`; every export is then downloaded
through its real view and opened with openpyxl / csv. XLSX: no cell is a formula; such a text is a
string cell with Excel's quote prefix, shown as typed (no apostrophe added). CSV: the field starts
with OWASP's apostrophe ('=HYPERLINK(…)). On the old code the XLSX cells were formulas (data_type "f")
and the CSV fields began with "=", so every test here failed.
"""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from alur.kit.exports import FORMULA_STARTS, csv_cell, csv_writer, new_workbook, workbook_bytes

HYPERLINK = '=HYPERLINK("http://x","y")'
PLUS, MINUS, AT = "+1+1", "-2+3", "@SUM(A1)"
PAYLOADS = {HYPERLINK, PLUS, MINUS, AT}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_csv_cell_prefixes_only_formula_like_text():
    assert [csv_cell(v) for v in (HYPERLINK, PLUS, MINUS, AT, "\t=1", "\r=1")] == [
        "'" + v for v in (HYPERLINK, PLUS, MINUS, AT, "\t=1", "\r=1")]
    assert [csv_cell(v) for v in ("Rapat 1", -2, 3.5, None, "")] == ["Rapat 1", -2, 3.5, None, ""]
    buffer = io.StringIO()
    csv_writer(buffer).writerow([HYPERLINK, -2, "a,=b"])
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["'" + HYPERLINK, "-2", "a,=b"]]


def test_workbook_bytes_writes_formula_like_text_as_text_and_numbers_as_numbers():
    from decimal import Decimal

    workbook = new_workbook()
    workbook.active.append([HYPERLINK, PLUS, MINUS, AT, -2, Decimal("-1.5"), date(2026, 1, 2), "biasa"])
    workbook.active.cell(row=2, column=1, value="=1+1")
    book = load_workbook(io.BytesIO(workbook_bytes(workbook)))
    first, second = list(book.active.iter_rows())[:2]
    assert [c.value for c in first[:4]] == [HYPERLINK, PLUS, MINUS, AT]
    assert all(c.data_type == "s" and c.quotePrefix for c in [*first[:4], second[0]])
    assert [c.data_type for c in first[4:7]] == ["n", "n", "d"] and first[4].value == -2
    assert not first[7].quotePrefix and second[0].value == "=1+1"


# -- every export, through its view ------------------------------------------------------------------------

@pytest.fixture
def hostile(demo_sops):
    """The demo office with its SAKIP data and a year of RENJA runs, whose user-typed texts are payloads."""
    from alur.dashboard.timings import refresh
    from alur.kinerja.demo import load_demo_kinerja
    from alur.kinerja.models import Indicator, Kegiatan, Program, Realisasi, Sasaran
    from alur.org.models import Employee, Office, OfficeGrant
    from alur.runs.models import Run
    from alur.sim.history import Options, generate_history

    office = demo_sops
    load_demo_kinerja(office)
    generate_history(office, Options(seed=3, years=1, runs_per_year=5, send_back_rate=0.5, sop_name="RENJA"))
    refresh(office)
    # Setting the texts directly (QuerySet.update) stands for what users typed through the forms.
    Indicator.objects.filter(renstra__office=office).update(name=HYPERLINK, definisi=AT, satuan=PLUS)
    Sasaran.objects.filter(tujuan__renstra__office=office).update(name=MINUS)
    Realisasi.objects.filter(indicator__renstra__office=office).update(faktor_pendorong=AT, return_reason=PLUS)
    Program.objects.filter(renstra__office=office).update(name=PLUS)
    Kegiatan.objects.filter(program__renstra__office=office).update(name=HYPERLINK)
    Run.objects.filter(revision__sop__office=office).update(purpose=HYPERLINK)
    Employee.objects.filter(office=office).update(name=AT)
    Office.objects.filter(pk=office.pk).update(name=MINUS)
    from alur.kinerja.models import PerjanjianKinerja
    from alur.kinerja.snapshots import year_snapshot

    for pk in PerjanjianKinerja.objects.filter(office=office):  # as if signed after the texts were typed
        PerjanjianKinerja.objects.filter(pk=pk.pk).update(snapshot=year_snapshot(pk.renstra, pk.year))
    from alur.dashboard import services as dashboard_services
    from alur.dashboard.sakip import ITEMS

    year = date.today().year
    dashboard_services.sakip_deadline_set(office=office, user=get_user_model().objects.get(username="kasubbag"),
                                          year=year, item=ITEMS[0].key, due=date(year, 3, 31), source=MINUS)
    auditor = get_user_model().objects.create_user("auditor-x", password="rahasia-123")
    OfficeGrant.objects.create(user=auditor, office=office, note="Reviu")
    return office


def _exports(office):
    """(name, user, url, whether a payload must show) of every XLSX/CSV export of the pages. The realism
    table shows the SOP's step names and figures, the notifications fixed sentences, the realisation
    template only indicators open for entry today: no payload need show there (no formula either)."""
    from alur.sop.models import Sop

    code, year = office.code, 2025
    renja = next(sop for sop in Sop.objects.filter(office=office) if "RENJA" in str(sop))
    today = date.today()
    return [
        ("pengukuran", "kadis", f"/kinerja/{code}/pengukuran/{year}/?format=xlsx", True),
        ("renstra matrix", "kadis", f"/kinerja/{code}/renstra/?format=xlsx", True),
        ("realisasi list", "kadis", f"/kinerja/{code}/realisasi/{year}/?format=xlsx", True),
        ("budget", "kadis", f"/kinerja/{code}/anggaran/{year}/?format=xlsx", True),
        ("renstra template", "kasubbag", f"/kinerja/{code}/renstra/templat/", True),
        ("program template", "kasubbag", f"/kinerja/{code}/renstra/program/templat/", True),
        ("realisasi template", "kabidpp", f"/kinerja/{code}/realisasi/{today.year}/{(today.month - 1) // 3 + 1}/"
                                          "templat/", False),
        ("dashboard", "kadis", f"/dasbor/opd/{code}/?unduh=xlsx", True),
        ("realism", "kadis", f"/dasbor/opd/{code}/sop/{renja.pk}/?unduh=xlsx&min_runs=1", False),
        ("kabupaten", "auditor-x", "/dasbor/kabupaten/?unduh=xlsx", True),
        ("sakip", "kasubbag", f"/dasbor/opd/{code}/sakip/{today.year}/?unduh=xlsx", True),
        ("notifications", "kabidpp", "/dasbor/pemberitahuan/?unduh=xlsx", False),
        ("event log", "kadis", f"/dasbor/opd/{code}/sop/{renja.pk}/log.csv", True),
    ]


def _formula_like_cells(response):
    """(formula cells, formula-like text cells) of an XLSX response."""
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    return ([c.coordinate for c in cells if c.data_type == "f"],
            [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)])


def test_every_export_writes_typed_formulas_as_text(hostile, login):
    shown = {}
    for name, user, url, _must_show in _exports(hostile):
        response = login(user).get(url)
        assert response.status_code == 200, (name, response.status_code)
        if url.endswith(".csv"):
            fields = [f for row in csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
                      for f in row]
            assert not [f for f in fields if f.startswith(FORMULA_STARTS)], name
            found = {f[1:] for f in fields if f.startswith("'")} & PAYLOADS
        else:
            assert response["Content-Type"] == XLSX_TYPE, name
            formulas, texts = _formula_like_cells(response)
            assert formulas == [], (name, formulas)
            assert all(c.data_type == "s" and c.quotePrefix for c in texts), name
            found = {c.value for c in texts} & PAYLOADS
        shown[name] = found
    silent = [name for name, _user, _url, must_show in _exports(hostile) if must_show and not shown[name]]
    assert silent == [], f"no typed text reached these exports (the test would prove nothing): {silent}"
    assert set().union(*shown.values()) == PAYLOADS
    assert shown["event log"] >= {HYPERLINK, AT}  # the run's purpose and the employee's name


# -- round trips: an export that is also an import template gives back what was stored ---------------------

def _upload(client, url, data: bytes, **fields):
    return client.post(url, {"file": SimpleUploadedFile("berkas.xlsx", data, XLSX_TYPE), **fields})


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_renstra_matrix_round_trip_keeps_typed_formulas_as_text(demo_office, login):
    from alur.kinerja import services
    from alur.kinerja.demo import load_demo_kinerja
    from alur.kinerja.models import Indicator, Renstra

    load_demo_kinerja(demo_office)
    renstra = services.renstra_open_revision(user=get_user_model().objects.get(username="kasubbag"),
                                             renstra=Renstra.objects.get(office=demo_office), reason="Revisi")
    Indicator.objects.filter(renstra=renstra, code="IKU-01").update(name=HYPERLINK, definisi=AT, formula=MINUS,
                                                                   sumber_data=PLUS)
    client = login("kasubbag")
    exported = client.get(f"/kinerja/{demo_office.code}/renstra/?format=xlsx").content
    book = load_workbook(io.BytesIO(exported))
    sheet = book["Indikator"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "IKU-01")
    assert row[header.index("Indikator")].data_type == "s"
    row[0].value = "IKU-99"  # the same row under a new code: the import creates it from the file's texts
    response = _upload(client, f"/kinerja/{demo_office.code}/renstra/impor/", _saved(book), confirm="on")
    assert response.status_code == 302, response.content.decode()[-2000:]
    created = Indicator.objects.get(renstra=renstra, code="IKU-99")
    assert (created.name, created.definisi, created.formula, created.sumber_data) == (HYPERLINK, AT, MINUS, PLUS)


def test_program_template_round_trip_keeps_typed_formulas_as_text(demo_office, login):
    from alur.kinerja import services
    from alur.kinerja.demo import load_demo_kinerja
    from alur.kinerja.models import Kegiatan, Program, Renstra

    load_demo_kinerja(demo_office)
    renstra = services.renstra_open_revision(user=get_user_model().objects.get(username="kasubbag"),
                                             renstra=Renstra.objects.get(office=demo_office), reason="Revisi")
    program = Program.objects.filter(renstra=renstra).order_by("code").first()
    Program.objects.filter(pk=program.pk).update(name=HYPERLINK)
    client = login("kasubbag")
    book = load_workbook(io.BytesIO(client.get(f"/kinerja/{demo_office.code}/renstra/program/templat/").content))
    sheet = book["Program"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == program.code)
    assert row[header.index("Uraian")].value == HYPERLINK and row[header.index("Uraian")].data_type == "s"
    sheet.append([program.code + ".9.99", "Kegiatan", AT, row[header.index("Unit penanggung jawab")].value])
    response = _upload(client, f"/kinerja/{demo_office.code}/renstra/program/impor/", _saved(book), confirm="on")
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Program.objects.get(pk=program.pk).name == HYPERLINK  # unchanged: matched by code
    assert Kegiatan.objects.get(program=program, code=program.code + ".9.99").name == AT


def test_realisation_typed_as_formula_is_stored_and_exported_as_text(demo_office, login):
    from alur.kinerja.demo import load_demo_kinerja
    from alur.kinerja.models import Realisasi
    from alur.kinerja.windows import current_period

    load_demo_kinerja(demo_office)
    year, quarter = current_period(date.today())
    client = login("kabidpp")
    base = f"/kinerja/{demo_office.code}/realisasi/{year}/{quarter}/"
    book = load_workbook(io.BytesIO(client.get(base + "templat/").content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    if sheet.max_row < 2:
        pytest.skip(f"no indicator open for entry in TW {quarter} {year}")
    code = sheet.cell(row=2, column=1).value
    sheet.cell(row=2, column=header.index("Faktor pendorong") + 1, value=HYPERLINK).data_type = "s"  # typed '=…
    response = _upload(client, base + "impor/", _saved(book), confirm="on")
    assert response.status_code == 302, response.content.decode()[-2000:]
    stored = Realisasi.objects.get(indicator__code=code, year=year, triwulan=quarter)
    assert stored.faktor_pendorong == HYPERLINK
    listed = login("kadis").get(f"/kinerja/{demo_office.code}/realisasi/{year}/?format=xlsx")
    formulas, texts = _formula_like_cells(listed)
    assert formulas == [] and HYPERLINK in {c.value for c in texts}


def test_text_stored_before_the_text_rule_does_not_break_an_export(demo_office, login):
    """A control character already in the database (openpyxl refuses it: IllegalCharacterError) is
    dropped on the way out instead of making the export fail for everyone."""
    from alur.kinerja.demo import load_demo_kinerja
    from alur.kinerja.models import Indicator

    load_demo_kinerja(demo_office)
    Indicator.objects.filter(renstra__office=demo_office, code="IKU-01").update(name="Nilai\x1b SKM\x07")
    response = login("kasubbag").get(f"/kinerja/{demo_office.code}/renstra/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Indikator"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "IKU-01")
    assert row[header.index("Indikator")].value == "Nilai SKM"
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["a\x00b\x1bc", "=\x07x"])
    assert buffer.getvalue().strip() == "abc,'=x"
