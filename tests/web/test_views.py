import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_need_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_page_is_indonesian(client):
    response = client.get(reverse("login"))
    assert "Masuk ke Alur" in response.content.decode()
    assert response["Content-Language"] == "id"


def test_login_with_demo_account_shows_home(client, demo_office):
    from alur.org.demo import DEMO_PASSWORD

    response = client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD}, follow=True)
    body = response.content.decode()
    assert "Dr. Hendra Wijaya" in body
    assert "Kepala Dinas" in body


def test_wrong_password_says_so_in_indonesian(client, demo_office):
    response = client.post(reverse("login"), {"username": "kadis", "password": "salah"})
    assert response.status_code == 200
    assert "sandi yang benar" in response.content.decode().lower()


def test_login_is_throttled_after_repeated_failures(client, demo_office):
    from alur.org.demo import DEMO_PASSWORD

    for _ in range(5):
        client.post(reverse("login"), {"username": "staf", "password": "salah"})
    response = client.post(reverse("login"), {"username": "staf", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_office_page_lists_positions_and_people(login, demo_office):
    client = login("staf")
    response = client.get(reverse("office_detail", args=[demo_office.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kasubbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan" in body
    assert "19720514 199803 1 004" in body


def test_other_office_is_404(login, demo_office, other_office):
    client = login("kadis")
    assert client.get(reverse("office_detail", args=[other_office.code])).status_code == 404
    other_employee = other_office.employees.get()
    url = reverse("employee_detail", args=[other_office.code, other_employee.pk])
    assert client.get(url).status_code == 404
    # and the other way round
    client = login("kadisdik")
    assert client.get(reverse("office_detail", args=[demo_office.code])).status_code == 404


def test_logout_needs_post_and_ends_session(login, demo_office):
    client = login("kadis")
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_office_page_links_data_induk_for_its_admin_only(login, demo_office):
    manage = reverse("org:manage_home", args=[demo_office.code])
    assert manage in login("admin").get(reverse("office_detail", args=[demo_office.code])).content.decode()
    assert manage not in login("kadis").get(reverse("office_detail", args=[demo_office.code])).content.decode()


def test_employee_page_links_the_edit_page_for_the_admin_only(login, demo_office):
    person = demo_office.employees.get(user__username="staf")
    page = reverse("employee_detail", args=[demo_office.code, person.pk])
    edit = reverse("org:employee_edit", args=[demo_office.code, person.pk])
    assert edit in login("admin").get(page).content.decode()
    assert edit not in login("kadis").get(page).content.decode()
