"""Item 3 of issue 9: where a return goes, and returning from a paraf or signature step."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.runs import services
from alur.runs.models import SignOff, Task
from alur.runs.services import replayed_state
from alur.sim.simulate import completion_for

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def run_to(revision, step_no):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision, user=admin, purpose="IKU 2026", now=START)
    core, clock = revision.as_core(), START
    while (task := Task.objects.filter(run=run, status="terbuka").select_related("assignee__user", "run")
           .order_by("engine_id").first()).step_no != step_no:
        clock += timedelta(minutes=30)
        services.task_complete(task=task, user=task.assignee.user, now=clock,
                               completion=completion_for(task, core.step(task.step_no).act))
    return run, task, clock


def test_tidak_names_the_step_and_the_person_it_returns_to(login, revision_named):
    run, review, _ = run_to(revision_named("IKU"), 5)  # Tim Sakip checks the typed draft; Tidak -> step 4
    page = login("timsakip").get(reverse("task_detail", args=[review.pk])).content.decode()
    assert "Tidak — kembalikan ke langkah 4 (Mengetik konsep indikator Kinerja Utama) — Siti Nurhaliza, A.Md. (Staf)" \
        in page


def test_paraf_reviewer_returns_the_document_to_the_step_that_produced_it(login, revision_named):
    run, paraf, clock = run_to(revision_named("IKU"), 6)  # Perencana initials; the draft came from step 4
    client = login("perencana")
    page = client.get(reverse("task_detail", args=[paraf.pk])).content.decode()
    assert "Ya — paraf versi terakhir" in page and "Tidak — kembalikan ke langkah 4" in page
    page = client.post(reverse("task_detail", args=[paraf.pk]), {"decision": "tidak", "reason": ""}).content.decode()
    assert "Alasan wajib diisi bila dokumen dikembalikan" in page
    response = client.post(reverse("task_detail", args=[paraf.pk]),
                           {"decision": "tidak", "reason": "Angka target tahun 2026 keliru."})
    assert response.status_code == 302
    paraf.refresh_from_db()
    assert paraf.status == "selesai" and paraf.outcome == "tidak"  # counted as a return
    assert not SignOff.objects.filter(task__run=run).exists()
    reopened = Task.objects.get(run=run, status="terbuka")
    assert (reopened.step_no, reopened.iteration, reopened.reason) == (4, 2, "Angka target tahun 2026 keliru.")
    assert Entry.objects.filter(run_id=run.pk, kind="alur.return").count() == 1
    run.refresh_from_db()
    assert replayed_state(run) == run.engine_state()  # the return replays from the trail
    run_page = client.get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "mengembalikan dokumen dari langkah 6" in run_page and "ke langkah 4" in run_page


def test_signature_step_can_return_without_a_current_paraf(revision_named):
    run, sign, clock = run_to(revision_named("IKU"), 7)
    with pytest.raises(ValidationError):
        services.task_complete(task=sign, user=sign.assignee.user, now=clock,
                               completion=services.Completion(approve=False, reason="  "))
    services.task_complete(task=sign, user=sign.assignee.user, now=clock,
                           completion=services.Completion(approve=False, reason="Lampiran belum ada."))
    assert Task.objects.get(run=run, status="terbuka").step_no == 4
