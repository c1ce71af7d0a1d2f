"""Plays the people of a run: completes every open task with a plausible output, through the
same services the web uses. What each step kind hands in is its handler's `sample`
(alur.runs.kinds). Used by tests, the benchmark and demo data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone

from alur.core.sop.model import Act
from alur.runs.kinds import SAMPLE_PDF, Completion, get
from alur.runs.models import Run, Task
from alur.runs.services import task_complete

__all__ = ["SAMPLE_PDF", "completion_for", "drive"]


def completion_for(task: Task, act: Act, approve: bool = True, version_tag: str = "",
                   pdf: bytes = SAMPLE_PDF) -> Completion:
    """What a person would hand in for `task`, a step of kind `act` — after the others the step waits
    for have done their part (`StepKind.play_others`: e.g. the units submit the realisations a
    collection step needs)."""
    handler = get(act)
    handler.play_others(task)
    return handler.sample(task, approve=approve, tag=version_tag, pdf=pdf)


def drive(run: Run, *, decide: Callable[[Task], bool] = lambda task: True, start: datetime | None = None,
          step_minutes: int = 30, max_transitions: int = 500, pdf: bytes = SAMPLE_PDF) -> int:
    """Complete open tasks until the run ends; returns the number of transitions made."""
    core = run.revision.as_core()
    clock = start or timezone.now()
    transitions = 0
    while transitions < max_transitions:
        task = Task.objects.filter(run=run, status=Task.Status.TERBUKA).select_related(
            "assignee__user", "run", "position").order_by("engine_id").first()
        if task is None:
            break
        step = core.step(task.step_no)
        approve = decide(task) if step.is_decision else True
        clock += timedelta(minutes=step_minutes)
        completion = completion_for(task, step.act, approve, version_tag=str(transitions), pdf=pdf)
        task_complete(task=task, user=task.assignee.user, completion=completion, now=clock)
        transitions += 1
    run.refresh_from_db()
    return transitions
