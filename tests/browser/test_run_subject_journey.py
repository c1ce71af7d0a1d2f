"""Issue 18 item 3 (done-when): an LKjIP run for 2026, started on the run-start page with its year
chosen, appears under SAKIP 2026 (not 2025), and its page says what it is about."""

import re

import pytest
from playwright.sync_api import expect

from alur.kinerja.demo import load_demo_kinerja
from alur.sop.demo import load_demo_sops
from alur.sop.models import SopRevision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OFFICE = "dpmptsp-tanjabbar"


def test_an_lkjip_run_for_2026_appears_under_sakip_2026(page, log_in, demo_office):
    load_demo_sops(demo_office)
    load_demo_kinerja(demo_office)
    lkjip = SopRevision.objects.get(sop__office=demo_office, nama__icontains="LkjIP",
                                    status=SopRevision.Status.APPROVED)
    log_in("admin")
    page.goto(f"/alur/mulai/?revision={lkjip.pk}")
    expect(page.locator("#id_triwulan")).to_be_visible()
    expect(page.locator("#id_year + .form-text, #id_year ~ .form-text").first).to_contain_text("LKjIP")
    page.fill("#id_purpose", "Penyusunan LKjIP Tahun 2026")
    page.fill("#id_year", "2026")
    page.click("button:has-text('Mulai')")
    expect(page.get_by_test_id("run-title")).to_have_text("Penyusunan LKjIP Tahun 2026")
    expect(page.get_by_test_id("run-about")).to_have_text("tentang Tahun 2026")
    run_url = page.url

    page.goto(f"/dasbor/opd/{OFFICE}/sakip/2026/")
    row = page.locator('tr[data-item="lkjip_ttd"]')
    expect(row.get_by_role("link", name="Penyusunan LKjIP Tahun 2026")).to_be_visible()
    expect(row).not_to_have_attribute("data-state", "belum")
    expect(row.get_by_test_id("run-about")).to_have_text("(tentang Tahun 2026)")
    row.get_by_role("link", name="Penyusunan LKjIP Tahun 2026").click()
    expect(page).to_have_url(re.compile(re.escape(run_url.split("//", 1)[1].split("/", 1)[1]) + "$"))

    page.goto(f"/dasbor/opd/{OFFICE}/sakip/2025/")
    expect(page.locator('tr[data-item="lkjip_ttd"]').get_by_role("link")).to_have_count(0)
