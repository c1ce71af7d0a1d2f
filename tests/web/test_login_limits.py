"""Log-in throttling: per username at an address, and per address across usernames."""

import pytest
from django.urls import reverse

from alur.settings.base import client_ip_meta_order

pytestmark = pytest.mark.django_db


def fail(client, username, ip="10.0.0.1", **extra):
    return client.post(reverse("login"), {"username": username, "password": "salah"}, REMOTE_ADDR=ip, **extra)


def test_the_error_message_does_not_double_its_words(client, demo_office):
    body = fail(client, "kadis").content.decode()
    assert "Masukkan nama pengguna dan kata sandi yang benar." in body
    assert "nama pengguna nama pengguna" not in body


def test_one_address_is_locked_after_failures_across_usernames(client, demo_office, settings):
    from alur.org.demo import DEMO_PASSWORD

    settings.AXES_IP_FAILURE_LIMIT = 8
    usernames = ["kadis", "sekdis", "kasubbag", "perencana", "timsakip", "staf", "kabidpm", "kabidpp"]
    for username in usernames[:7]:
        assert fail(client, username).status_code == 200  # 7 failures, none above the per-username limit
    assert fail(client, usernames[7]).status_code == 429  # the 8th from this address locks it
    response = client.post(reverse("login"), {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429 and "Terlalu banyak percobaan" in response.content.decode()
    # another address is not affected
    response = client.post(reverse("login"), {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_a_valid_log_in_does_not_reset_the_address_count(client, demo_office, settings):
    from alur.org.demo import DEMO_PASSWORD

    settings.AXES_IP_FAILURE_LIMIT = 4
    for username in ["kadis", "sekdis", "kasubbag"]:
        fail(client, username)
    response = client.post(reverse("login"), {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    client.post(reverse("logout"))
    assert fail(client, "staf").status_code == 429


def test_per_username_limit_still_applies(client, demo_office):
    for _ in range(4):
        assert fail(client, "staf").status_code == 200
    assert fail(client, "staf").status_code == 429
    assert fail(client, "kadis").status_code == 200  # same address, other username: below both limits


def test_behind_a_proxy_the_configured_header_gives_the_address(client, demo_office, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = client_ip_meta_order("X-Real-IP")
    for _ in range(5):
        fail(client, "staf", ip="192.168.1.1", HTTP_X_REAL_IP="203.0.113.7")
    # same proxy, different client: still allowed; the locked client stays locked
    assert fail(client, "staf", ip="192.168.1.1", HTTP_X_REAL_IP="203.0.113.8").status_code == 200
    assert fail(client, "staf", ip="192.168.1.1", HTTP_X_REAL_IP="203.0.113.7").status_code == 429


def test_without_the_setting_a_client_cannot_choose_its_address(client, demo_office):
    for n in range(5):
        fail(client, "staf", ip="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", HTTP_X_REAL_IP=f"198.51.100.{n}")
    assert fail(client, "staf", ip="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_client_ip_header_setting():
    assert client_ip_meta_order("") == ("REMOTE_ADDR",)
    assert client_ip_meta_order("X-Real-IP") == ("HTTP_X_REAL_IP", "REMOTE_ADDR")
    assert client_ip_meta_order("HTTP_X_FORWARDED_FOR") == ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
