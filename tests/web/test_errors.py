"""Error pages in Bahasa Indonesia inside Alur's layout, and unexpected errors logged with their traceback."""

import logging

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.web.error_urls")]


def test_404_is_indonesian_in_the_layout(login, demo_office):
    response = login("staf").get("/tidak-ada-halaman-ini/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in body and 'class="navbar' in body
    assert "Not Found" not in body


def test_403_is_indonesian_in_the_layout(login, demo_office):
    response = login("staf").get("/uji/terlarang/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Anda tidak memiliki izin" in body and 'class="navbar' in body and "Forbidden" not in body


def test_400_is_indonesian_in_the_layout(client):
    response = client.get("/uji/curiga/")
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()


def test_500_is_indonesian_and_the_error_is_logged_with_its_traceback(client, settings, caplog):
    settings.DEBUG = False
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/uji/rusak/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in body and 'class="navbar' in body
    assert "sengaja gagal" not in body  # no internals on the page
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.levelno == logging.ERROR and record.exc_info and record.exc_info[0] is RuntimeError


def test_logging_sends_request_errors_to_the_console_and_an_optional_file(monkeypatch):
    import importlib

    from alur.settings import base

    monkeypatch.setenv("LOG_FILE", "/tmp/alur-test.log")
    reloaded = importlib.reload(base)
    try:
        assert reloaded.LOGGING["handlers"]["file"]["filename"] == "/tmp/alur-test.log"
        assert reloaded.LOGGING["root"]["handlers"] == ["console", "file"]
        assert reloaded.LOGGING["loggers"]["django.request"]["level"] == "ERROR"
    finally:
        monkeypatch.delenv("LOG_FILE")
        importlib.reload(base)


def test_password_change_uses_alurs_layout_not_django_admins(login, demo_office):
    response = login("staf").get(reverse("password_change"))
    names = [t.name for t in response.templates]
    assert "web/base.html" in names and "admin/base.html" not in names
    body = response.content.decode()
    assert "Ubah kata sandi" in body and "Django" not in body
    assert "Kata sandi lama" in body and "Sandi lama" not in body
    done = login("staf").get(reverse("password_change_done"))
    assert "admin/base.html" not in [t.name for t in done.templates]
    assert "Kata sandi Anda sudah diubah" in done.content.decode()


def test_password_change_errors_are_indonesian(login, demo_office):
    response = login("staf").post(reverse("password_change"), {
        "old_password": "keliru", "new_password1": "Baru-sekali-2026!", "new_password2": "Baru-sekali-2026!"})
    assert response.status_code == 200
    assert 'data-testid="field-error-old_password"' in response.content.decode()


def test_an_expired_form_gets_an_indonesian_page(demo_office):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "kadis", "password": "x"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in body and "CSRF verification failed" not in body
