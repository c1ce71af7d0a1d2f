"""Item 7 of issue 9: after completing a task, the person's next task in the same run, else the inbox."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from alur.runs import services
from alur.runs.models import Task
from alur.sim.simulate import completion_for

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def run_to(revision, step_no):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision, user=admin, purpose="Renja 2027", now=START)
    core, clock = revision.as_core(), START
    while (task := Task.objects.filter(run=run, status="terbuka").select_related("assignee__user", "run")
           .order_by("engine_id").first()).step_no != step_no:
        clock += timedelta(minutes=30)
        services.task_complete(task=task, user=task.assignee.user, now=clock,
                               completion=completion_for(task, core.step(task.step_no).act))
    return run, task


def test_kadis_goes_from_review_straight_to_signature(login, revision_named):
    run, review = run_to(revision_named("RENJA"), 9)  # Kadis reviews (9), then signs (10)
    client = login("kadis")
    response = client.post(reverse("task_detail", args=[review.pk]), {"decision": "ya"}, follow=True)
    signature = Task.objects.get(run=run, status="terbuka")
    assert signature.step_no == 10
    assert response.redirect_chain[-1][0] == reverse("task_detail", args=[signature.pk])
    assert "Langkah 9 selesai. Tugas Anda berikutnya dalam alur ini: langkah 10." in response.content.decode()


def test_otherwise_the_inbox_says_who_is_next(login, revision_named):
    run, signature = run_to(revision_named("RENJA"), 10)
    response = login("kadis").post(reverse("task_detail", args=[signature.pk]), {"decision": "ya"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("inbox")
    assert "Langkah 10 selesai. Berikutnya: langkah 11 oleh Siti Nurhaliza, A.Md." in response.content.decode()
