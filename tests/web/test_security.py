import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from alur.org.models import Employee
from alur.settings import base

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2_outside_tests():
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("rahasia-kantor").startswith("argon2$")


def test_admin_refuses_invalid_nip_and_stores_nothing(client, demo_office, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x-very-secret-1")
    client.force_login(admin)
    before = Employee.objects.count()
    response = client.post(reverse("admin:org_employee_add"), {
        "office": demo_office.pk, "name": "Pegawai Baru", "nip": "19700980 199703 1 003", "rank": "",
        "email": "", "holdings-TOTAL_FORMS": "0", "holdings-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert "Tanggal lahir 19700980 tidak valid" in response.content.decode()
    assert Employee.objects.count() == before
    client.post(reverse("admin:org_employee_add"), {
        "office": demo_office.pk, "name": "Pegawai Baru", "nip": "19900101 201501 2 001", "rank": "",
        "email": "", "holdings-TOTAL_FORMS": "0", "holdings-INITIAL_FORMS": "0",
    })
    assert Employee.objects.get(name="Pegawai Baru").nip == "199001012015012001"


def test_password_change_page_works(login, demo_office):
    from alur.org.demo import DEMO_PASSWORD

    client = login("staf")
    response = client.post(reverse("password_change"), {
        "old_password": DEMO_PASSWORD, "new_password1": "Baru-sekali-2026!", "new_password2": "Baru-sekali-2026!"})
    assert response.status_code == 302
    client.logout()
    response = client.post(reverse("login"), {"username": "staf", "password": "Baru-sekali-2026!"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
