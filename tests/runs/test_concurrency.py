"""Two people completing the same task at the same moment: exactly one succeeds (PostgreSQL)."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, connections

from alur.org.models import Employee, Position, StandIn
from alur.runs import services
from alur.runs.models import OutgoingNumber, Task
from alur.sim.simulate import completion_for, drive

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"),
]
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def run_in_threads(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = ("ok", job())
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread met
            results[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_same_task_completed_twice_at_once(revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
    task = run.tasks.get()
    # The Kepala Dinas and their Plh both try to complete step 1 at the same moment.
    plh = Employee.objects.get(user__username="sekdis")
    StandIn.objects.create(position=Position.objects.get(code="kepala-dinas"), employee=plh, kind="plh",
                           start="2020-01-01", end="2099-01-01")
    step = run.revision.as_core().step(1)
    results = run_in_threads(
        lambda: services.task_complete(task=task, user=task.assignee.user, completion=completion_for(task, step.act)),
        lambda: services.task_complete(task=task, user=plh.user, completion=completion_for(task, step.act)),
    )
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"]
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, ValidationError)
    assert "sudah diselesaikan" in str(error)
    assert run.tasks.filter(step_no=2).count() == 1
    assert run.tasks.filter(step_no=1, status=Task.Status.SELESAI).count() == 1
    run.refresh_from_db()
    assert services.replayed_state(run) == run.engine_state()


def test_two_runs_take_numbers_at_the_same_moment(revision_named):
    admin = get_user_model().objects.get(username="admin")
    runs = []
    for _ in range(4):
        run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
        drive(run, start=START, max_transitions=8)  # stops just before the agenda step
        runs.append(run)

    def finish(run):
        return lambda: drive(run, start=START)

    results = run_in_threads(*[finish(run) for run in runs])
    assert all(kind == "ok" for kind, _ in results), results
    sequences = sorted(OutgoingNumber.objects.values_list("sequence", flat=True))
    assert sequences == [1, 2, 3, 4]
