from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from alur.runs import services
from alur.runs.models import IncomingLetter, Run, Task
from alur.sim.simulate import SAMPLE_PDF

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def iku_run(revision_named):
    admin = get_user_model().objects.get(username="admin")
    return services.run_start(revision=revision_named("IKU"), user=admin, purpose="Penyusunan IKU 2026", now=START)


def test_register_letter_and_start_run_through_the_web(login, demo_sops, revision_named):
    client = login("admin")
    response = client.post(reverse("letter_create"), {
        "nomor_surat": "050/123/BAPPEDA/2026", "tanggal_surat": "2026-03-01", "asal": "Bupati",
        "perihal": "Penyusunan Renja 2027", "sifat": "segera", "received_on": "2026-03-02",
        "scan": SimpleUploadedFile("surat.pdf", SAMPLE_PDF, content_type="application/pdf"),
    })
    letter = IncomingLetter.objects.get()
    assert response.status_code == 302 and f"letter={letter.pk}" in response["Location"]
    assert len(letter.scan_sha256) == 64
    revision = revision_named("RENJA")
    response = client.post(reverse("run_start"), {"revision": revision.pk, "letter": letter.pk, "year": 2027})
    run = Run.objects.get()
    assert response.status_code == 302
    assert run.purpose == "Penyusunan Renja 2027" and run.letter == letter
    page = client.get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "050/123/BAPPEDA/2026" in page
    assert "Memberi arahan/disposisi Penyusunan Renja" in page


def test_letter_form_errors_are_indonesian_and_store_nothing(login, demo_sops):
    client = login("admin")
    response = client.post(reverse("letter_create"), {
        "nomor_surat": "1", "tanggal_surat": "2026-03-10", "asal": "Bupati", "perihal": "x", "sifat": "biasa",
        "received_on": "2026-03-02"})
    assert response.status_code == 200
    assert "Tanggal surat tidak boleh setelah tanggal diterima" in response.content.decode()
    response = client.post(reverse("letter_create"), {"nomor_surat": "", "tanggal_surat": "bukan tanggal"})
    assert "Bidang ini tidak boleh kosong" in response.content.decode()
    assert not IncomingLetter.objects.exists()


def test_inbox_and_home_counts(login, iku_run):
    client = login("kadis")
    inbox = client.get(reverse("inbox")).content.decode()
    assert "Penyusunan IKU 2026" in inbox
    assert "Surat Masuk" in inbox  # the Kelengkapan of step 1
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="count-todo">1<' in home
    assert 'data-testid="count-overdue">1<' in home  # 10 minutes from 2 March 2026 have long passed
    assert "Penyusunan IKU 2026" not in login("staf").get(reverse("inbox")).content.decode()


def test_task_page_shows_mutu_baku_and_completes(login, iku_run):
    client = login("kadis")
    task = iku_run.tasks.get()
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    for text in ("Surat Masuk", "10 Menit", "Disposisi pada surat masuk", "Kepada", "Tanggapan dan saran"):
        assert text in page
    sekretaris = iku_run.office.positions.get(code="sekretaris")
    response = client.post(reverse("task_detail", args=[task.pk]), {
        "disposition_to": [sekretaris.pk], "disposition_instructions": ["proses", "koordinasi"],
        "note": "Segera susun IKU 2026.",
        "disposition_due": (timezone.localdate() + timedelta(days=7)).isoformat()})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.SELESAI
    assert task.disposition.instructions == ["proses", "koordinasi"]
    # Posting again: the task is done, the person is told so, nothing opens twice.
    response = client.post(reverse("task_detail", args=[task.pk]), {
        "disposition_to": [sekretaris.pk], "disposition_instructions": ["proses"]})
    assert iku_run.tasks.filter(step_no=2).count() == 1


def test_task_form_reports_missing_fields(login, iku_run):
    client = login("kadis")
    task = iku_run.tasks.get()
    response = client.post(reverse("task_detail", args=[task.pk]), {"note": "tanpa tujuan"})
    assert "Lembar disposisi perlu diisi" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.TERBUKA


def test_someone_else_cannot_complete(login, iku_run):
    client = login("staf")
    task = iku_run.tasks.get()
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "Simpan dan selesaikan" not in page
    response = client.post(reverse("task_detail", args=[task.pk]), {"note": "x"})
    assert response.status_code == 403


def test_other_office_gets_404_for_runs_tasks_documents(login, iku_run, other_office):
    client = login("kadisdik")
    task = iku_run.tasks.get()
    assert client.get(reverse("run_detail", args=[iku_run.pk])).status_code == 404
    assert client.get(reverse("task_detail", args=[task.pk])).status_code == 404
    assert "Penyusunan IKU 2026" not in client.get(reverse("run_list")).content.decode()


def test_run_list_filters(login, iku_run):
    client = login("kadis")
    assert "Penyusunan IKU 2026" in client.get(reverse("run_list"), {"status": "berjalan"}).content.decode()
    assert "Penyusunan IKU 2026" not in client.get(reverse("run_list"), {"status": "selesai"}).content.decode()
    assert "Penyusunan IKU 2026" in client.get(reverse("run_list"), {"late": "1"}).content.decode()
    assert "Penyusunan IKU 2026" not in client.get(reverse("run_list"), {"year": "2025"}).content.decode()
