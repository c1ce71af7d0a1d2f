"""Items 4, 5 and 12 of issue 9: the letter and PDFs previewed inline, distribution and archive shown,
the trail as sentences with the hashes folded away."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alur.runs import services
from alur.runs.models import DocumentVersion
from alur.sim.simulate import SAMPLE_PDF, drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def letter(demo_sops):
    admin = get_user_model().objects.get(username="admin")
    return services.letter_register(
        office=demo_sops, user=admin, nomor_surat="050/9/BAPPEDA/2026", tanggal_surat=START.date(), asal="Bupati",
        perihal="Penyusunan IKU 2026", received_on=START.date(),
        scan=SimpleUploadedFile("pindaian.pdf", SAMPLE_PDF, content_type="application/pdf"))


@pytest.fixture
def finished_run(revision_named, letter):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, letter=letter, now=START)
    drive(run, start=START)
    return run


def test_task_page_previews_the_letter_scan_and_pdf_versions_inline(login, revision_named, letter, other_office):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, letter=letter, now=START)
    task = run.tasks.get()
    client = login("kadis")
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    scan_url = reverse("letter_scan_view", args=[letter.pk])
    assert f'<iframe class="pdf-preview" src="{scan_url}"' in page and "050/9/BAPPEDA/2026" in page
    response = client.get(scan_url)
    assert response["Content-Disposition"].startswith("inline") and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert login("kadisdik").get(scan_url).status_code == 404  # another office
    client = login("kadis")
    drive(run, start=START, max_transitions=4)  # up to the review: a PDF version exists
    version = DocumentVersion.objects.filter(document__run=run).order_by("-number").first()
    page = login("timsakip").get(reverse("task_detail", args=[run.tasks.get(status="terbuka").pk])).content.decode()
    assert f'src="{reverse("version_view", args=[version.pk])}"' in page
    assert client.get(reverse("version_view", args=[version.pk]))["Content-Disposition"].startswith("inline")


def test_a_file_that_is_not_a_pdf_is_downloaded_not_shown(login, revision_named, demo_sops):
    admin = get_user_model().objects.get(username="admin")
    letter = services.letter_register(
        office=demo_sops, user=admin, nomor_surat="1/2026", tanggal_surat=START.date(), asal="Bupati", perihal="x",
        received_on=START.date())
    assert not letter.scan
    assert login("kadis").get(reverse("letter_scan_view", args=[letter.pk])).status_code == 404


def test_distribution_and_archive_show_on_run_and_task_pages(login, finished_run):
    client = login("kadis")
    page = client.get(reverse("run_detail", args=[finished_run.pk])).content.decode()
    assert "Distribusi dan arsip" in page
    assert "Bappeda Kab. Tanjung Jabung Barat; Inspektorat" in page and "Lemari arsip Subbag PPMEP" in page
    last = finished_run.tasks.order_by("-engine_id").first()
    page = client.get(reverse("task_detail", args=[last.pk])).content.decode()
    assert "Lemari arsip Subbag PPMEP" in page and "Jumlah salinan" in page


def test_trail_reads_as_sentences_with_hashes_folded_away(login, finished_run):
    page = login("kadis").get(reverse("run_detail", args=[finished_run.pk])).content.decode()
    assert "Siti Nurhaliza, A.Md. (Staf)</strong> mengunggah versi" in page
    assert "Dr. Hendra Wijaya, S.E., M.Si. (Kepala Dinas)</strong> menulis disposisi kepada" in page
    assert "(proses lebih lanjut)" in page  # instructions by their labels, not codes
    assert "menandatangani versi" in page and "mengambil nomor surat keluar 503/01/DPM-PTSP/2026" in page
    assert "<details" in page and "sidik catatan" in page
    assert "Bila satu huruf saja di dalam berkas berubah, sidiknya ikut berubah" in page
    assert "alur.complete</td>" not in page  # no raw kinds as the visible text
