"""Item 1 of issue 9: a disposisi routes to every position ticked; the sheet prints as PDF."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from alur.audit.models import Entry
from alur.core.sop.vocabulary import tanggal
from alur.runs import services
from alur.runs.models import DispositionCopy, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def renja_run(revision_named):
    admin = get_user_model().objects.get(username="admin")
    return services.run_start(revision=revision_named("RENJA"), user=admin, purpose="Penyusunan Renja 2027")


def test_form_preselects_and_labels_the_next_actor(login, renja_run):
    task = renja_run.tasks.get()
    page = login("kadis").get(reverse("task_detail", args=[task.pk])).content.decode()
    sekretaris = renja_run.office.positions.get(code="sekretaris")
    assert f'value="{sekretaris.pk}" id="id_disposition_to_' in page
    assert "Sekretaris Dinas — melanjutkan alur: menerima tugas langkah berikutnya" in page
    checked = page.split(f'value="{sekretaris.pk}"')[1].split(">")[0]
    assert "checked" in checked


def test_other_positions_get_the_disposisi_to_acknowledge(login, renja_run):
    office = renja_run.office
    sekretaris, kasubbag = office.positions.get(code="sekretaris"), office.positions.get(code="kasubbag-ppmep")
    task = renja_run.tasks.get()
    due = timezone.localdate() + timedelta(days=5)
    response = login("kadis").post(reverse("task_detail", args=[task.pk]), {
        "disposition_to": [kasubbag.pk], "disposition_instructions": ["proses", "koordinasi"],
        "note": "Siapkan bahan Renja.", "disposition_due": due.isoformat()})
    assert response.status_code == 302
    # The Sekretaris continues the run although only the Kasubbag was ticked; the Kasubbag gets a copy.
    assert Task.objects.get(run=renja_run, status="terbuka").position == sekretaris
    disposition = Task.objects.get(run=renja_run, step_no=1).disposition
    assert set(disposition.to_positions.all()) == {sekretaris, kasubbag}
    copy = DispositionCopy.objects.get()
    assert copy.position == kasubbag and copy.acknowledged_at is None

    client = login("kasubbag")
    inbox = client.get(reverse("inbox")).content.decode()
    assert "Disposisi untuk diketahui / ditindaklanjuti" in inbox
    assert 'data-testid="count-dispositions">1<' in client.get(reverse("home")).content.decode()
    assert "Proses lebih lanjut, Koordinasikan" in inbox and due.strftime("%Y") in inbox
    assert "Disposisi untuk diketahui" not in login("kabidpp").get(reverse("inbox")).content.decode()
    # Someone else cannot acknowledge it for the Kasubbag.
    login("kabidpp").post(reverse("disposition_acknowledge", args=[copy.pk]))
    copy.refresh_from_db()
    assert copy.acknowledged_at is None
    client = login("kasubbag")
    detail = client.get(reverse("disposition_detail", args=[disposition.pk])).content.decode()
    assert "Siapkan bahan Renja." in detail and "Tandai diterima" in detail
    assert client.post(reverse("disposition_acknowledge", args=[copy.pk])).status_code == 302
    copy.refresh_from_db()
    assert copy.acknowledged_by.user.username == "kasubbag"
    assert "Disposisi untuk diketahui" not in client.get(reverse("inbox")).content.decode()
    assert 'data-testid="count-dispositions"' not in client.get(reverse("home")).content.decode()
    assert Entry.objects.filter(run_id=renja_run.pk, kind="disposisi.diterima").count() == 1


def test_lembar_disposisi_prints_as_pdf(login, renja_run):
    task = renja_run.tasks.get()
    sekretaris = renja_run.office.positions.get(code="sekretaris")
    login("kadis").post(reverse("task_detail", args=[task.pk]), {
        "disposition_to": [sekretaris.pk], "disposition_instructions": ["tanggapan"]})
    disposition = Task.objects.get(run=renja_run, step_no=1).disposition
    response = login("staf").get(reverse("disposition_pdf", args=[disposition.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF-")


def test_batas_waktu_in_the_past_and_a_huge_note_are_refused_with_messages(login, renja_run):
    task = renja_run.tasks.get()
    sekretaris = renja_run.office.positions.get(code="sekretaris")
    client = login("kadis")
    yesterday = timezone.localdate() - timedelta(days=1)
    page = client.post(reverse("task_detail", args=[task.pk]), {
        "disposition_to": [sekretaris.pk], "disposition_instructions": ["proses"],
        "disposition_due": yesterday.isoformat()}).content.decode()
    assert f"Batas waktu {tanggal(yesterday)} sudah lewat" in page  # one date format (issue 18 item 17)
    page = client.post(reverse("task_detail", args=[task.pk]), {
        "disposition_to": [sekretaris.pk], "disposition_instructions": ["proses"],
        "note": "x" * 45000}).content.decode()
    assert "Catatan terlalu panjang: 45.000 karakter (maksimum 5.000)" in page
    task.refresh_from_db()
    assert task.status == "terbuka"
