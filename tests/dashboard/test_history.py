from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from alur.core.calendar import working_time_between
from alur.dashboard.models import TaskTiming
from alur.runs.models import IncomingLetter, Run, Task
from alur.sim.history import HistoryExists, Options, generate_history
from alur.workdays.selectors import calendar_for


def test_history_is_finished_runs_on_the_calendar(history, demo_sops):
    now = timezone.now()
    finished = Run.objects.filter(office=demo_sops, status=Run.Status.SELESAI, purpose__startswith="Riwayat")
    assert finished.count() == 5
    assert history.send_backs > 0  # the generator sends work back ("Tidak")
    assert Task.objects.filter(run__in=finished, outcome="tidak").count() == history.send_backs
    calendar = calendar_for(demo_sops)
    for task in Task.objects.filter(run__in=finished, status=Task.Status.SELESAI):
        assert task.closed_at < now
        # every completion happens while the office is open
        local = timezone.localtime(task.closed_at, calendar.tzinfo)
        hours = calendar.office_hours(local.date())
        assert hours is not None and hours[0] <= local.time() <= hours[1], task.closed_at
    # times vary: some tasks finish within their Waktu, some late
    timings = TaskTiming.objects.filter(run__in=finished, waktu_minutes__isnull=False)
    assert timings.filter(late_minutes=0).exists() and timings.filter(late_minutes__gt=0).exists()
    sample = timings.first()
    task = Task.objects.get(pk=sample.task_id)
    expected = working_time_between(task.opened_at, task.closed_at, calendar)
    assert sample.working_minutes == round(expected.total_seconds() / 60)


def test_today_has_overdue_work_and_an_unanswered_letter(history, demo_sops):
    stuck = Run.objects.filter(office=demo_sops, status=Run.Status.BERJALAN).exclude(purpose__startswith="Riwayat")
    overdue = Task.objects.filter(run__in=stuck, status=Task.Status.TERBUKA, due_at__lt=timezone.now())
    assert overdue.exists()
    assert IncomingLetter.objects.filter(office=demo_sops, runs__isnull=True).exists()


def test_history_refuses_to_run_twice(history, demo_sops):
    with pytest.raises(HistoryExists):
        generate_history(demo_sops, Options(sop_name="RENJA", years=1, runs_per_year=2))
    with pytest.raises(CommandError, match="sudah punya riwayat"):
        call_command("history", "--years", "1")
    runs = Run.objects.count()
    call_command("history", "--if-missing")
    assert Run.objects.count() == runs


def test_history_command_rejects_bad_numbers(demo_sops):
    with pytest.raises(CommandError, match="--years"):
        call_command("history", "--years", "0")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("history", "--office", "tidak-ada")


def test_same_seed_same_history(demo_sops):
    now = timezone.now()
    options = Options(seed=7, years=0.5, runs_per_year=4, sop_name="IKU", work_in_progress=False)

    def made() -> list:
        with transaction.atomic():
            generate_history(demo_sops, options, now=now)
            rows = list(Task.objects.filter(run__office=demo_sops).order_by("run__started_at", "engine_id")
                        .values_list("step_no", "opened_at", "closed_at", "outcome"))
            transaction.set_rollback(True)
        return rows

    first = made()
    assert first and all(closed for _, _, closed, _ in first)
    assert min(opened for _, opened, _, _ in first) >= now - timedelta(days=183)
    assert made() == first
