"""Bad parameters and implausible input get a 400 or an Indonesian message, never a 500; the loser
of a completion race is told who won and nothing half-done is kept."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alur.runs import services
from alur.runs.models import DocumentVersion, IncomingLetter, Run, Task
from alur.sim.simulate import SAMPLE_PDF, drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def iku_run(revision_named):
    admin = get_user_model().objects.get(username="admin")
    return services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)


@pytest.mark.parametrize("params", [{"sop": "abc"}, {"year": "abc"}, {"year": "99999999999999"}, {"status": "x"},
                                    {"sop": "-1"}])
def test_run_list_refuses_bad_parameters_with_400(login, iku_run, params):
    response = login("kadis").get(reverse("run_list"), params)
    assert response.status_code == 400
    assert "Parameter tidak sah" in response.content.decode()


def test_run_start_ignores_a_bad_letter_parameter(login, iku_run):
    assert login("admin").get(reverse("run_start"), {"letter": "abc"}).status_code == 200


@pytest.mark.parametrize("revision", ["abc", "", "99999999999999999999"])
def test_child_run_with_a_bad_revision_is_a_message(login, iku_run, revision):
    task = iku_run.tasks.get()
    response = login("kadis").post(reverse("child_run_start", args=[task.pk]), {"revision": revision})
    assert response.status_code == 302
    assert Run.objects.count() == 1


def test_huge_copies_at_the_agenda_step_is_a_form_error(login, iku_run):
    drive(iku_run, start=START, max_transitions=8)  # the agenda step is open
    task = iku_run.tasks.get(status=Task.Status.TERBUKA)
    assert task.act == "agenda"
    response = login(task.assignee.user.username).post(reverse("task_detail", args=[task.pk]), {
        "recipients": "Bappeda", "copies": "99999999999", "archive_location": "Lemari"})
    assert response.status_code == 200
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 1000" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.TERBUKA


@pytest.mark.parametrize("field,value,message", [
    ("received_on", "9999-12-31", "Tanggal diterima tidak boleh setelah hari ini"),
    ("tanggal_surat", "0001-01-01", "Tanggal surat tidak boleh sebelum 17 Agustus 1945"),
    ("tanggal_surat", "9999-12-31", "Tanggal surat terlalu jauh di masa depan"),
    ("received_on", "0001-01-01", "Tanggal diterima tidak boleh sebelum 17 Agustus 1945"),
])
def test_implausible_letter_dates_are_refused(login, demo_sops, field, value, message):
    data = {"nomor_surat": "1", "tanggal_surat": "2026-03-01", "asal": "Bupati", "perihal": "x", "sifat": "biasa",
            "received_on": "2026-03-02", field: value}
    response = login("admin").post(reverse("letter_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IncomingLetter.objects.exists()


def test_the_service_bounds_dates_too(demo_sops):
    admin = get_user_model().objects.get(username="admin")
    with pytest.raises(ValidationError) as info:
        services.letter_register(office=demo_sops, user=admin, nomor_surat="1", tanggal_surat=date(1, 1, 1),
                                 asal="x", perihal="x", received_on=date(9999, 12, 31))
    assert set(info.value.message_dict) == {"tanggal_surat", "received_on"}


def test_the_loser_of_a_race_is_told_who_won_and_nothing_is_kept(login, iku_run, client):
    drive(iku_run, start=START, max_transitions=2)  # step 3: typing, an upload
    task = iku_run.tasks.get(status=Task.Status.TERBUKA)
    staf = task.assignee.user
    services.task_complete(task=task, user=staf, now=START + timedelta(hours=1),
                           completion=services.Completion(upload=SimpleUploadedFile(
                               "a.pdf", SAMPLE_PDF, content_type="application/pdf")))
    versions = DocumentVersion.objects.count()
    client.force_login(staf)  # a second tab, opened before the first one saved
    response = client.post(reverse("task_detail", args=[task.pk]), {
        "upload": SimpleUploadedFile("b.pdf", SAMPLE_PDF + b"% b\n", content_type="application/pdf")}, follow=True)
    page = response.content.decode()
    assert "Tugas ini sudah diselesaikan oleh" in page and task.assignee.name in page
    assert DocumentVersion.objects.count() == versions
    assert 'data-testid="complete-form"' not in page


@pytest.mark.parametrize("reason,message", [("", "tidak boleh kosong"), ("x" * 301, "paling banyak 300")])
def test_a_bad_cancel_reason_is_shown(login, iku_run, reason, message):
    response = login("admin").post(reverse("run_cancel", args=[iku_run.pk]), {"reason": reason}, follow=True)
    page = response.content.decode()
    assert "Alur tidak dibatalkan" in page and message in page.lower()
    iku_run.refresh_from_db()
    assert iku_run.status == Run.Status.BERJALAN
