"""Item 8 of issue 9: a meeting step has one shared notulen and each participant confirms attendance."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alur.runs import services
from alur.runs.models import Attendance, Document, Task
from alur.sim.simulate import SAMPLE_PDF, completion_for

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def run_until_step(revision, step_no):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision, user=admin, purpose="Renja 2027", now=START)
    core, clock = revision.as_core(), START
    while True:
        task = Task.objects.filter(run=run, status="terbuka").select_related("assignee__user", "run").order_by(
            "engine_id").first()
        if task.step_no == step_no:
            return run, clock
        clock += timedelta(minutes=30)
        services.task_complete(task=task, user=task.assignee.user, now=clock,
                               completion=completion_for(task, core.step(task.step_no).act))


def notulen(name="notulen-rapat.pdf"):
    return SimpleUploadedFile(name, SAMPLE_PDF + b"% rapat\n", content_type="application/pdf")


def test_meeting_has_one_notulen_and_attendance_per_participant(revision_named, login):
    run, clock = run_until_step(revision_named("RENJA"), 5)  # rapat koordinasi: four actors, five participants
    tasks = list(Task.objects.filter(run=run, step_no=5, status="terbuka").select_related("assignee__user"))
    assert len(tasks) == 5  # "Bidang-Bidang Lain" is both Kabid (issue 18 item 18)
    utama_versions = Document.objects.get(run=run, role="utama").versions.count()
    first, *others, last = tasks

    page = login(first.assignee.user.username).get(reverse("task_detail", args=[first.pk])).content.decode()
    assert "Saya hadir" in page and "Unggah notulen rapat" in page
    with pytest.raises(ValidationError) as refused:  # attendance must be confirmed
        services.task_complete(task=first, user=first.assignee.user, now=clock,
                               completion=services.Completion(upload=notulen()))
    assert "Konfirmasi kehadiran" in str(refused.value)
    services.task_complete(task=first, user=first.assignee.user, now=clock,
                           completion=services.Completion(upload=notulen(), attended=True))
    for task in others:
        services.task_complete(task=task, user=task.assignee.user, now=clock,
                               completion=services.Completion(attended=task is not others[0]))
    services.task_complete(task=last, user=last.assignee.user, now=clock,
                           completion=services.Completion(attended=True))

    minutes = Document.objects.get(run=run, role="notulen", name="Notulen rapat langkah 5")
    assert minutes.versions.count() == 1
    assert Document.objects.get(run=run, role="utama").versions.count() == utama_versions  # not a Renja draft
    assert sorted(Attendance.objects.filter(task__run=run, task__step_no=5).values_list("attended", flat=True)) == [
        False, True, True, True, True]
    run_page = login("kadis").get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "Notulen rapat langkah 5" in run_page and "Tidak hadir" in run_page


def test_last_participant_must_upload_the_missing_notulen(revision_named):
    run, clock = run_until_step(revision_named("RENJA"), 5)
    tasks = list(Task.objects.filter(run=run, step_no=5, status="terbuka").select_related("assignee__user"))
    for task in tasks[:-1]:
        services.task_complete(task=task, user=task.assignee.user, now=clock,
                               completion=services.Completion(attended=True))
    last = tasks[-1]
    with pytest.raises(ValidationError) as refused:
        services.task_complete(task=last, user=last.assignee.user, now=clock,
                               completion=services.Completion(attended=True))
    assert "notulen rapat belum diunggah" in str(refused.value)
    services.task_complete(task=last, user=last.assignee.user, now=clock,
                           completion=services.Completion(attended=True, upload=notulen()))
    assert Task.objects.get(run=run, step_no=6).status == "terbuka"


def test_participants_learn_up_front_that_the_notulen_is_needed(revision_named, login):
    """Issue 18 item 22: said on the meeting step from the start, not only when the last is refused."""
    run, clock = run_until_step(revision_named("RENJA"), 5)
    first, second, *_rest = list(Task.objects.filter(run=run, step_no=5, status="terbuka")
                                 .select_related("assignee__user"))
    page = login(second.assignee.user.username).get(reverse("task_detail", args=[second.pk])).content.decode()
    notice = page.split('data-testid="notulen-needed">')[1].split("</p>")[0]
    assert "Notulen rapat wajib diunggah" in notice
    services.task_complete(task=first, user=first.assignee.user, now=clock,
                           completion=services.Completion(upload=notulen(), attended=True))
    page = login(second.assignee.user.username).get(reverse("task_detail", args=[second.pk])).content.decode()
    assert "Notulen rapat sudah diunggah" in page.split('data-testid="notulen-needed">')[1].split("</p>")[0]
