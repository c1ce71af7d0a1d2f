"""Reads for inboxes, run lists and run pages, scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from alur.core.calendar import working_time_between
from alur.core.sop.kinds import Act, KindValue, act_of
from alur.org.selectors import employee_of, roles_of, visible_offices
from alur.sop.models import SopRevision
from alur.sop.selectors import unconfirmed_steps
from alur.workdays.selectors import calendar_for

from . import inbox
from .kinds import all_kinds
from .models import Dispatch, Disposition, DispositionCopy, DocumentVersion, IncomingLetter, Run, SignOff, Task
from .timing import left_text


def tasks_for(employee, day=None):
    """Open tasks an employee must act on: assigned to them, or to a position they stand in for
    (Plt/Plh) on `day` — the rule of policies.can_act_on_task, from the employee's side."""
    day = day or timezone.localdate()
    standing = [acting.position.pk for acting in roles_of(employee, day) if acting.prefix]
    return (
        Task.objects.filter(status=Task.Status.TERBUKA)
        .filter(Q(assignee=employee) | Q(position_id__in=standing))
        .select_related("run__revision", "run__letter", "assignee", "position")
        .order_by("due_at", "opened_at")
    )


def inbox_tasks(employee, day=None):
    """`tasks_for` as the inbox lists it: only the columns it shows (no run state, no SOP JSON, no
    letter); both arms of the OR are served by the (assignee, status) and (position, status) indexes,
    so a Plh's inbox does not read years of the position's history. The SOP of each row comes from
    `revisions_for_rows` (one query for the page's few revisions)."""
    return (
        tasks_for(employee, day).select_related(None).select_related("run")
        .only("pk", "run_id", "step_no", "iteration", "due_at", "opened_at", "closed_at", "status", "act",
              "waktu_minutes", "run__id", "run__purpose", "run__revision_id", "run__office_id")
    )


def revisions_for_rows(tasks) -> dict:
    """The SOP revisions of a page of tasks, each read once: {revision id: SopRevision}."""

    ids = {task.run.revision_id for task in tasks}
    return SopRevision.objects.in_bulk(ids) if ids else {}


def step_act(task: Task) -> Act | KindValue:
    """The step's kind, as copied onto the task row when it opened."""
    return act_of(task.act)


def inbox_counts(employee, now: datetime | None = None) -> dict:
    """Counts in SQL over the task rows' own columns (no SOP is parsed)."""
    now = now or timezone.now()
    signing = {signoff: [str(kind.value) for kind in all_kinds() if kind.signoff_kind == signoff]
               for signoff in ("paraf", "tanda_tangan")}
    return tasks_for(employee).order_by().aggregate(
        todo=Count("pk"),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        paraf=Count("pk", filter=Q(act__in=signing["paraf"])),
        sign=Count("pk", filter=Q(act__in=signing["tanda_tangan"])),
    )


def _in_offices(queryset, user):
    """Rows of the offices `user` may read, in a form the database can serve newest first without
    sorting every row: one office is `office_id = x` (the (office, …) index, in order); several
    offices filter `office_id + 0`, which no index answers, so the planner walks the ordering's own
    index (e.g. run_started_desc) and stops after a page — where `office_id IN (…)` made SQLite
    collect and sort every run of every office (0.5–1.8 s at 86,000 runs)."""
    ids = list(visible_offices(user).values_list("pk", flat=True))
    if len(ids) == 1:
        return queryset.filter(office_id=ids[0])
    return queryset.alias(office_walk=F("office_id") + 0).filter(office_walk__in=ids)


RUN_LIST_COLUMNS = ("pk", "purpose", "year", "status", "started_at", "outgoing_number", "revision__id",
                    "revision__nama", "revision__number", "revision__status", "revision__approved_at")


def runs_for(user, *, sop=None, year=None, status=None, late=False, now: datetime | None = None):
    """Runs of the offices the user may read, newest first, with only the columns the run list shows
    (no engine state, no SOP JSON, no letter or office). Every filter is SQL on indexed columns."""
    runs = (_in_offices(Run.objects, user).select_related("revision")
            .only(*RUN_LIST_COLUMNS).order_by("-started_at", "-pk"))
    if sop:
        runs = runs.filter(revision__sop_id=sop)
    if year:
        runs = runs.filter(year=year)
    if status:
        runs = runs.filter(status=status)
    if late:
        runs = runs.filter(Exists(late_tasks(now or timezone.now())))
    return runs


@dataclass(frozen=True)
class SopChoice:
    pk: int
    label: str

    def __str__(self) -> str:
        return self.label


def sop_choices(user) -> list[SopChoice]:
    """The run list's SOP menu: each visible SOP's newest approved name, read from two columns (not
    every revision's JSON); the office's short code is added when the user reads several offices."""

    rows = (SopRevision.objects.filter(sop__office__in=visible_offices(user), status=SopRevision.Status.APPROVED)
            .order_by("sop__office__short_code", "sop_id", "-number")
            .values_list("sop_id", "nama", "sop__office__short_code"))
    newest: dict[int, tuple[str, str]] = {}
    for sop_id, nama, code in rows:
        newest.setdefault(sop_id, (nama, code))
    several = len({code for _nama, code in newest.values()}) > 1
    return [SopChoice(pk, f"{nama} — {code}" if several else nama) for pk, (nama, code) in newest.items()]


def late_tasks(now: datetime):
    """Tasks of the outer run that ended (or, open, are still) past their deadline:
    due_at < coalesce(closed_at, now) — one EXISTS probe per run on the Task (run, …) index."""
    return Task.objects.filter(run=OuterRef("pk"), due_at__lt=Coalesce("closed_at", Value(now)))


def run_for(user, pk: int) -> Run:
    return get_object_or_404(
        Run.objects.filter(office__in=visible_offices(user)).select_related("revision", "letter", "office"), pk=pk
    )


def task_for(user, pk: int) -> Task:
    return get_object_or_404(
        Task.objects.filter(run__office__in=visible_offices(user)).select_related(
            "run__revision", "run__letter", "run__office", "assignee", "position", "completed_by"),
        pk=pk,
    )


def letters_for(user):
    return IncomingLetter.objects.filter(office__in=visible_offices(user)).select_related("office")


LETTER_LIST_COLUMNS = ("pk", "agenda_number", "agenda_year", "nomor_surat", "tanggal_surat", "asal", "perihal",
                       "sifat", "scan", "office", "registered_by")  # the last two: who may read a Rahasia letter


def letter_list_for(user):
    """Letters for the list page: newest registered first (the primary key, so no sort over years of
    letters), only the columns shown, no office join."""
    return (_in_offices(IncomingLetter.objects, user).only(*LETTER_LIST_COLUMNS)
            .order_by("-pk"))


RUN_START_LETTERS = 50


def letters_to_start(office, *, query: str = "", include=None) -> list[IncomingLetter]:
    """Letters offered by the run-start form: the office's newest letters that have no run yet
    (at most RUN_START_LETTERS), or those whose agenda number or nomor surat matches `query`;
    plus the letter `include` (just registered) when it is the office's."""
    letters = IncomingLetter.objects.filter(office=office).only(
        "pk", "agenda_number", "agenda_year", "nomor_surat", "perihal", "sifat").order_by("-pk")
    query = query.strip()
    if query:
        match = Q(nomor_surat__icontains=query)
        if query.isdigit():
            match |= Q(agenda_number=int(query))
        letters = letters.filter(match)
    else:
        letters = letters.filter(~Exists(Run.objects.filter(letter=OuterRef("pk"))))
    found = list(letters[:RUN_START_LETTERS])
    if include and include not in {letter.pk for letter in found}:
        extra = IncomingLetter.objects.filter(office=office, pk=include).first()
        if extra is not None:
            found.insert(0, extra)
    return found


def signoffs_of(run: Run) -> list:
    """The run's paraf and signatures, each with `is_current()` answered in the same query (the
    newest version of its document that is not a signed copy) instead of one query per sign-off."""

    newest = (DocumentVersion.objects.filter(document=OuterRef("version__document"))
              .exclude(source=DocumentVersion.Source.SIGNED_COPY).order_by("-number"))
    rows = list(SignOff.objects.filter(task__run=run).select_related("version", "version__document")
                .annotate(newest_pk=Subquery(newest.values("pk")[:1]), newest_sha=Subquery(newest.values("sha256")[:1]))
                .order_by("signed_at", "pk"))
    for signoff in rows:
        current = signoff.newest_pk == signoff.version_id and signoff.newest_sha == signoff.sha256
        signoff.is_current = (lambda value=current: value)
    return rows


def is_late(task: Task, now: datetime | None = None) -> bool:
    if task.due_at is None:
        return False
    end = task.closed_at or now or timezone.now()
    return end > task.due_at


@dataclass
class TimelineRow:
    task: Task
    step: object
    standard: str
    actual: str
    late: bool
    left: str = "-"  # open tasks: "sisa …" / "terlambat …" in office time


def timeline(run: Run) -> list[TimelineRow]:
    core = run.revision.as_core()
    calendar = calendar_for(run.office)
    now = timezone.now()
    rows = []
    for task in run.tasks.select_related("assignee", "completed_by", "position", "attendance").order_by("engine_id"):
        step = core.step(task.step_no)
        end = task.closed_at or (now if task.status == Task.Status.TERBUKA else None)
        actual = working_time_between(task.opened_at, end, calendar) if end else None
        rows.append(TimelineRow(task=task, step=step, standard=str(step.waktu) if step.waktu else "-",
                                actual=_duration_text(actual) if actual is not None else "-",
                                late=is_late(task, now), left=left_text(task, step, now)))
    return rows


def _duration_text(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} jam {minutes} menit"
    if hours:
        return f"{hours} jam"
    return f"{minutes} menit"


def home_panel(user) -> dict | None:
    employee = employee_of(user)
    if employee is None:
        return None
    counts = inbox_counts(employee)
    counts["dispositions"] = dispositions_for(employee).count()  # copies still to acknowledge
    return {"template": "runs/_home_panel.html", "counts": counts,
            "contributions": inbox.contributions_for(employee)}  # e.g. kinerja's realisation requests


def meeting_participants(task: Task) -> list[Task]:
    """The tasks of one opening of a meeting step (every participant), with their attendance."""
    return list(Task.objects.filter(run=task.run_id, step_no=task.step_no, iteration=task.iteration)
                .exclude(status=Task.Status.DIBATALKAN)
                .select_related("assignee", "attendance").order_by("engine_id"))


def dispositions_for(employee, day=None):
    """Disposisi sent to a position the employee holds or stands in for, not yet acknowledged."""
    positions = [acting.position.pk for acting in roles_of(employee, day or timezone.localdate())]
    return (DispositionCopy.objects.filter(position_id__in=positions, acknowledged_at__isnull=True)
            .select_related("position", "disposition__written_by", "disposition__task__run__letter")
            .order_by("disposition__due_on", "disposition__written_at"))


def disposition_for(user, pk: int) -> Disposition:
    """One lembar disposisi of a run the user may read."""
    return get_object_or_404(
        Disposition.objects.filter(task__run__office__in=visible_offices(user)).select_related(
            "task__run__letter", "task__run__office", "task__position", "written_by"), pk=pk)


def dispositions_of(run: Run) -> list[Disposition]:
    """The run's lembar disposisi, oldest first, with their positions and copies (three statements)."""
    return list(Disposition.objects.filter(task__run=run).select_related("written_by", "task")
                .prefetch_related("to_positions", "copies__acknowledged_by").order_by("written_at"))


def dispatches_of(run: Run) -> list[Dispatch]:
    """Distribution and archive records of the run (agenda / arsip steps)."""
    return list(Dispatch.objects.filter(task__run=run).select_related("task", "task__completed_by")
                .order_by("sent_at"))


def runs_started_by(letter: IncomingLetter) -> list[Run]:
    """The runs a letter started itself (child runs share their parent's letter and do not count)."""
    return list(Run.objects.filter(letter=letter, parent__isnull=True).only("pk", "purpose", "status")
                .order_by("started_at", "pk"))


def with_started_runs(letters):
    """Annotate a letter queryset with the first run each letter started and how many: still one
    query (two correlated subqueries on the run (letter) index)."""
    started = Run.objects.filter(letter=OuterRef("pk"), parent__isnull=True)
    first = started.order_by("started_at", "pk")
    return letters.annotate(
        first_run_id=Subquery(first.values("pk")[:1]),
        first_run_purpose=Subquery(first.values("purpose")[:1]),
        runs_started=Coalesce(Subquery(started.order_by().values("letter").annotate(n=Count("pk")).values("n")[:1]),
                              Value(0)),
    )


def unconfirmed_sops(office) -> list[dict]:
    """The office's approved SOP revisions that cannot start a run yet because the actor column of
    some steps still awaits confirmation: each with its steps (number, actor columns), for the start
    form to say which and link to where they are confirmed."""
    rows = []
    revisions = (SopRevision.objects.filter(sop__office=office, status=SopRevision.Status.APPROVED)
                 .prefetch_related("confirmations").order_by("nama", "-number"))
    for revision in revisions:
        steps = unconfirmed_steps(revision)
        if steps:
            rows.append({"revision": revision, "steps": [(s.get("no"), ", ".join(s.get("actors") or ()))
                                                         for s in steps]})
    return rows
