"""What a run records for others to build on: the task's dashboard fields, the run's subject, and
documents with roles and sources."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alur.runs import services
from alur.runs.models import Document, DocumentVersion, Run, SignOff, Task
from alur.sim.simulate import SAMPLE_PDF, drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def admin():
    return get_user_model().objects.get(username="admin")


def test_task_rows_carry_the_step_kind_decision_and_waktu(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=admin(), purpose="IKU", now=START)
    drive(run, start=START)
    core = run.revision.as_core()
    for task in run.tasks.all():
        step = core.step(task.step_no)
        assert (task.act, task.is_decision) == (step.act.value, step.is_decision)
        if step.waktu and step.waktu.unit.value == "menit":
            assert task.waktu_minutes == step.waktu.amount
        if step.waktu and step.waktu.unit.value == "hari":
            assert task.waktu_minutes == step.waktu.amount * 510  # 07.30-16.00
    assert Task.objects.filter(run=run, is_decision=True).exists()
    run.refresh_from_db()
    assert run.status == run.engine_state().status == Run.Status.SELESAI
    assert run.outgoing_number == run.numbers.get().number


def test_a_run_is_about_a_subject_shown_on_its_page(login, revision_named, other_office):
    letter = services.letter_register(office=revision_named("IKU").sop.office, user=admin(), nomor_surat="050/9",
                                      tanggal_surat=date(2026, 3, 1), asal="Bappeda", perihal="Reviu IKU",
                                      received_on=date(2026, 3, 2))
    run = services.run_start(revision=revision_named("IKU"), user=admin(), purpose="Reviu IKU 2026",
                             subject=letter, now=START)
    assert (run.subject_type, run.subject_id) == ("surat_masuk", letter.pk)
    page = login("kadis").get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "Pokok alur" in page and "050/9" in page
    with pytest.raises(ValidationError):  # only registered kinds
        services.run_start(revision=revision_named("IKU"), user=admin(), purpose="x", subject=admin(), now=START)
    with pytest.raises(ValidationError):  # and only the run's own office
        services.run_start(revision=revision_named("IKU"), user=admin(), purpose="x", subject=other_office, now=START)


def test_a_signed_copy_does_not_void_the_paraf_it_records(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=admin(), purpose="IKU", now=START)
    drive(run, start=START, max_transitions=6)  # up to the signature (step 7)
    document = services.working_document(run)
    assert document.role == Document.Role.UTAMA
    paraf = SignOff.objects.get(task__run=run, kind="paraf")
    signed = paraf.version
    DocumentVersion.objects.create(
        document=document, number=signed.number + 1, file=SimpleUploadedFile("ttd.pdf", SAMPLE_PDF),
        original_name="ttd.pdf", content_type="application/pdf", size=len(SAMPLE_PDF), sha256="e" * 64,
        source=DocumentVersion.Source.SIGNED_COPY, derived_from=signed, task=paraf.task, uploaded_by=None,
        uploaded_at=START)
    assert paraf.is_current()
    task = run.tasks.get(status=Task.Status.TERBUKA)
    assert task.act == "tanda_tangan"
    services.task_complete(task=task, user=task.assignee.user, completion=services.Completion(),
                           now=START + timedelta(hours=5))
    assert SignOff.objects.get(task=task).version == signed  # the signature binds the text, not the copy


def test_run_start_refuses_a_subject_from_another_kind_before_writing(revision_named):
    with pytest.raises(ValidationError):
        services.run_start(revision=revision_named("IKU"), user=admin(), purpose="x", subject=revision_named("IKU").sop,
                           now=START)
    assert not Run.objects.exists()
