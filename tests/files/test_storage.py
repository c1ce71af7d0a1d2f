"""Uploads are never served by URL (issue 8 #3) and are stored under names nobody can guess."""

import importlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from alur.files.responses import readable_name
from alur.files.storage import PrivateStorage
from alur.runs.models import IncomingLetter
from alur.sim.simulate import SAMPLE_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(login, demo_sops):
    client = login("admin")
    client.post(reverse("letter_create"), {
        "nomor_surat": "050/123/BAPPEDA/2026", "tanggal_surat": "2026-03-01", "asal": "Bupati",
        "perihal": "Penyusunan Renja 2027", "sifat": "segera", "received_on": "2026-03-02",
        "scan": SimpleUploadedFile("surat-rahasia-bupati.pdf", SAMPLE_PDF, content_type="application/pdf"),
    })
    return IncomingLetter.objects.get()


def test_default_storage_is_private():
    assert isinstance(storages["default"], PrivateStorage)


def test_stored_name_is_a_random_token_keeping_folder_and_extension(letter):
    name = letter.scan.name
    folder, base = name.rsplit("/", 1)
    assert folder.startswith("surat-masuk/")
    assert base.endswith(".pdf") and len(base) >= 24 + 4
    assert "surat" not in base and "rahasia" not in base and "bupati" not in base
    assert (Path(settings.MEDIA_ROOT) / name).read_bytes() == SAMPLE_PDF
    again = default_storage.save("surat-masuk/2026/surat-rahasia-bupati.pdf", ContentFile(SAMPLE_PDF))
    assert again != name and again.startswith("surat-masuk/2026/") and again.endswith(".pdf")
    default_storage.delete(again)


def test_storage_has_no_url(letter):
    with pytest.raises(ValueError):
        letter.scan.url  # noqa: B018


@pytest.mark.parametrize("who", [None, "kadisdik", "admin"])
def test_no_bytes_at_any_media_path(letter, other_office, who):
    client = Client()
    if who:
        client.force_login(get_user_model().objects.get(username=who))
    name = letter.scan.name
    for path in (f"/media/{name}", f"/{name}", f"/media/{name.rsplit('/', 1)[-1]}", "/media/"):
        response = client.get(path)
        assert response.status_code == 404, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SAMPLE_PDF not in body


def test_no_media_route_even_with_debug_on():
    import alur.urls

    with override_settings(DEBUG=True):
        module = importlib.reload(alur.urls)
        try:
            with pytest.raises(Resolver404):
                resolve("/media/surat-masuk/2026/x.pdf", urlconf=module)
        finally:
            importlib.reload(alur.urls)


def test_scan_is_served_only_through_the_access_checked_view(letter, other_office, login):
    url = reverse("letter_scan", args=[letter.pk])
    assert Client().get(url).status_code == 302  # to the log-in page
    stranger = Client()
    stranger.force_login(get_user_model().objects.get(username="kadisdik"))
    assert stranger.get(url).status_code == 404
    response = login("admin").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == SAMPLE_PDF


def test_admin_letter_page_links_to_the_checked_view_not_to_a_file(letter, client):
    admin = get_user_model().objects.get(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    page = client.get(reverse("admin:runs_incomingletter_change", args=[letter.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("letter_scan", args=[letter.pk]) in body and letter.scan.name not in body


def test_readable_name_keeps_the_stored_extension_only():
    assert readable_name("surat-masuk-7-2026", "surat-masuk/2026/Zx_8Q.pdf") == "surat-masuk-7-2026.pdf"
    assert readable_name("surat-masuk-7-2026", "surat-masuk/2026/Zx_8Q") == "surat-masuk-7-2026"


def test_scan_downloads_under_its_agenda_number_not_the_storage_token(letter, login):
    response = login("admin").get(reverse("letter_scan", args=[letter.pk]))
    disposition = response["Content-Disposition"]
    assert f"surat-masuk-{letter.agenda_number}-{letter.agenda_year}.pdf" in disposition
    assert letter.scan.name.rsplit("/", 1)[-1] not in disposition


def test_a_scan_missing_on_disk_is_a_404_not_a_server_error(letter, login):
    os.remove(letter.scan.path)
    client = login("admin")
    assert client.get(reverse("letter_scan", args=[letter.pk])).status_code == 404
    assert client.get(reverse("letter_scan_view", args=[letter.pk])).status_code == 404
