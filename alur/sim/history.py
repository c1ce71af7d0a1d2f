"""Two years (or more) of finished runs of the office's SOPs, so that every dashboard shows a real
distribution. Everything goes through alur.runs.services, the same door as the web: the clock is
passed as `now` and advanced in office time on the office's real calendar.

Variation, all drawn from one seeded generator (same seed, same history):
- every step gets a *habit*: most steps usually finish within their Waktu; about one in four is
  usually late (its typical time is 1.3–2.5 × the standard);
- each task's time scatters around its step's habit (log-normal, σ = 0.5);
- a decision sends the work back ("Tidak") with probability `send_back_rate`, at most twice per run.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from alur.core.calendar import WorkCalendar, deadline
from alur.core.realism import waktu_minutes
from alur.core.sop.model import WaktuUnit
from alur.org.models import Office
from alur.runs.models import Run, Task
from alur.runs.services import letter_register, run_start, task_complete
from alur.sop.models import SopRevision
from alur.workdays.selectors import calendar_for

from .simulate import completion_for

#: The newest history run starts this long before now, so that every one of them has finished.
QUIET_DAYS = 90
#: Office minutes for a step without a Waktu.
DEFAULT_STEP_MINUTES = 60
MAX_SEND_BACKS = 2
HISTORY_PURPOSE = "Riwayat"


class HistoryExists(Exception):
    """The office already has finished runs older than the quiet window: history was made."""


@dataclass(frozen=True)
class Options:
    seed: int = 1
    years: float = 2
    runs_per_year: int = 12  # per SOP
    send_back_rate: float = 0.15
    late_share: float = 0.25
    sop_name: str = ""  # only SOPs whose name contains this (tests); all by default
    work_in_progress: bool = True  # leave two overdue runs and an unanswered letter for today


@dataclass
class Figures:
    runs: int = 0
    tasks: int = 0
    send_backs: int = 0


def has_history(office: Office, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return Run.objects.filter(office=office, status=Run.Status.SELESAI,
                              started_at__lt=now - timedelta(days=QUIET_DAYS // 2)).exists()


def generate_history(office: Office, options: Options = Options(), *, now: datetime | None = None,
                     progress: Callable[[str], None] = lambda text: None) -> Figures:
    """Make the history; raises HistoryExists rather than doubling it."""
    now = now or timezone.now()
    if has_history(office, now):
        raise HistoryExists(office.code)
    rng = random.Random(options.seed)
    calendar = calendar_for(office)
    user = get_user_model().objects.get(username="admin")
    revisions = list(SopRevision.objects.filter(sop__office=office, status=SopRevision.Status.APPROVED,
                                                nama__icontains=options.sop_name).order_by("sop__slug", "-number"))
    latest = {}
    for revision in revisions:
        latest.setdefault(revision.sop_id, revision)
    first = now - timedelta(days=round(365 * options.years))
    last = now - timedelta(days=QUIET_DAYS)
    count = max(1, round(options.runs_per_year * options.years))
    figures = Figures()
    for revision in latest.values():
        habits = _habits(revision, rng, options)
        starts = sorted(_working_moment(first + (last - first) * rng.random(), calendar, rng) for _ in range(count))
        for start in starts:
            _one_run(revision, user, start, habits, calendar, rng, options, figures)
        progress(f"{revision.nama}: {count} alur")
    if options.work_in_progress:
        _work_in_progress(office, user, latest, calendar, rng, options, figures, now)
    return figures


def _work_in_progress(office, user, latest, calendar, rng, options, figures, now) -> None:
    """Today's picture: two runs started two to three weeks ago and stuck halfway (their open task
    is overdue), and one letter registered this week that nobody has acted on yet."""
    revisions = sorted(latest.values(), key=lambda r: r.nama)
    for revision, days in zip(rng.sample(revisions, k=min(2, len(revisions))), (15, 22), strict=False):
        start = _working_moment(now - timedelta(days=days), calendar, rng)
        habits = {no: 0.6 for no in _habits(revision, rng, options)}
        _one_run(revision, user, start, habits, calendar, rng, options, figures, stop_after=3,
                 purpose=f"{revision.nama} {start.year}")
    day = timezone.localdate(now)
    letter_register(office=office, user=user, nomor_surat=f"005/{rng.randint(100, 999)}/BAPPEDA/{day.year}",
                    tanggal_surat=day - timedelta(days=4), asal="Bappeda Kabupaten Tanjung Jabung Barat",
                    perihal="Undangan rapat koordinasi evaluasi kinerja triwulan", sifat="segera",
                    received_on=day - timedelta(days=2))


def _habits(revision: SopRevision, rng: random.Random, options: Options) -> dict[int, float]:
    """Typical time of each step as a multiple of its Waktu."""
    return {step.no: (rng.uniform(1.3, 2.5) if rng.random() < options.late_share else rng.uniform(0.3, 0.8))
            for step in revision.as_core().steps}


def _working_moment(moment: datetime, calendar: WorkCalendar, rng: random.Random) -> datetime:
    """A moment during office hours on or after `moment`'s day."""
    day = timezone.localtime(moment, calendar.tzinfo).date()
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    opening, closing = calendar.office_hours(day)
    span = (datetime.combine(day, closing) - datetime.combine(day, opening)).total_seconds() / 60
    return datetime.combine(day, opening, tzinfo=calendar.tzinfo) + timedelta(minutes=int(rng.random() * span * 0.6))


def _one_run(revision, user, start, habits, calendar, rng, options, figures, stop_after: int = 500,
             purpose: str = "") -> None:
    core = revision.as_core()
    day_minutes = calendar.standard_day.total_seconds() / 60
    run = run_start(revision=revision, user=user, purpose=purpose or f"{HISTORY_PURPOSE}: {revision.nama}",
                    year=start.year, now=start)
    figures.runs += 1
    clock, send_backs = start, 0
    for done in range(500):
        if done >= stop_after:
            return
        task = (Task.objects.filter(run=run, status=Task.Status.TERBUKA)
                .select_related("assignee__user", "run", "position").order_by("engine_id").first())
        if task is None:
            return
        if task.assignee is None:
            raise RuntimeError(f"langkah {task.step_no} dari {revision.nama} tidak punya pelaksana")
        step = core.step(task.step_no)
        standard = waktu_minutes(step.waktu, day_minutes) if step.waktu else DEFAULT_STEP_MINUTES
        minutes = max(1.0, standard * habits[step.no] * math.exp(rng.gauss(0, 0.5)))
        clock = deadline(max(clock, task.opened_at), minutes, WaktuUnit.MENIT, calendar)
        approve = True
        if step.is_decision and send_backs < MAX_SEND_BACKS and rng.random() < options.send_back_rate:
            approve, send_backs = False, send_backs + 1
            figures.send_backs += 1
        completion = completion_for(task, step.act, approve, version_tag=f"{figures.runs}-{figures.tasks}")
        task_complete(task=task, user=task.assignee.user, completion=completion, now=clock)
        figures.tasks += 1
    raise RuntimeError(f"run {run.pk} did not finish")


__all__ = ["HistoryExists", "Options", "generate_history", "has_history"]

