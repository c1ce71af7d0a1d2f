"""Item 14 of issue 9: long scanner file names are shortened, never refused; a 120-character unbroken
nomor surat wraps on the pages (and a longer one is refused with a message naming the field)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alur.runs.models import IncomingLetter
from alur.sim.simulate import SAMPLE_PDF

pytestmark = pytest.mark.django_db
SCANNER_NAME = "SCAN_" + "Kantor_DPMPTSP_Lantai2_RuangArsip_" * 6 + "20261124_152633_0001.pdf"


def letter_post(nomor="050/1/BAPPEDA/2026", name="surat.pdf"):
    return {"nomor_surat": nomor, "tanggal_surat": "2026-03-01", "asal": "Bupati", "perihal": "Renja",
            "sifat": "biasa", "received_on": "2026-03-02",
            "scan": SimpleUploadedFile(name, SAMPLE_PDF, content_type="application/pdf")}


def test_long_scanner_file_name_is_kept_short_not_refused(login, demo_sops):
    assert len(SCANNER_NAME) > 200
    response = login("admin").post(reverse("letter_create"), letter_post(name=SCANNER_NAME))
    assert response.status_code == 302, response.content.decode()[-2000:]
    letter = IncomingLetter.objects.get()
    assert letter.scan and len(letter.scan.name) <= 100


def test_unbroken_nomor_surat_wraps_and_a_longer_one_names_the_field(login, demo_sops):
    client = login("admin")
    nomor = "X" * 120
    assert client.post(reverse("letter_create"), letter_post(nomor=nomor)).status_code == 302
    page = client.get(reverse("letter_list")).content.decode()
    assert nomor in page and "runs/runs.css" in page  # .table td wraps anywhere
    page = client.post(reverse("letter_create"), letter_post(nomor="Y" * 121)).content.decode()
    assert "Nomor surat" in page and "paling banyak 120 karakter" in page


def test_shorten_keeps_start_end_and_extension():
    from alur.runs.filenames import shorten

    short = shorten(SCANNER_NAME, 80)
    assert len(short) <= 80 and short.startswith("SCAN_Kantor") and short.endswith("_0001.pdf") and "…" in short
    assert shorten("C:\\Users\\tu\\surat.pdf", 80) == "surat.pdf"
