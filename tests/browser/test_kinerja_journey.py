"""A realisation's whole journey in a browser: the Kabid enters triwulan III with an evidence file and
submits; the planner sends it back; the Kabid corrects; the planner verifies; the head approves; the
pengukuran page and its XLSX export show the new capaian."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from alur.core.kinerja import format_decimal, round_percent
from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Realisasi
from alur.kinerja.selectors import pengukuran
from tests.kinerja.conftest import one_page_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(demo_office):
    load_demo_kinerja(demo_office)
    return demo_office


def log_out(page):
    page.click("button:has-text('Keluar')")
    page.wait_for_load_state()


def test_realisation_from_entry_to_pengukuran_and_export(page, log_in, office, tmp_path):
    evidence = tmp_path / "rekap-izin-tw3.pdf"
    evidence.write_bytes(one_page_pdf())
    queue = f"/kinerja/{office.code}/antrean/verifikasi/"

    log_in("kabidpp")
    page.goto("/kinerja/saya/?tahun=2026&tw=3")
    page.click("[data-testid=entry-IND-09]")
    page.fill("#id_value", "1600")
    page.fill("#id_faktor_pendorong", "Layanan perizinan daring makin dikenal")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=state]")
    page.set_input_files("#id_file", str(evidence))
    page.click("[data-testid=add-evidence]")
    page.wait_for_selector("[data-testid=evidence-item]:has-text('rekap-izin-tw3.pdf')")
    page.click("[data-testid=submit]")
    assert page.inner_text("[data-testid=state]") == "Diajukan"
    log_out(page)

    log_in("kasubbag")
    page.goto(queue)
    row = page.locator("[data-testid=queue-IND-09-2026-3]")
    row.locator("[data-testid=reason]").fill("Angka TW III belum sesuai rekap SiCantik; periksa lagi.")
    row.locator("[data-testid=send-back]").click()
    page.wait_for_selector("text=dikembalikan ke unit")
    log_out(page)

    log_in("kabidpp")
    page.goto("/kinerja/saya/?tahun=2026&tw=3")
    assert "rekap SiCantik" in page.inner_text("[data-testid=mine-IND-09]")
    page.click("[data-testid=entry-IND-09]")
    assert "periksa lagi" in page.inner_text("[data-testid=return-reason]")
    page.fill("#id_value", "1650")
    page.click("[data-testid=save]")
    page.click("[data-testid=submit]")
    assert page.inner_text("[data-testid=state]") == "Diajukan"
    log_out(page)

    log_in("kasubbag")
    page.goto(queue)
    page.locator("[data-testid=queue-IND-09-2026-3] [data-testid=approve]").click()
    page.wait_for_selector("text=Realisasi diverifikasi")
    log_out(page)

    log_in("kadis")
    page.goto(f"/kinerja/{office.code}/antrean/pengesahan/")
    page.locator("[data-testid=queue-IND-09-2026-3] [data-testid=approve]").click()
    page.wait_for_selector("text=Realisasi disahkan")
    realisasi = Realisasi.objects.get(indicator__code="IND-09", year=2026, triwulan=3)
    assert (realisasi.state, realisasi.value) == ("disahkan", Decimal(1650))

    row = next(r for r in pengukuran(office, 2026).rows if r.definition.code == "IND-09")
    expected = f"{format_decimal(round_percent(row.capaian.value), 2)}%"
    page.goto(f"/kinerja/{office.code}/pengukuran/2026/")
    cells = page.locator("[data-testid=row-IND-09]")
    assert cells.locator("[data-testid=tw3]").inner_text().startswith("1.650")
    assert expected in cells.locator("[data-testid=capaian]").inner_text()
    assert row.category.label in cells.locator("[data-testid=kategori]").inner_text()

    with page.expect_download() as info:
        page.click("[data-testid=export-xlsx]")
    sheet = load_workbook(BytesIO(open(info.value.path(), "rb").read())).active
    header = [c.value for c in sheet[3]]
    exported = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "IND-09")
    assert exported[header.index("TW III")] == 1650
    assert exported[header.index("Realisasi tahun")] == float(row.realisasi)
    assert round(exported[header.index("Capaian")] * 100, 2) == float(round_percent(row.capaian.value))
    assert exported[header.index("Kategori")] == row.category.label
