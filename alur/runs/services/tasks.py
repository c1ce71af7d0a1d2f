"""Completing and reassigning tasks."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core import engine
from alur.core.text import single_stops
from alur.org.models import Employee
from alur.org.selectors import employee_of
from alur.runs import policies
from alur.runs.kinds import Completion, Context, kind_for
from alur.runs.models import Task

from .assignment import HoldersToday
from .documents import locked_working_document, missing_in
from .progress import Done, advance, lock_run


def task_complete(*, task: Task, user, completion: Completion, now: datetime | None = None) -> Task:
    """Complete (or decide) one task. Exactly one of two concurrent completions succeeds; the other
    is refused with who completed it, before anything (a file, a record) is written.

    The task row is not re-read: the locked run's engine state says whether the task is still open
    and who holds it now."""
    now = now or timezone.now()
    with transaction.atomic():
        run = lock_run(task.run_id, with_facts=True)
        current = engine.task(run.engine_state(), task.engine_id)
        if not current.is_open:
            raise _not_open(task, current)
        task.run, task.status = run, current.status
        task.assignee_id = int(current.assignee) if current.assignee else None
        day = timezone.localdate(now)
        policies.require(policies.can_act_on_task(user, task, day), _("Tugas ini bukan untuk Anda."))
        employee = employee_of(user)
        core = run.revision.as_core()
        step = core.step(task.step_no)
        kind = kind_for(step)
        document = locked_working_document(run)
        ctx = Context(run=run, core=core, step=step, task=task, employee=employee, now=now, document=document)
        missing = missing_in(ctx) if kind.checks_kelengkapan(completion) else []
        if missing:
            raise ValidationError(_("Kelengkapan belum ada: %(items)s.") % {"items": "; ".join(missing)},
                                  code="kelengkapan")
        kind.validate(ctx, completion)  # everything is checked before the first write
        output = kind.record(ctx, completion)
        holders = HoldersToday(run.revision, day, run.chosen_positions)
        advance(run, core, kind.action(ctx, completion, holders), user, now, holders=holders,
                acts=output.trail, done=Done(task, employee, completion.note),
                extra={"by": employee.nip, "note": completion.note, **output.facts})
        return task


def _not_open(task: Task, current) -> ValidationError:
    if current.status == engine.TASK_SELESAI:
        who = Task.objects.filter(pk=task.pk).values_list("completed_by__name", flat=True).first()
        return ValidationError(single_stops(_("Tugas ini sudah diselesaikan oleh %(who)s.") % {
            "who": who or _("orang lain")}), code="task_not_open")
    return ValidationError(_("Tugas ini sudah dibatalkan."), code="task_not_open")


@transaction.atomic
def task_reassign(*, task: Task, user, to: Employee, reason: str, now: datetime | None = None) -> Task:
    run = lock_run(task.run_id)
    task.run = run
    policies.require(policies.can_reassign_task(user, task), _("Hanya admin OPD yang dapat mengalihkan tugas."))
    if to.office_id != run.office_id:
        raise ValidationError(_("Tugas hanya dapat dialihkan ke pegawai OPD yang sama."))
    now = now or timezone.now()
    action = engine.Reassign(task_id=task.engine_id, assignee=str(to.pk), reason=reason.strip(), at=now.isoformat())
    advance(run, run.revision.as_core(), action, user, now, extra={"to": to.nip})
    task.assignee, task.acting_prefix = to, ""
    return task

