"""Deadlines as people read them: remaining or overdue office time of a task, in its step's unit
("sisa 1 hari 6 jam kerja", "terlambat 3 jam kerja"), on the office's own calendar."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from alur.core.worktime import time_left_text
from alur.org.models import Office
from alur.workdays.selectors import calendar_for


def calendar_of(office_id: int):
    """The office's calendar by id alone (the calendar cache is keyed by id: no office row read)."""
    return calendar_for(Office(pk=office_id))


def left_text(task, step, now: datetime | None = None) -> str:
    """Remaining time of an open task, or how late it is; "-" when the step has no Waktu or the
    task is closed."""
    if task.due_at is None or task.status != task.Status.TERBUKA:
        return "-"
    unit = step.waktu.unit if step.waktu else None
    return time_left_text(now or timezone.now(), task.due_at, unit, calendar_of(task.run.office_id))
