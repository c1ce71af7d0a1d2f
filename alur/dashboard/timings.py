"""Keeps the timing tables (models.TaskTiming, RunTiming) in step with the closed tasks and runs.

`refresh` adds a row for every task or run that closed since the last call, computing its working
time on the office's calendar. It looks only where something can have closed since: rows created
after the last call's watermark (the highest id then) and rows that were open then (their ids are
kept in the stamp; open work is small). Both are primary-key lookups, so the cost of a refresh does
not grow with the years of history, and the pages call it on every read; `alur dashboard refresh`
runs it for all offices from cron. A closed task never changes again, so a row once written stays
right. The first refresh of an office (no stamp yet) looks at everything.

Every month that received rows is then summarised again from its rows (models.StepMonth,
PersonMonth, RunMonth, MinutesBucket), in the same transaction: the pages aggregate those monthly
rows, never the history's task rows, so their cost stays flat however many tasks an office closed.

One caveat, said on the pages: a later change of the office calendar (a new day off) is not applied
to rows already written; `alur dashboard refresh --rebuild` recomputes everything.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.utils import timezone

from alur.audit.locking import lock_rows
from alur.core.calendar import working_time_between
from alur.core.engine import OUTCOME_TIDAK
from alur.core.realism import waktu_minutes
from alur.org.models import Office
from alur.runs.models import Run, Task
from alur.sop.models import SopRevision
from alur.workdays.selectors import calendar_for

from .buckets import bucket_of
from .models import MinutesBucket, PersonMonth, RunMonth, RunTiming, StepMonth, TaskTiming, TimingStamp
from .openrows import run_open, task_open

BATCH = 2000


def _minutes(delta: timedelta) -> int:
    return int(round(delta.total_seconds() / 60))


def refresh(office: Office, now: datetime | None = None) -> TimingStamp:
    """Bring the office's timing rows up to date; returns its stamp (when that was)."""
    now = now or timezone.now()
    calendar = calendar_for(office)
    with transaction.atomic():
        stamp = lock_rows(TimingStamp.objects).filter(office=office).first()
        # Read the next watermarks first: whatever closes or appears meanwhile is caught next time.
        # order_by(): the models' default orderings (a join on the run's start) would make SQLite
        # walk every task instead of the primary-key range or the open rows' partial indexes.
        task_mark = Task.objects.order_by().aggregate(m=Max("pk"))["m"] or 0
        run_mark = Run.objects.order_by().aggregate(m=Max("pk"))["m"] or 0
        # Open tasks of running runs (a finished or cancelled run has no open task): both partial
        # indexes, so the office's history of runs is never walked.
        open_tasks = list(Task.objects.filter(task_open(), run_open("run__"), run__office=office).order_by()
                          .values_list("pk", flat=True))
        open_runs = list(Run.objects.filter(run_open(), office=office).order_by().values_list("pk", flat=True))
        if stamp is None:
            _add_task_rows(office, calendar, Q())
            _add_run_rows(office, calendar, Q())
            summarise(office)
        else:
            months = _add_task_rows(office, calendar, Q(pk__in=_task_candidates(office, stamp)))
            months |= _add_run_rows(office, calendar, Q(pk__in=_run_candidates(office, stamp)))
            if months:
                summarise(office, months)
        stamp, _ = TimingStamp.objects.update_or_create(office=office, defaults={
            "refreshed_at": now, "task_watermark": task_mark, "run_watermark": run_mark,
            "open_task_ids": open_tasks, "open_run_ids": open_runs})
    return stamp


def rebuild(office: Office, now: datetime | None = None) -> TimingStamp:
    with transaction.atomic():
        TaskTiming.objects.filter(office=office).delete()
        RunTiming.objects.filter(office=office).delete()
        TimingStamp.objects.filter(office=office).delete()
        return refresh(office, now)


def month_of(moment: datetime, tz) -> date:
    return moment.astimezone(tz).date().replace(day=1)


def summarise(office: Office, months: set[date] | None = None) -> None:
    """Rebuild the office's monthly summaries of `months` (all months when None) from its timing
    rows: a handful of grouped statements over the rows of those months only."""
    scope = Q(office=office) & (Q(month__in=sorted(months)) if months is not None else Q())
    for model in (StepMonth, PersonMonth, RunMonth, MinutesBucket):
        model.objects.filter(scope).delete()
    tasks = TaskTiming.objects.filter(scope).order_by()
    runs = RunTiming.objects.filter(scope).order_by()
    StepMonth.objects.bulk_create([StepMonth(office=office, **row) for row in tasks.values(
        "sop_id", "revision_id", "month", "step_no").annotate(
        n=Count("pk"), total_minutes=Sum("working_minutes"),
        within=Count("pk", filter=Q(waktu_minutes__isnull=False, working_minutes__lte=F("waktu_minutes"))),
        decided=Count("pk", filter=~Q(outcome="")), tidak=Count("pk", filter=Q(outcome=OUTCOME_TIDAK)))],
        batch_size=BATCH)
    PersonMonth.objects.bulk_create([PersonMonth(
        office=office, month=row["month"], assignee_id=row["assignee_id"], unit_id=row["unit_id"], n=row["n"],
        late=row["late_n"], late_minutes=row["late_sum"]) for row in tasks.values(
        "month", "assignee_id", "unit_id").annotate(
        n=Count("pk"), late_n=Count("pk", filter=Q(late_minutes__gt=0)), late_sum=Sum("late_minutes"))],
        batch_size=BATCH)
    RunMonth.objects.bulk_create([RunMonth(
        office=office, sop_id=row["sop_id"], revision_id=row["revision_id"], month=row["month"], n=row["n"],
        lead_minutes=row["lead"], send_backs=row["loops"], standard_minutes=row["standard"], on_time=row["on_time"],
        no_standard=row["no_standard"]) for row in runs.values("sop_id", "revision_id", "month").annotate(
        n=Count("pk"), lead=Sum("lead_minutes"), loops=Sum("send_backs"), standard=Max("standard_minutes"),
        on_time=Count("pk", filter=Q(standard_minutes__isnull=False, lead_minutes__lte=F("standard_minutes"))),
        no_standard=Count("pk", filter=Q(standard_minutes__isnull=True)))], batch_size=BATCH)
    buckets = [MinutesBucket(office=office, **row) for row in tasks.values(
        "sop_id", "revision_id", "month", "step_no", "bucket").annotate(n=Count("pk"))]
    buckets += [MinutesBucket(office=office, step_no=MinutesBucket.RUN, **row) for row in runs.values(
        "sop_id", "revision_id", "month", "bucket").annotate(n=Count("pk"))]
    MinutesBucket.objects.bulk_create(buckets, batch_size=BATCH)


def _task_candidates(office: Office, stamp: TimingStamp) -> list[int]:
    """Ids of the office's tasks that may have closed since `stamp`. Read from the primary key
    first (tasks created since, in any office: few), so the office's history is never scanned."""
    created = list(Task.objects.filter(pk__gt=stamp.task_watermark).order_by().values_list("pk", "run_id"))
    mine = set(Run.objects.filter(pk__in={run_id for _, run_id in created}, office=office).order_by()
               .values_list("pk", flat=True))
    return [pk for pk, run_id in created if run_id in mine] + list(stamp.open_task_ids)


def _run_candidates(office: Office, stamp: TimingStamp) -> list[int]:
    created = list(Run.objects.filter(pk__gt=stamp.run_watermark, office=office).order_by()
                   .values_list("pk", flat=True))
    return created + list(stamp.open_run_ids)


def _add_task_rows(office: Office, calendar, scope: Q) -> set[date]:
    """Add the missing rows; returns the months (office calendar) they fell in."""
    untimed = (
        Task.objects.filter(scope, run__office=office, status=Task.Status.SELESAI, closed_at__isnull=False)
        .filter(~Exists(TaskTiming.objects.filter(task=OuterRef("pk"))))
        .values_list("pk", "run_id", "run__revision_id", "run__revision__sop_id", "step_no", "iteration",
                     "outcome", "assignee_id", "position_id", "position__unit_id", "opened_at", "closed_at",
                     "due_at", "waktu_minutes")
    )
    rows, months = [], set()
    for (pk, run_id, revision_id, sop_id, step_no, iteration, outcome, assignee_id, position_id, unit_id,
         opened_at, closed_at, due_at, standard) in untimed.iterator(chunk_size=BATCH):
        late = _minutes(working_time_between(due_at, closed_at, calendar)) if due_at and closed_at > due_at else 0
        working = _minutes(working_time_between(opened_at, closed_at, calendar))
        month = month_of(closed_at, calendar.tzinfo)
        months.add(month)
        rows.append(TaskTiming(
            task_id=pk, office_id=office.pk, sop_id=sop_id, revision_id=revision_id, run_id=run_id,
            step_no=step_no, iteration=iteration, outcome=outcome, assignee_id=assignee_id, unit_id=unit_id,
            position_id=position_id, closed_at=closed_at, waktu_minutes=standard, late_minutes=late,
            working_minutes=working, month=month, bucket=bucket_of(working),
        ))
        if len(rows) >= BATCH:
            TaskTiming.objects.bulk_create(rows)
            rows = []
    TaskTiming.objects.bulk_create(rows)
    return months


def _add_run_rows(office: Office, calendar, scope: Q) -> set[date]:
    untimed = (
        Run.objects.filter(scope, office=office, status=Run.Status.SELESAI, finished_at__isnull=False)
        .filter(~Exists(RunTiming.objects.filter(run=OuterRef("pk"))))
        .annotate(send_backs=Count("tasks", filter=Q(tasks__outcome=OUTCOME_TIDAK)))
        .values_list("pk", "revision_id", "revision__sop_id", "started_at", "finished_at", "send_backs")
    )
    standards: dict[int, int | None] = {}
    rows, months = [], set()
    for pk, revision_id, sop_id, started_at, finished_at, send_backs in untimed.iterator(chunk_size=BATCH):
        if revision_id not in standards:
            standards[revision_id] = _standard_minutes(SopRevision.objects.get(pk=revision_id), calendar)
        lead = _minutes(working_time_between(started_at, finished_at, calendar))
        month = month_of(finished_at, calendar.tzinfo)
        months.add(month)
        rows.append(RunTiming(
            run_id=pk, office_id=office.pk, sop_id=sop_id, revision_id=revision_id, finished_at=finished_at,
            lead_minutes=lead, standard_minutes=standards[revision_id], send_backs=send_backs, month=month,
            bucket=bucket_of(lead),
        ))
        if len(rows) >= BATCH:
            RunTiming.objects.bulk_create(rows)
            rows = []
    RunTiming.objects.bulk_create(rows)
    return months


def _standard_minutes(revision: SopRevision, calendar) -> int | None:
    """The SOP's own lead time: the sum of its steps' Waktu (None when no step has one)."""
    day = calendar.standard_day.total_seconds() / 60
    figures = [waktu_minutes(step.waktu, day) for step in revision.as_core().steps if step.waktu]
    return int(round(sum(figures))) if figures else None


def never_refreshed(offices) -> list[Office]:
    """The offices whose figures were never counted (no stamp yet)."""
    counted = set(TimingStamp.objects.filter(office__in=offices).values_list("office_id", flat=True))
    return [office for office in offices if office.pk not in counted]
