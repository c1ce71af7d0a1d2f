"""Every completion costs at most 10 SQL statements (it cost 15–19 before the services were reworked)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alur.org.models import Employee, PositionHolding, StandIn
from alur.runs import services
from alur.runs.models import Task
from alur.sim.simulate import completion_for
from alur.sop.models import ActorMapping

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
    """Every completion costs ≤10, whatever its kind: lock+read the run (with the working document's
    facts and the audit chain's head), the act's own records, the holders of every actor column
    with the mappings (one joined statement, only when a task opens), the run, the task closed, the
    tasks opened, and the trail (the chain head moved from the head read with the run, the entries)."""
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
    counts = statements_per_step(run)
    assert [act for act, _, _ in counts] == ["disposisi", "disposisi", "kerja", "kerja", "periksa", "paraf",
                                             "tanda_tangan", "disposisi", "agenda"]
    assert all(n <= LIMIT for _, n, _ in counts), explain(counts)
    plain = [row for row in counts if row[0] == "periksa" or row[0] == "kerja" and row is not counts[2]]
    assert all(n <= LIMIT - 2 for _, n, _ in plain), explain(plain)


def test_the_trail_moves_the_head_read_with_the_run_and_holders_are_read_only_when_a_task_opens(revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
    for act, _, sql in statements_per_step(run):
        chain = [s.split(" ")[0] for s in sql if '"audit_chain"' in s and not s.startswith('SELECT "runs_run"')]
        assert chain == ["UPDATE"], (act, chain)  # no SELECT … FOR UPDATE of the chain: one UPDATE
        holders = [s for s in sql if 'org_standin' in s]
        assert len(holders) == (0 if act == "agenda" else 1), (act, holders)  # the last step opens nothing


def test_assignment_is_one_statement_with_stand_ins_and_gaps(revision_named):
    """The actor mappings, their positions and who acts for each on the day: one joined statement,
    with a Plh before the holder, an empty position and an unmapped actor told apart."""
    revision = revision_named("IKU")
    day = date(2026, 3, 2)
    kadis = ActorMapping.objects.get(sop=revision.sop, actor="Kepala Dinas").position
    sekdis = Employee.objects.get(user__username="sekdis")
    StandIn.objects.create(position=kadis, employee=sekdis, kind="plh", start=day, end=day)
    staf = ActorMapping.objects.get(sop=revision.sop, actor="Staf").position
    PositionHolding.objects.filter(position=staf).update(end=date(2026, 2, 28))
    ActorMapping.objects.filter(sop=revision.sop, actor="Perencana").delete()
    with CaptureQueriesContext(connection) as captured:
        assignment = services.assignment_for(revision, day)
    assert len(captured.captured_queries) == 1, [q["sql"] for q in captured.captured_queries]
    acting = assignment.holders["Kepala Dinas"]
    assert (acting.employee, acting.position, acting.title) == (sekdis, kadis, f"Plh. {kadis.name}")
    assert assignment.holders["Sekretaris"].employee.user.username == "sekdis"
    assert set(assignment.missing) == {"Staf", "Perencana"}
    assert staf.name in assignment.missing["Staf"] and "dipetakan" in assignment.missing["Perencana"]
    assert services.assignment_for(revision, date(2026, 3, 3)).holders["Kepala Dinas"].prefix == ""
