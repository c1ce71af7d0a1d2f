from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from alur.kinerja.models import Indicator, Realisasi
from alur.org.models import OfficeGrant

from .conftest import one_page_pdf

PDF = one_page_pdf()
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("name", ["pengukuran", "renstra", "iku", "indicator", "realisasi", "mine", "verify",
                                  "approve", "renja", "pk"])
def test_pages_render_for_the_office(kinerja_office, login, name):
    indicator = Indicator.objects.get(renstra__office=kinerja_office, code="IKU-07")
    code = kinerja_office.code
    urls = {"pengukuran": f"/kinerja/{code}/pengukuran/2026/", "renstra": f"/kinerja/{code}/renstra/",
            "iku": f"/kinerja/{code}/iku/", "indicator": f"/kinerja/{code}/indikator/{indicator.pk}/",
            "realisasi": f"/kinerja/{code}/realisasi/2025/", "mine": "/kinerja/saya/?tahun=2026&tw=3",
            "verify": f"/kinerja/{code}/antrean/verifikasi/", "approve": f"/kinerja/{code}/antrean/pengesahan/",
            "renja": f"/kinerja/{code}/renja/2026/", "pk": f"/kinerja/{code}/pk/2025/"}
    client = login("kasubbag" if name != "mine" else "kabidpp")
    response = client.get(urls[name])
    assert response.status_code == 200
    assert b"Kinerja" in response.content


def test_pengukuran_shows_capaian_category_and_formula(kinerja_office, login):
    response = login("staf").get(f"/kinerja/{kinerja_office.code}/pengukuran/2025/")
    text = response.content.decode()
    assert "Rumus capaian: (2T−R)/T×100" in text
    assert "Sangat tinggi" in text
    assert "target 0: capaian tidak dihitung" not in text  # 2024 is the year with target 0
    text_2024 = login("staf").get(f"/kinerja/{kinerja_office.code}/pengukuran/2024/").content.decode()
    assert "target 0: capaian tidak dihitung" in text_2024


def test_other_office_gets_404_and_a_grant_reads(kinerja_office, other_office, client):
    outsider = get_user_model().objects.get(username="kadisdik")
    client.force_login(outsider)
    assert client.get(f"/kinerja/{kinerja_office.code}/pengukuran/2025/").status_code == 404
    OfficeGrant.objects.create(user=outsider, office=kinerja_office)
    assert client.get(f"/kinerja/{kinerja_office.code}/pengukuran/2025/").status_code == 200
    realisasi = Realisasi.objects.filter(indicator__renstra__office=kinerja_office, state="diajukan").first()
    response = client.post(f"/kinerja/realisasi/{realisasi.pk}/verifikasi/")
    assert response.status_code == 403
    realisasi.refresh_from_db()
    assert realisasi.state == "diajukan"


def test_pengukuran_query_count_does_not_grow_with_indicators(kinerja_office, login):
    client = login("kasubbag")
    url = f"/kinerja/{kinerja_office.code}/pengukuran/2026/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    indicator = Indicator.objects.filter(renstra__office=kinerja_office).first()
    for n in range(5):
        Indicator.objects.create(renstra=indicator.renstra, sasaran=indicator.sasaran, code=f"X-{n}", name=f"X {n}",
                                 satuan="%", unit=indicator.unit)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_evidence_upload_is_checked_hashed_and_served_only_to_readers(kinerja_office, login, other_office, client):
    indicator = Indicator.objects.get(renstra__office=kinerja_office, code="IND-09")
    kabid = login("kabidpp")
    response = kabid.post(f"/kinerja/saya/{indicator.pk}/2026/3/", {"value": "tujuh"})
    assert "bukan angka" in response.content.decode()
    kabid.post(f"/kinerja/saya/{indicator.pk}/2026/3/", {"value": "1.512,5"})
    realisasi = Realisasi.objects.get(indicator=indicator, year=2026, triwulan=3)
    assert str(realisasi.value) == "1512.5000"
    bad = kabid.post(f"/kinerja/realisasi/{realisasi.pk}/bukti/",
                     {"file": SimpleUploadedFile("rekap.exe", b"MZ...", "application/octet-stream")},
                     HTTP_HX_REQUEST="true")
    assert "tidak diterima" in bad.content.decode()
    good = kabid.post(f"/kinerja/realisasi/{realisasi.pk}/bukti/",
                      {"file": SimpleUploadedFile("rekap.pdf", PDF, "application/pdf")}, HTTP_HX_REQUEST="true")
    assert "rekap.pdf" in good.content.decode()
    evidence = realisasi.evidence.get()
    assert len(evidence.sha256) == 64 and evidence.size == len(PDF)
    assert b"".join(kabid.get(f"/kinerja/bukti/{evidence.pk}/").streaming_content) == PDF
    client.force_login(get_user_model().objects.get(username="kadisdik"))
    assert client.get(f"/kinerja/bukti/{evidence.pk}/").status_code == 404


def test_a_file_with_its_note_is_one_piece_of_evidence(kinerja_office, login):
    """Issue 18 item 16: a file plus a note was refused ("Isi salah satu bukti dukung") and the file lost."""
    indicator = Indicator.objects.get(renstra__office=kinerja_office, code="IND-09")
    kabid = login("kabidpp")
    kabid.post(f"/kinerja/saya/{indicator.pk}/2026/3/", {"value": "512"})
    realisasi = Realisasi.objects.get(indicator=indicator, year=2026, triwulan=3)
    page = kabid.post(f"/kinerja/realisasi/{realisasi.pk}/bukti/",
                      {"file": SimpleUploadedFile("rekap.pdf", PDF, "application/pdf"),
                       "url": "https://sicantik.example.go.id/rekap", "note": "Rekap SiCantik Juli–September"},
                      HTTP_HX_REQUEST="true").content.decode()
    evidence = realisasi.evidence.get()
    assert (evidence.kind, evidence.original_name, evidence.url, evidence.note) == (
        "file", "rekap.pdf", "https://sicantik.example.go.id/rekap", "Rekap SiCantik Juli–September")
    assert "rekap.pdf" in page and "Rekap SiCantik Juli–September" in page and "sicantik.example.go.id" in page
    empty = kabid.post(f"/kinerja/realisasi/{realisasi.pk}/bukti/", {"note": "  "}, HTTP_HX_REQUEST="true")
    assert "Isi bukti dukung" in empty.content.decode() and realisasi.evidence.count() == 1


def test_pengukuran_export_has_numbers_and_percentages(kinerja_office, login):
    response = login("kadis").get(f"/kinerja/{kinerja_office.code}/pengukuran/2025/?format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in sheet[3]]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    lama = rows["IKU-07"]
    assert isinstance(lama[header.index("Target")], int | float)
    capaian_cell = next(c for c in sheet[4 + list(rows).index("IKU-07")] if c.column == header.index("Capaian") + 1)
    assert capaian_cell.number_format == "0.00%"


def test_renja_flags_a_line_serving_nothing_and_pk_shows_its_total(kinerja_office, login):
    client = login("staf")
    renja = client.get(f"/kinerja/{kinerja_office.code}/renja/2026/").content.decode()
    assert renja.count('data-testid="serves-nothing"') == 1
    pk = client.get(f"/kinerja/{kinerja_office.code}/pk/2025/").content.decode()
    assert "PIHAK KEDUA" in pk and "Bupati Tanjung Jabung Barat" in pk
    assert "Jumlah" in pk


def test_budget_table_shows_serapan_and_the_efficiency_rule(kinerja_office, login):
    text = login("staf").get(f"/kinerja/{kinerja_office.code}/pengukuran/2025/").content.decode()
    assert "Aturan efisiensi bawaan Alur (±5 poin)" in text  # no other kabupaten's name (issue 18 item 19)
    assert "Banjarnegara" not in text
    assert any(label in text for label in ("Efisien", "Cukup efisien", "Tidak efisien"))


def test_a_superuser_changes_a_scale_row_in_the_admin_and_it_is_on_the_trail(kinerja_office, client):
    from alur.audit.models import Entry

    root = get_user_model().objects.create_superuser("root", password="rahasia-123")
    client.force_login(root)
    row = kinerja_office.capaian_scale.get(label="Sangat tinggi")
    url = f"/admin/kinerja/capaianscalerow/{row.pk}/change/"
    form = {"label": row.label, "lower": "90", "lower_inclusive": "", "upper": "", "upper_inclusive": "on",
            "colour": "#006400", "caps_at": "", "order": row.order}
    assert client.post(url, form).status_code == 302
    row.refresh_from_db()
    assert row.colour == "#006400"
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.skala.ubah").get()
    assert entry.data["perubahan"] == {"colour": {"lama": "#1b7a3a", "baru": "#006400"}}


@pytest.mark.parametrize("url", ["/kinerja/saya/?tahun=dua&tw=3", "/kinerja/saya/?tahun=2026&tw=5",
                                 "/kinerja/saya/?tahun=99999&tw=1"])
def test_bad_period_in_the_address_is_a_404_not_a_500(kinerja_office, login, url):
    assert login("kabidpp").get(url).status_code == 404


def test_bad_quarter_in_the_entry_address_is_a_404(kinerja_office, login):
    indicator = Indicator.objects.get(renstra__office=kinerja_office, code="IND-09")
    assert login("kabidpp").get(f"/kinerja/saya/{indicator.pk}/2026/5/").status_code == 404


def test_import_page_refuses_a_file_that_is_not_a_spreadsheet(kinerja_office, login):
    response = login("kasubbag").post(f"/kinerja/{kinerja_office.code}/renstra/impor/",
                                      {"file": SimpleUploadedFile("matriks.xlsx", b"bukan zip", XLSX_TYPE)})
    assert response.status_code == 200
    assert "tidak sesuai dengan jenisnya" in response.content.decode()


def test_import_page_dry_run_lists_changes_and_stores_nothing(kinerja_office, login):
    from openpyxl import load_workbook as load

    from alur.kinerja.models import IndicatorTarget, Renstra
    from alur.kinerja.spreadsheets import renstra_workbook

    workbook = load(BytesIO(renstra_workbook(Renstra.objects.get(office=kinerja_office))))
    sheet = workbook["Indikator"]
    column = [c.value for c in sheet[1]].index("Target 2026") + 1
    sheet.cell(row=2, column=column, value=650)
    out = BytesIO()
    workbook.save(out)
    response = login("kasubbag").post(f"/kinerja/{kinerja_office.code}/renstra/impor/",
                                      {"file": SimpleUploadedFile("matriks.xlsx", out.getvalue(), XLSX_TYPE)})
    assert "IKU-01 Target 2026: 600 → 650" in response.content.decode()
    assert IndicatorTarget.objects.get(indicator__code="IKU-01", year=2026).value == 600


def test_planner_sets_the_national_standard_on_the_indicator_page(kinerja_office, login):
    from decimal import Decimal

    from alur.audit.models import Entry
    from alur.kinerja import services
    from alur.kinerja.models import Renstra

    indicator = Indicator.objects.get(renstra__office=kinerja_office, code="IKU-07")
    renstra = Renstra.objects.get(office=kinerja_office)
    planner = get_user_model().objects.get(username="kasubbag")
    services.renstra_open_revision(user=planner, renstra=renstra, reason="Standar nasional")
    url = f"/kinerja/{kinerja_office.code}/indikator/{indicator.pk}/"
    data = {"national_standard": "12,5", "national_standard_source": "RPJMN 2020–2024"}

    login("kabidpp").post(url + "standar/", data)
    assert Indicator.objects.get(pk=indicator.pk).national_standard is None  # not the planner

    login("kasubbag").post(url + "standar/", data)
    indicator.refresh_from_db()
    assert indicator.national_standard == Decimal("12.5")
    assert indicator.national_standard_source == "RPJMN 2020–2024"
    text = login("sekdis").get(url).content.decode()
    assert "12,5" in text and "RPJMN 2020–2024" in text
    assert 'data-testid="standard-form"' not in text  # not in the planning unit: read only
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.indikator.ubah").latest("pk")
    assert entry.data["perubahan"]["national_standard"] == {"lama": None, "baru": "12.5"}

    login("kasubbag").post(url + "standar/", {"national_standard": "dua belas", "national_standard_source": ""})
    indicator.refresh_from_db()
    assert indicator.national_standard == Decimal("12.5")  # bad input stores nothing


def test_demo_indicator_shows_its_national_standard_and_source(kinerja_office, login):
    ikm = Indicator.objects.get(renstra__office=kinerja_office, code="IKU-05")
    text = login("staf").get(f"/kinerja/{kinerja_office.code}/indikator/{ikm.pk}/").content.decode()
    assert "76,61 indeks" in text and "PermenPAN-RB 14/2017" in text


def test_the_renja_and_pk_tabs_open_the_latest_year_that_has_one(kinerja_office, login):
    from django.utils import timezone

    from alur.kinerja.models import PerjanjianKinerja, Renja

    this_year = timezone.localdate().year
    renja_year = Renja.objects.filter(office=kinerja_office, year__lte=this_year).order_by("-year")[0].year
    pk_year = PerjanjianKinerja.objects.filter(office=kinerja_office, year__lte=this_year).order_by("-year")[0].year
    page = login("kabidpp").get(f"/kinerja/{kinerja_office.code}/renstra/").content.decode()
    assert f'href="/kinerja/{kinerja_office.code}/renja/{renja_year}/" data-testid="nav-renja"' in page
    assert f'href="/kinerja/{kinerja_office.code}/pk/{pk_year}/" data-testid="nav-pk"' in page
    assert login("kabidpp").get(f"/kinerja/{kinerja_office.code}/renja/{renja_year}/").status_code == 200
