"""Item 2 of issue 9: remaining and overdue time in office time, in the step's unit."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from alur.runs import services, timing

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")


def test_left_text_uses_the_office_calendar_and_the_step_unit(revision_named):
    admin = get_user_model().objects.get(username="admin")
    start = datetime(2026, 3, 6, 9, 0, tzinfo=JKT)  # Friday
    run = services.run_start(revision=revision_named("RENJA"), user=admin, purpose="Renja 2027", now=start)
    task = run.tasks.get()
    step = run.revision.as_core().step(task.step_no)  # 1 Hari: due Monday 09:00
    assert task.due_at == datetime(2026, 3, 9, 9, 0, tzinfo=JKT)
    # Saturday noon: only Monday 07:30-09:00 is left (clock time would say 1 day 21 hours).
    assert timing.left_text(task, step, datetime(2026, 3, 7, 12, 0, tzinfo=JKT)) == "sisa 1 jam kerja"
    assert timing.left_text(task, step, datetime(2026, 3, 6, 15, 0, tzinfo=JKT)) == "sisa 3 jam kerja"
    assert timing.left_text(task, step, datetime(2026, 3, 9, 12, 0, tzinfo=JKT)) == "terlambat 3 jam kerja"


def test_inbox_task_page_and_timeline_show_working_time(login, revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026",
                             now=datetime(2026, 3, 2, 8, 0, tzinfo=JKT))
    task = run.tasks.get()
    client = login("kadis")
    inbox = client.get(reverse("inbox")).content.decode()
    assert "terlambat " in inbox and " kerja" in inbox and "Sisa waktu kerja" in inbox
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert 'data-testid="time-left">terlambat' in page
    run_page = client.get(reverse("run_detail", args=[run.pk])).content.decode()
    # the one date format of the pages (issue 18 item 25; was "2 Mar 08:10")
    assert "Tenggat" in run_page and 'data-testid="timeline-due">2 Maret 2026 08.10' in run_page
