from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from alur.org.models import Employee, Position, StandIn
from alur.runs import services
from alur.runs.models import IncomingLetter, SignOff, Task
from alur.sim.simulate import SAMPLE_PDF, completion_for, drive

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 2, 8, 0, tzinfo=JAKARTA)


def user(name):
    return get_user_model().objects.get(username=name)


def open_task(run):
    return run.tasks.filter(status=Task.Status.TERBUKA).order_by("engine_id").first()


def step_of(task):
    return task.run.revision.as_core().step(task.step_no)


def advance_to(run, step_no, start=START):
    clock = start
    while (task := open_task(run)).step_no != step_no:
        clock += timedelta(minutes=10)
        services.task_complete(task=task, user=task.assignee.user, completion=completion_for(task, step_of(task).act),
                               now=clock)
    return open_task(run), clock


def test_letter_gets_consecutive_agenda_numbers(demo_sops):
    letters = [
        services.letter_register(office=demo_sops, user=user("admin"), nomor_surat=f"050/{n}/BAPPEDA",
                                 tanggal_surat=date(2026, 1, 5), asal="Bappeda", perihal="Penyusunan Renja 2027",
                                 received_on=date(2026, 1, 6))
        for n in (1, 2)
    ]
    assert [letter.agenda_number for letter in letters] == [1, 2]


def test_letter_rejects_a_renamed_file_and_stores_nothing(demo_sops):
    fake = SimpleUploadedFile("surat.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as info:
        services.letter_register(office=demo_sops, user=user("admin"), nomor_surat="1", tanggal_surat=date(2026, 1, 5),
                                 asal="Bupati", perihal="x", received_on=date(2026, 1, 6), scan=fake)
    assert "tidak sesuai dengan jenisnya" in str(info.value)
    assert not IncomingLetter.objects.exists()


def test_run_cannot_start_with_unmapped_actor(revision_named):
    revision = revision_named("IKU")
    revision.sop.actor_mappings.filter(actor="Tim Sakip").delete()
    with pytest.raises(ValidationError) as info:
        services.run_start(revision=revision, user=user("admin"), purpose="IKU", now=START)
    assert "Tim Sakip: belum dipetakan" in str(info.value)


def test_only_the_assignee_may_complete(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    task = open_task(run)
    with pytest.raises(PermissionDenied):
        services.task_complete(task=task, user=user("staf"), completion=completion_for(task, step_of(task).act))
    assert open_task(run).pk == task.pk


def test_plt_acts_and_signs_as_plt(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    head = Position.objects.get(code="kepala-dinas")
    sekdis = Employee.objects.get(user__username="sekdis")
    StandIn.objects.create(position=head, employee=sekdis, kind="plt", start=date(2026, 1, 1), end=date(2099, 1, 1))
    task, clock = advance_to(run, 7)  # Pemberian Tanda Tangan, assigned before? no: opened now to the Plt
    assert task.assignee == sekdis and task.acting_prefix == "Plt."
    services.task_complete(task=task, user=user("sekdis"), completion=completion_for(task, step_of(task).act),
                           now=clock)
    signature = SignOff.objects.get(task=task)
    assert signature.signer_title == "Plt. Kepala Dinas"
    assert signature.signer_nip == sekdis.nip


def test_missing_kelengkapan_is_named(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    task = open_task(run)
    # Step 1 (disposisi) without a target and instruction is refused with a clear message.
    with pytest.raises(ValidationError) as info:
        services.task_complete(task=task, user=user("kadis"), completion=services.Completion(), now=START)
    assert "Lembar disposisi perlu diisi" in str(info.value)
    assert open_task(run).pk == task.pk
    # Typing step without an upload says what to upload.
    task, clock = advance_to(run, 3)
    with pytest.raises(ValidationError) as info:
        services.task_complete(task=task, user=task.assignee.user, completion=services.Completion(), now=clock)
    assert "Unggah dokumen" in str(info.value)


def test_paraf_no_longer_counts_after_document_changes(revision_named):
    run = services.run_start(revision=revision_named("RENJA"), user=user("admin"), purpose="Renja", now=START)
    task, clock = advance_to(run, 9)  # Kepala Dinas checks after the Sekretaris' paraf (step 8)
    paraf = SignOff.objects.get(task__run=run, kind="paraf")
    assert paraf.is_current()
    services.task_complete(task=task, user=user("kadis"), now=clock,
                           completion=services.Completion(approve=False, reason="Perbaiki Bab II."))
    assert open_task(run).step_no == 7
    task, clock = advance_to(run, 7, clock)
    upload = SimpleUploadedFile("renja-v2.pdf", SAMPLE_PDF + b"% revisi\n", content_type="application/pdf")
    services.task_complete(task=task, user=task.assignee.user, now=clock,
                           completion=services.Completion(approve=False, reason="Masih ada salah ketik."))
    task, clock = advance_to(run, 6, clock)
    services.task_complete(task=task, user=task.assignee.user, now=clock, completion=services.Completion(upload=upload))
    paraf.refresh_from_db()
    assert not paraf.is_current()
    task, clock = advance_to(run, 10, clock)
    assert SignOff.objects.filter(task__run=run, kind="paraf").count() == 2  # paraf done again on the new version
    services.task_complete(task=task, user=user("kadis"), completion=services.Completion(), now=clock)
    signature = SignOff.objects.get(task__run=run, kind="tanda_tangan")
    assert signature.sha256 == run.documents.get(role="utama").latest().sha256


def test_signing_refuses_a_stale_paraf(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    task, clock = advance_to(run, 7)
    document = run.documents.get(role="utama")
    latest = document.latest()
    # A new version appears after the paraf (e.g. someone replaced the file): the paraf lapses.
    latest.pk, latest.number, latest.sha256 = None, latest.number + 1, "f" * 64
    latest.save()
    with pytest.raises(ValidationError) as info:
        services.task_complete(task=task, user=user("kadis"), completion=services.Completion(), now=clock)
    assert "paraf pada versi sebelumnya tidak berlaku lagi" in str(info.value)


def test_reassign_needs_admin_and_moves_the_task(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    task = open_task(run)
    sekdis = Employee.objects.get(user__username="sekdis")
    with pytest.raises(PermissionDenied):
        services.task_reassign(task=task, user=user("staf"), to=sekdis, reason="cuti")
    services.task_reassign(task=task, user=user("admin"), to=sekdis, reason="Kepala Dinas dinas luar")
    task.refresh_from_db()
    assert task.assignee == sekdis
    services.task_complete(task=task, user=user("sekdis"), completion=completion_for(task, step_of(task).act),
                           now=START + timedelta(minutes=5))


def test_failure_mid_completion_leaves_nothing(revision_named, monkeypatch):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    task, clock = advance_to(run, 3)
    state_before = run.tasks.count(), run.documents.count()
    from alur.audit.models import Entry

    entries_before = Entry.objects.count()

    def explode(*args, **kwargs):
        raise RuntimeError("disk penuh")

    from alur.runs.services import progress

    monkeypatch.setattr(progress, "project", explode)
    with pytest.raises(RuntimeError):
        services.task_complete(task=task, user=task.assignee.user, completion=completion_for(task, step_of(task).act),
                               now=clock)
    run.refresh_from_db()
    assert (run.tasks.count(), run.documents.count()) == state_before
    assert Entry.objects.count() == entries_before
    assert open_task(run).pk == task.pk
    assert services.replayed_state(run) == run.engine_state()


def test_cancel_closes_open_tasks(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    services.run_cancel(run=run, user=user("admin"), reason="Salah SOP")
    run.refresh_from_db()
    assert run.status == "dibatalkan"
    assert not run.tasks.filter(status=Task.Status.TERBUKA).exists()


def test_drive_finishes_with_timeline_data(revision_named):
    run = services.run_start(revision=revision_named("LAKIP"), user=user("admin"), purpose="LAKIP", now=START)
    drive(run, start=START)
    assert all(t.closed_at and t.due_at for t in run.tasks.all())


def test_editing_after_paraf_must_go_back_through_paraf(revision_named):
    run = services.run_start(revision=revision_named("RENJA"), user=user("admin"), purpose="Renja", now=START)
    task, clock = advance_to(run, 9)  # Kepala Dinas "memeriksa ... melakukan perbaikan jika dianggap perlu"
    edited = SimpleUploadedFile("renja-kadis.pdf", SAMPLE_PDF + b"% koreksi\n", content_type="application/pdf")
    with pytest.raises(ValidationError) as info:
        services.task_complete(task=task, user=user("kadis"), now=clock,
                               completion=services.Completion(approve=True, upload=edited))
    assert "paraf ulang" in str(info.value)
    edited.seek(0)
    services.task_complete(task=task, user=user("kadis"), now=clock,
                           completion=services.Completion(approve=False, reason="Sudah saya koreksi.", upload=edited))
    assert open_task(run).step_no == 7
    task, clock = advance_to(run, 10, clock)
    services.task_complete(task=task, user=user("kadis"), completion=services.Completion(), now=clock)
    signed = SignOff.objects.get(task__run=run, kind="tanda_tangan")
    assert signed.sha256 == run.documents.get(role="utama").latest().sha256
