"""A completion costs at most 10 SQL statements (it cost 15–19 before the services were reworked)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alur.runs import services
from alur.runs.models import Task
from alur.runs.simulate import completion_for

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
LIMIT = 10
# The test runs inside a transaction, so the act's atomic block is a savepoint here (BEGIN/COMMIT
# in production, which the driver issues and Django does not log): not counted.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def open_task(run):
    return (Task.objects.filter(run=run, status=Task.Status.TERBUKA).select_related("assignee__user", "run", "position")
            .order_by("engine_id").first())


def statements_per_step(run):
    """Complete the run step by step; (act, statements) for each completion."""
    core, clock, counts = run.revision.as_core(), START, []
    while (task := open_task(run)) is not None:
        step = core.step(task.step_no)
        completion = completion_for(task, step.act, approve=True, version_tag=str(len(counts)))
        user = task.assignee.user
        clock += timedelta(minutes=30)
        with CaptureQueriesContext(connection) as captured:
            services.task_complete(task=task, user=user, completion=completion, now=clock)
        sql = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)]
        counts.append((step.act.value, len(sql), sql))
    return counts


def explain(rows) -> str:
    return "\n".join(f"{act}: {n}\n  " + "\n  ".join(s[:160] for s in sql) for act, n, sql in rows)


def test_completions_of_an_iku_run_stay_within_the_limit(revision_named):
    """A plain completion (no record of its own: a review decided Ya, a second draft) costs ≤10:
    lock+read the run, the working document's version, the actor mappings, the holders today,
    the run, the task closed, the tasks opened, and the audit chain (lock, entry, head).
    Acts that write records of their own pay one statement per record on top, up to 12."""
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
    counts = statements_per_step(run)
    assert [act for act, _, _ in counts] == ["disposisi", "disposisi", "kerja", "kerja", "periksa", "paraf",
                                             "tanda_tangan", "disposisi", "agenda"]
    plain = [row for row in counts if row[0] == "periksa" or row[0] == "kerja" and row is not counts[2]]
    assert all(n <= LIMIT for _, n, _ in plain), explain(plain)
    assert all(n <= LIMIT + 2 for _, n, _ in counts), explain(counts)
