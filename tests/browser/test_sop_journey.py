"""The SOP library in a browser: find the IKU SOP, read its official flow table, download its PDF."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kadis_reads_the_iku_sop_and_downloads_its_pdf(page, log_in, demo_sops, tmp_path):
    log_in("kadis")
    page.click("nav >> text=Pustaka SOP")
    page.wait_for_selector("[data-testid=sop-row]")
    page.fill("input[name=q]", "IKU")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=sop-row]').length === 1")
    page.click("text=Penyusunan Indikator Kinerja (IKU)")
    page.wait_for_selector("[data-testid=sop-title]")
    assert page.locator("[data-testid=sop-title]").inner_text() == "Penyusunan Indikator Kinerja (IKU)"

    document = page.locator("[data-testid=sop-document]")
    rows = document.locator("[data-testid=flow-row]")
    assert rows.count() == 9
    assert document.locator("[data-testid=flow-row][data-kind=decision]").count() == 1
    assert document.locator("[data-testid=flow-row][data-kind=decision]").get_attribute("data-no") == "5"
    assert document.locator("[data-testid=flow-row][data-kind=terminator]").count() == 2
    assert document.locator("tr[data-kind=decision] svg polygon.sopfc-sym").count() >= 1  # the diamond is drawn
    assert page.locator("[data-testid=step-count]").inner_text() == "9"

    # fewer steps per flow page: the document is re-laid out in place (htmx)
    page.select_option("[data-testid=steps-per-page]", "5")
    page.wait_for_function("() => document.querySelectorAll('.sop-flow-page').length === 2")
    assert "per_halaman=5" in page.locator("[data-testid=download-pdf]").get_attribute("href")

    with page.expect_download() as info:
        page.click("[data-testid=download-pdf]")
    download = info.value
    assert download.suggested_filename == "SOP-iku-revisi-1.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
