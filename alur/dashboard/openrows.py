"""Filters on open runs and tasks that the partial indexes run_open and task_open (alur.runs.models) serve.

SQLite matches a partial index (`… WHERE status = 'berjalan'`) only when the query's own term is the
same constant written in the SQL; Django binds values as parameters, with which SQLite plans a scan
of every run of the office (measured at 1M tasks: 15 ms against 0.8 ms). So the two fixed status
values are written into the statement. PostgreSQL plans either form with the index.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.expressions import RawSQL

from alur.runs.models import Run, Task


def _constant(value: str) -> RawSQL:
    if not value.isalpha():  # only the fixed status values above: never anything a user typed
        raise ValueError(value)
    return RawSQL(f"'{value}'", [])  # noqa: S611 - a constant of the code, see the check above


def run_open(prefix: str = "") -> Q:
    """The run (or, with prefix "run__", the task's run) is still running."""
    return Q(**{f"{prefix}status": _constant(Run.Status.BERJALAN)})


def task_open() -> Q:
    return Q(status=_constant(Task.Status.TERBUKA))
