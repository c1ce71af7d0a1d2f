"""The Inspektorat's reader (grants only, no employee) follows the menu (issue 18 item 20)."""

import pytest
from django.contrib.auth import get_user_model

from alur.kinerja.demo import load_demo_kinerja
from alur.org.demo import DEMO_PASSWORD
from alur.org.models import Office, OfficeGrant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kinerja_office(demo_office):
    load_demo_kinerja(demo_office)
    return demo_office


def test_the_reader_opens_kinerja_from_the_menu(page, log_in, kinerja_office):
    empty = Office.objects.create(name="Dinas Tanpa Renstra", code="tanpa-renstra", short_code="TR")
    reader = get_user_model().objects.create_user("inspektur", password=DEMO_PASSWORD)
    for office in (kinerja_office, empty):
        OfficeGrant.objects.create(office=office, user=reader, note="Reviu LKjIP")
    log_in("inspektur")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("[data-testid=nav-kinerja]")
    offices = page.locator("[data-testid=kinerja-offices]")
    assert "belum ada Renstra" in offices.inner_text()
    page.screenshot(path="/tmp/alur-kinerja-offices-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/alur-kinerja-offices-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    offices.get_by_role("link", name=kinerja_office.name).click()
    page.wait_for_load_state()
    assert "/pengukuran/" in page.url
    page.goto("/alur/")
    assert page.get_by_role("link", name="Mulai alur").count() == 0
