"""The plumbing every act shares: lock the run, call the engine once, write the state and the task
rows it changed, append the trail. See the package docstring for the lock order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Subquery

from alur.audit.locking import lock_rows
from alur.audit.models import Entry
from alur.audit.services import head_columns, record_many, seen_head
from alur.core import engine
from alur.core.calendar import deadline
from alur.core.errors import ValidationError as CoreValidationError
from alur.core.sop.model import Sop, WaktuUnit
from alur.org.models import Employee
from alur.runs.kinds import StepKind, kind_for
from alur.runs.models import Disposition, Document, DocumentVersion, Run, SignOff, Task
from alur.workdays.selectors import calendar_for

from .assignment import Assignment, HoldersToday


def lock_run(pk: int, *, with_facts: bool = False) -> Run:
    """Lock one run row (step 1 of the lock order); the joined revision and office are read, not locked.

    `with_facts` also reads, in the same statement, what a completion checks before it writes: the
    working document's id, its newest version number and whether it carries a paraf
    (`utama_id`, `utama_last_number`, `utama_has_paraf`), whether any disposisi was written
    (`has_disposition`), and the office's audit chain head (`audit.services.head_columns`, unlocked:
    `trail` hands it to `record_many`, which appends without reading the head again)."""
    runs = lock_rows(Run.objects).select_related("revision", "office")
    if with_facts:
        utama = Document.objects.filter(run=OuterRef("pk"), role=Document.Role.UTAMA).order_by("pk")
        versions = DocumentVersion.objects.filter(document=OuterRef("utama_id")).order_by("-number")
        runs = runs.annotate(
            utama_id=Subquery(utama.values("pk")[:1]),
            utama_last_number=Subquery(versions.values("number")[:1]),
            utama_has_paraf=Exists(SignOff.objects.filter(version__document=OuterRef("utama_id"),
                                                          kind=SignOff.Kind.PARAF)),
            has_disposition=Exists(Disposition.objects.filter(task__run=OuterRef("pk"))),
            **head_columns("office_id"),
        )
    return runs.get(pk=pk)


def engine_apply(core: Sop, state, action):
    try:
        return engine.apply(core, state, action)
    except CoreValidationError as exc:
        raise ValidationError(exc.message, code=exc.code) from None


@dataclass(frozen=True)
class Done:
    """The task an act completes, with who completed it and their note (written on its row)."""

    task: Task
    employee: Employee
    note: str = ""


@dataclass(frozen=True)
class Advanced:
    state: engine.RunState
    events: list[engine.Event]
    action: object


def advance(run: Run, core: Sop, action, user, now: datetime, *, holders: HoldersToday | None = None,
            extra: dict | None = None, acts=(), done: Done | None = None) -> Advanced:
    """Apply `action` (built with `holders` as its assignees) once, store the state, write the task
    rows its events touched, and append the trail entries."""
    state, events = engine_apply(core, run.engine_state(), action)
    if holders is not None:  # the trail (and a replay) carries exactly who was assigned
        action = replace(action, assignees=holders.snapshot())
    fields = run.set_state(state, now)
    run.save(update_fields=[*fields, "outgoing_number"])
    loaded = holders is not None and holders.loaded  # not `if holders`: len() would load them
    opened = project(run, core, state, events, holders.assignment if loaded else Assignment(), now, done)
    after = steps_opened(run, core, state, opened, now)
    trail(run, user, action, events, extra=extra or {}, acts=acts, after=after)
    return Advanced(state, events, action)


def steps_opened(run: Run, core: Sop, state: engine.RunState, tasks: list[Task], now: datetime
                 ) -> list[tuple[str, dict]]:
    """Let the kind of each step whose tasks just opened (`tasks`: the rows `project` inserted) act
    on it (`StepKind.opened`, e.g. a collection sends its requests); returns the trail entries
    they made. No statement for kinds that do nothing when they open."""

    opened: dict[int, list[Task]] = {}
    for task in tasks:
        opened.setdefault(task.step_no, []).append(task)
    entries: list[tuple[str, dict]] = []
    for step_no, rows in opened.items():
        step = core.step(step_no)
        kind = kind_for(step)
        if type(kind).opened is not StepKind.opened:
            entries += kind.opened(run, step, rows, now=now)
    return entries


def project(run: Run, core: Sop, state: engine.RunState, events, assignment: Assignment, now: datetime,
            done: Done | None = None) -> list[Task]:
    """Write what the events changed to Task rows: opened tasks are inserted with their step's kind,
    Waktu and deadline (and returned); closed, cancelled or reassigned ones updated by (run, engine id)."""
    new_rows, cancelled, at = [], [], None
    tasks = Task.objects.filter(run=run)
    for event in events:
        if event.type == "task_opened":
            new_rows.append(_new_row(run, core, engine.task(state, event.task_id), assignment, now))
        elif event.type in ("task_completed", "decided", "returned"):
            ts = engine.task(state, event.task_id)
            values = {"status": ts.status, "outcome": ts.outcome or "", "closed_at": _moment(ts.closed_at)}
            if done is not None and done.task.engine_id == ts.id:
                values["completed_by"] = done.employee
                if done.note:
                    values["note"] = done.note
                for name, value in values.items():
                    setattr(done.task, name, value)
            tasks.filter(engine_id=ts.id).update(**values)
            cancelled += event.data.get("cancelled_task_ids", [])
        elif event.type == "task_reassigned":
            tasks.filter(engine_id=event.task_id).update(assignee_id=int(event.assignee), acting_prefix="")
        elif event.type == "run_cancelled":
            cancelled += event.data["task_ids"]
        at = event.at
    if cancelled:
        tasks.filter(engine_id__in=cancelled).update(status=Task.Status.DIBATALKAN, closed_at=_moment(at))
    if new_rows:
        Task.objects.bulk_create(new_rows)
    return new_rows


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _new_row(run: Run, core: Sop, ts: engine.TaskState, assignment: Assignment, now: datetime) -> Task:
    step = core.step(ts.step_no)
    position, holder = assignment.seat(ts.actor, ts.seat)
    opened_at = _moment(ts.opened_at) or now
    due_at = minutes = None
    if step.waktu:
        calendar = calendar_for(run.office)
        due_at = deadline(opened_at, step.waktu.amount, step.waktu.unit, calendar)
        per_unit = {WaktuUnit.MENIT: 1, WaktuUnit.JAM: 60,
                    WaktuUnit.HARI: calendar.standard_day.total_seconds() / 60}[step.waktu.unit]
        minutes = round(step.waktu.amount * per_unit)
    return Task(
        run=run, engine_id=ts.id, step_no=ts.step_no, actor=ts.actor, iteration=ts.iteration, status=ts.status,
        act=step.act.value, is_decision=step.is_decision, waktu_minutes=minutes,
        position=position, assignee_id=int(ts.assignee) if ts.assignee else None,
        acting_prefix=holder.prefix if holder and str(holder.employee.pk) == ts.assignee else "",
        opened_at=opened_at, due_at=due_at, closed_at=_moment(ts.closed_at), outcome=ts.outcome or "",
        reason=ts.reason or "",
    )


def trail(run: Run, user, action, events, extra: dict, acts=(), after=()) -> None:
    """The act's own entries (uploads, sign-offs, numbers), the engine action, then what the steps it
    opened did (`after`): one chain lock."""
    data = engine.action_to_dict(action)
    items = [*acts, (f"alur.{data['type']}", {"action": data, "events": [e.to_dict() for e in events], **extra}),
             *after]
    record_many(office=run.office, items=items, user=user, run_id=run.pk, at=datetime.fromisoformat(action.at),
                seen=seen_head(run))


def replayed_state(run: Run):
    """The run's state rebuilt from its trail alone, through the engine."""

    actions = [
        engine.action_from_dict(entry.data["action"])
        for entry in Entry.objects.filter(office=run.office_id, run_id=run.pk, kind__startswith="alur.")
        .order_by("position")
    ]
    return engine.replay(run.revision.as_core(), actions)
