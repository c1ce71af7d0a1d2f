"""A reader with grants only (the Inspektorat) uses the menu like anyone else (issue 18 item 20):
"Kinerja" leads somewhere for every office it reads, and no page offers it "Mulai alur"."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from alur.org.models import Office, OfficeGrant

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspektorat(kinerja_office):
    """A log-in with no employee, reading the demo office and an office that has no Renstra yet."""
    empty = Office.objects.create(name="Dinas Tanpa Renstra", code="tanpa-renstra", short_code="TR")
    user = get_user_model().objects.create_user("inspektur", password="x")
    for office in (kinerja_office, empty):
        OfficeGrant.objects.create(office=office, user=user)
    return user, kinerja_office, empty


def test_kinerja_in_the_menu_lists_the_offices_a_reader_reads(client, inspektorat):
    user, demo, empty = inspektorat
    client.force_login(user)
    page = client.get(reverse("kinerja:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert demo.name in text and empty.name in text
    homes = dict(page.context["offices"])
    assert homes[empty] is None and "belum ada Renstra" in text  # said, not a link to a 404
    assert homes[demo] in text and client.get(homes[demo]).status_code == 200


def test_an_office_without_renstra_this_year_opens_on_its_renstra_page(client, kinerja_office, login):
    """The demo Renstra is 2021–2026: in 2027 the menu opens the Renstra page, not a 404."""
    from unittest import mock

    with mock.patch("alur.kinerja.views.pengukuran.current_period", return_value=(2027, 1)):
        page = login("kadis").get(reverse("kinerja:index"))
    assert page.status_code == 302 and page.url == reverse("kinerja:renstra", args=[kinerja_office.code])
    assert login("kadis").get(page.url).status_code == 200


def test_a_planner_of_an_office_without_renstra_is_shown_the_way_to_create_one(demo_office, login):
    page = login("kasubbag").get(reverse("kinerja:index"))
    assert page.status_code == 302 and page.url == reverse("kinerja:renstra", args=[demo_office.code])
    assert "renstra-create" in login("kasubbag").get(page.url).content.decode()


def test_an_employee_with_nothing_to_show_is_told_so(demo_office, login):
    page = login("kabidpp").get(reverse("kinerja:index"))
    assert page.status_code == 200 and "belum ada Renstra" in page.content.decode()


def test_no_mulai_alur_for_a_reader(client, inspektorat, login):
    user, demo, _empty = inspektorat
    client.force_login(user)
    for name in ("run_list", "letter_list"):
        text = client.get(reverse(name)).content.decode()
        assert reverse("run_start") not in text, name
    staff = login("kadis")
    assert reverse("run_start") in staff.get(reverse("run_list")).content.decode()
