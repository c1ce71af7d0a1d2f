"""Agenda counters and outgoing-letter numbers: never repeated, never skipped."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from alur.org.models import Employee, Office
from alur.runs.models import NumberSequence, OutgoingNumber, Run, Task


def next_in_sequence(office: Office, kind: str, year: int) -> int:
    """Take the next number of an office's yearly counter in one statement.

    The upsert creates the counter at 1 or adds one, and holds the counter row's lock until the
    act's transaction ends: a concurrent act waits, then reads the number after ours. A rolled-back
    act gives its number back with it, so numbers have no gaps."""
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    q = connection.ops.quote_name
    office_col = q(NumberSequence._meta.get_field("office").column)
    kind_col, year_col, last_col = q("kind"), q("year"), q("last")
    sql = (
        f"INSERT INTO {table} ({office_col}, {kind_col}, {year_col}, {last_col}) VALUES (%s, %s, %s, 1) "
        f"ON CONFLICT ({office_col}, {kind_col}, {year_col}) DO UPDATE SET {last_col} = {table}.{last_col} + 1 "
        f"RETURNING {last_col}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [office.pk, kind, year])
        return cursor.fetchone()[0]


def take_outgoing_number(*, run: Run, task: Task, employee: Employee, now) -> OutgoingNumber:
    """The next outgoing-letter number of the run's office for the year, taken inside the completing
    transaction. `Run.outgoing_number` is a copy of this row's `number`, written only here."""
    year = timezone.localdate(now).year
    sequence = next_in_sequence(run.office, NumberSequence.Kind.KELUAR, year)
    text = run.office.letter_number_template.format(nomor=sequence, kode=run.office.short_code, tahun=year)
    number = OutgoingNumber.objects.create(office=run.office, year=year, sequence=sequence, number=text, run=run,
                                           task=task, taken_by=employee, taken_at=now)
    run.outgoing_number = text  # saved with the run's state by progress.advance
    return number
