"""Reads behind the leaders' dashboards. Each function runs a fixed number of statements whatever
the size of the office: counts, averages and percentiles are computed in SQL (GROUP BY, Exists,
window functions); Python only formats the rows a page shows.

Working time comes from the timing tables (models.TaskTiming, RunTiming; see timings.py), read
through their monthly summaries (StepMonth, PersonMonth, RunMonth, MinutesBucket): a period is
counted in whole months (the months of its first and last day), and medians and P80 come from the
merged per-month histograms of fixed buckets (alur.dashboard.buckets: exact below 60 minutes, within
±2.5 % above), so no page reads a row per closed task. The few figures about *open* work (how late
an overdue task is right now) are computed in Python for the rows shown, which are bounded by
`LIMIT`; open runs and tasks are found through partial indexes on the open rows (migration 0004).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.http import Http404
from django.utils import timezone

from alur.core.calendar import working_time_between
from alur.core.realism import (
    Rule,
    Suggestion,
    bottleneck,
    lead_time_shares,
    minutes_text,
    waktu_minutes,
)
from alur.core.worktime import working_text
from alur.kinerja.models import Indicator, PerjanjianKinerja, Realisasi
from alur.kinerja.periods import in_force_by_office
from alur.org.models import Office
from alur.org.selectors import employee_of, visible_offices
from alur.runs.models import IncomingLetter, Run, Task
from alur.runs.policies import hide_confidential
from alur.sop.models import Sop, SopRevision
from alur.workdays.selectors import calendar_for

from . import buckets
from .capaian import capaian_by_office
from .models import MinutesBucket, PersonMonth, RunMonth, StepMonth, TimingStamp
from .openrows import run_open, task_open

#: Most rows any list shows with "tampilkan semua" and in the XLSX (the counts are always complete).
LIMIT = 200
#: Rows each list of the "Now" page shows by default (the most overdue, the oldest letters…): the page
#: stays the same size however much work is open; the rest is one click or the XLSX away.
PAGE_ROWS = 10
HISTOGRAM_BINS = 12


# -- access ------------------------------------------------------------------------------------


def office_for(user, code: str) -> Office:
    """An office the user may read (own office or a grant); 404 otherwise, never a hint it exists."""
    office = visible_offices(user).filter(code=code).first()
    if office is None:
        raise Http404
    return office


def home_office(user) -> Office | None:
    employee = employee_of(user)
    return employee.office if employee else None


def granted_offices(user):
    """Offices a user reads through explicit grants, with the own office when there is at least one
    grant: the kabupaten view exists only for those with read grants across offices."""
    if not user.is_authenticated:
        return Office.objects.none()
    if user.is_superuser:
        return Office.objects.order_by("name")
    if not user.office_grants.exists():
        return Office.objects.none()
    return visible_offices(user).order_by("name")


def sop_for(office: Office, pk: int) -> Sop:
    sop = Sop.objects.filter(office=office, pk=pk).first()
    if sop is None:
        raise Http404
    return sop


# -- periods -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def bounds(self, tz) -> tuple[datetime, datetime]:
        return (datetime.combine(self.start, time.min, tzinfo=tz),
                datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz))

    @property
    def first_month(self) -> date:
        return self.start.replace(day=1)

    @property
    def last_month(self) -> date:
        return self.end.replace(day=1)

    def month_filter(self) -> Q:
        """The whole months the period touches (the summaries' grain)."""
        return Q(month__gte=self.first_month, month__lte=self.last_month)

    @property
    def label(self) -> str:
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year}"


def default_period(today: date, years: int = 2) -> Period:
    return Period(today.replace(year=today.year - years) + timedelta(days=1), today)


# -- "Now" ---------------------------------------------------------------------------------------


@dataclass
class OpenTask:
    task: Task
    late_text: str = ""
    late_minutes: int = 0


@dataclass
class NowPage:
    runs_by_sop: list[dict]
    open_tasks: list[OpenTask]
    overdue: list[OpenTask]
    overdue_by_person: list[dict]
    overdue_by_unit: list[dict]
    missing_actor: list[Task]
    letters_waiting: list[IncomingLetter]
    open_total: int = 0
    overdue_total: int = 0
    missing_total: int = 0
    letters_total: int = 0
    rows: int = LIMIT

    @property
    def overdue_shown(self) -> list[OpenTask]:
        return self.overdue[:self.rows]


def _open_tasks(office: Office):
    # The run's engine state and the SOP's content are JSON the lists never show: decoding them per
    # row would cost more than the rest of the page.
    return (Task.objects.filter(task_open(), run_open("run__"), run__office=office)
            .select_related("run__revision", "assignee", "position__unit")
            .defer("run__state", "run__revision__data", "run__revision__changes"))


def now_page(office: Office, viewer, now: datetime | None = None, rows: int = LIMIT) -> NowPage:
    """Where the office's work stands, as `viewer` may read it: a Rahasia letter the viewer is not
    entitled to (runs.policies.confidential_letters_visible) is marked `hidden`. Lists hold at most
    `rows` rows (the overdue list is read up to LIMIT for the per-person and per-unit lateness, and
    shown up to `rows`)."""
    now = now or timezone.now()
    calendar = calendar_for(office)
    day_minutes = calendar.standard_day.total_seconds() / 60
    runs_by_sop = list(
        Run.objects.filter(run_open(), office=office)
        .values("revision__sop_id", "revision__nama").annotate(runs=Count("pk")).order_by("revision__nama"))
    tasks = _open_tasks(office)
    open_tasks = [OpenTask(t) for t in tasks.order_by("run__revision__nama", "opened_at")[:rows]]
    overdue_qs = tasks.filter(due_at__lt=now)
    overdue = []
    for task in overdue_qs.order_by("due_at")[:LIMIT]:
        late = working_time_between(task.due_at, now, calendar)
        unit = "hari" if (task.waktu_minutes or 0) >= day_minutes else "jam"
        overdue.append(OpenTask(task, working_text(late, unit, calendar.standard_day), int(late.total_seconds() // 60)))
    by_person = list(overdue_qs.values("assignee_id", "assignee__name").annotate(tasks=Count("pk"))
                     .order_by("-tasks", "assignee__name"))
    by_unit = list(overdue_qs.values("position__unit_id", "position__unit__name").annotate(tasks=Count("pk"))
                   .order_by("-tasks", "position__unit__name"))
    late_by_person: dict = {}
    late_by_unit: dict = {}
    for row in overdue:
        late_by_person[row.task.assignee_id] = late_by_person.get(row.task.assignee_id, 0) + row.late_minutes
        unit_id = row.task.position.unit_id if row.task.position else None
        late_by_unit[unit_id] = late_by_unit.get(unit_id, 0) + row.late_minutes
    for row in by_person:
        row["late_text"] = working_text(timedelta(minutes=late_by_person.get(row["assignee_id"], 0) / row["tasks"]),
                                        "hari", calendar.standard_day)
    for row in by_unit:
        row["late_text"] = working_text(timedelta(minutes=late_by_unit.get(row["position__unit_id"], 0) / row["tasks"]),
                                        "hari", calendar.standard_day)
    missing = list(tasks.filter(assignee__isnull=True).order_by("opened_at")[:rows])
    waiting = (IncomingLetter.objects.filter(office=office)
               .filter(~Exists(Run.objects.filter(letter=OuterRef("pk")))))
    letters = hide_confidential(viewer, waiting.order_by("received_on", "agenda_number")[:rows])
    counts = tasks.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)),
                             missing=Count("pk", filter=Q(assignee__isnull=True)))
    return NowPage(runs_by_sop, open_tasks, overdue, by_person, by_unit, missing, letters,
                   counts["open"], counts["overdue"], counts["missing"], waiting.count(), rows)


def workload(office: Office, period: Period) -> dict:
    """Open tasks now and tasks finished in `period`, per person and per unit, with average lateness."""
    calendar = calendar_for(office)
    finished = PersonMonth.objects.filter(period.month_filter(), office=office).order_by()
    open_tasks = Task.objects.filter(task_open(), run_open("run__"), run__office=office)

    def rows(key: str, name: str, open_key: str, open_name: str) -> list[dict]:
        table: dict = {}
        for row in finished.values(key, name).annotate(
                finished=Sum("n"), late=Sum("late"), late_total=Sum("late_minutes")):
            table[row[key]] = {"name": row[name], "open": 0, "finished": row["finished"], "late": row["late"],
                               "avg_late": (row["late_total"] or 0) / row["finished"] if row["finished"] else 0}
        for row in open_tasks.values(open_key, open_name).annotate(open=Count("pk")):
            entry = table.setdefault(row[open_key], {"name": row[open_name], "open": 0, "finished": 0, "late": 0,
                                                     "avg_late": 0})
            entry["open"] = row["open"]
        for entry in table.values():
            entry["avg_late_text"] = working_text(timedelta(minutes=entry["avg_late"]), "hari", calendar.standard_day)
        return sorted(table.values(), key=lambda e: (-(e["open"] + e["finished"]), e["name"] or ""))

    return {"people": rows("assignee_id", "assignee__name", "assignee_id", "assignee__name"),
            "units": rows("unit_id", "unit__name", "position__unit_id", "position__unit__name")}


# -- time realism --------------------------------------------------------------------------------


@dataclass
class StepFigures:
    no: int
    kegiatan: str
    waktu: object  # alur.core.sop.model.Waktu | None
    unit: str
    count: int = 0
    median: float | None = None
    p80: float | None = None
    within: float | None = None  # share 0..1
    send_back_rate: float | None = None  # decisions only
    total: float = 0
    share: float = 0
    histogram: list = field(default_factory=list)
    upper: float = 0
    suggestion: Suggestion | None = None

    def text(self, minutes):
        return minutes_text(minutes, self.unit, self._day)

    _day: float = 510


@dataclass
class Realism:
    sop: Sop
    revision: SopRevision
    period: Period
    rule: Rule
    steps: list[StepFigures]
    runs: int
    lead_median: float | None
    lead_p80: float | None
    standard_lead: float | None
    loops_per_run: float
    bottleneck: StepFigures | None
    refreshed_at: datetime | None

    @property
    def suggestions(self) -> list[Suggestion]:
        return [s.suggestion for s in self.steps if s.suggestion]


def realism(sop: Sop, period: Period, rule: Rule, revision: SopRevision | None = None) -> Realism:
    """Per step of the SOP (its revision in force, unless `revision` is given): the figures of the
    tasks finished in `period` across all revisions whose step has the same number."""
    office = sop.office
    calendar = calendar_for(office)
    day = calendar.standard_day.total_seconds() / 60
    revision = revision or sop.current_revision()
    core = revision.as_core()
    months = period.month_filter()
    aggregates = {
        row["step_no"]: row for row in StepMonth.objects.filter(months, sop=sop).order_by().values("step_no")
        .annotate(n=Sum("n"), total=Sum("total_minutes"), within=Sum("within"), decided=Sum("decided"),
                  tidak=Sum("tidak"))
    }
    histograms = _bucket_counts(MinutesBucket.objects.filter(months, sop=sop), "step_no")
    lead_histogram = histograms.pop(MinutesBucket.RUN, [])
    quantiles = {no: buckets.percentiles(counts, (0.5, 0.8, rule.quantile)) for no, counts in histograms.items()}
    steps: list[StepFigures] = []
    for step in core.steps:
        figures = StepFigures(no=step.no, kegiatan=step.kegiatan, waktu=step.waktu,
                              unit=step.waktu.unit.value if step.waktu else "menit", _day=day)
        row = aggregates.get(step.no)
        if row:
            q = quantiles.get(step.no, {})
            figures.count, figures.total = row["n"], float(row["total"] or 0)
            figures.median, figures.p80 = q.get(0.5), q.get(0.8)
            if step.waktu:
                figures.within = row["within"] / row["n"]
            if step.is_decision and row["decided"]:
                figures.send_back_rate = row["tidak"] / row["decided"]
            figures.suggestion = rule.propose(step_no=step.no, current=step.waktu, count=row["n"],
                                              quantile_minutes=q.get(rule.quantile), standard_day_minutes=day)
        steps.append(figures)
    shares = lead_time_shares({s.no: s.total for s in steps})
    for s in steps:
        s.share = shares.get(s.no, 0)
    _histograms(histograms, steps, day)
    slowest = bottleneck({s.no: s.total for s in steps})
    run_row = RunMonth.objects.filter(months, sop=sop).aggregate(n=Sum("n"), loops=Sum("send_backs"))
    lead = buckets.percentiles(lead_histogram, (0.5, 0.8))

    stamp = TimingStamp.objects.filter(office=office).values_list("refreshed_at", flat=True).first()
    standard = sum(waktu_minutes(s.waktu, day) for s in core.steps if s.waktu) or None
    runs = run_row["n"] or 0
    return Realism(sop=sop, revision=revision, period=period, rule=rule, steps=steps, runs=runs,
                   lead_median=lead.get(0.5), lead_p80=lead.get(0.8), standard_lead=standard,
                   loops_per_run=(run_row["loops"] or 0) / runs if runs else 0.0,
                   bottleneck=next((s for s in steps if s.no == slowest), None), refreshed_at=stamp)


def _bucket_counts(queryset, key: str) -> dict:
    """{key value: [(bucket, count), ...]} of MinutesBucket rows merged over the period's months."""
    result: dict = {}
    for group, bucket, n in (queryset.order_by().values(key, "bucket").annotate(total=Sum("n"))
                             .values_list(key, "bucket", "total")):
        result.setdefault(group, []).append((bucket, n))
    return result


def _histograms(histograms: dict, steps: list[StepFigures], day: float) -> None:
    """Counts per bin for every step from its merged bucket counts; each step's axis runs to twice its
    standard or its P80, whichever is larger (longer times fall into the last bin). A bucket falls
    into the bin of its middle value (bins are as precise as the buckets: exact below 60 minutes)."""
    for s in steps:
        standard = waktu_minutes(s.waktu, day) if s.waktu else 60
        s.upper = max(2 * standard, s.p80 or 0, 1)
        counts = [0] * HISTOGRAM_BINS
        for bucket, n in histograms.get(s.no, []):
            index = min(int(buckets.value(bucket) * HISTOGRAM_BINS / s.upper), HISTOGRAM_BINS - 1)
            counts[index] += n
        width = s.upper / HISTOGRAM_BINS
        s.histogram = [(i * width, (i + 1) * width, counts[i]) for i in range(HISTOGRAM_BINS)]


def revision_comparison(sop: Sop, period: Period) -> list[dict]:
    """Lead time per revision of the SOP (runs finished in `period`): did a new Waktu or a removed
    step change how long the whole run takes?"""
    months = period.month_filter()
    lead = _bucket_counts(MinutesBucket.objects.filter(months, sop=sop, step_no=MinutesBucket.RUN), "revision_id")
    rows = []
    for row in (RunMonth.objects.filter(months, sop=sop).order_by().values("revision_id", "revision__number")
                .annotate(n=Sum("n"), lead_total=Sum("lead_minutes"), standard=Max("standard_minutes"),
                          on_time_n=Sum("on_time"), no_standard=Sum("no_standard"), loops_total=Sum("send_backs"))
                .order_by("revision__number")):
        q = buckets.percentiles(lead.get(row["revision_id"], []), (0.5, 0.8))
        n = row["n"]
        rows.append({"revision_id": row["revision_id"], "revision__number": row["revision__number"], "n": n,
                     "avg": row["lead_total"] / n, "standard": row["standard"],
                     "on_time": row["on_time_n"] + row["no_standard"], "loops": row["loops_total"] / n,
                     "median": q.get(0.5), "p80": q.get(0.8)})
    return rows


# -- kabupaten -----------------------------------------------------------------------------------


def kabupaten(offices, period: Period) -> list[dict]:
    """Per office: runs finished in `period` on time (lead time within the SOP's summed Waktu) and
    late, per SOP; open runs and overdue tasks now; the SAKIP year's progress. A fixed number of
    grouped statements for all offices."""
    now = timezone.now()
    ids = [o.pk for o in offices]
    finished = list(
        RunMonth.objects.filter(period.month_filter(), office_id__in=ids).order_by()
        .values("office_id", "sop_id").annotate(n=Sum("n"), on_time=Sum("on_time")))
    names = dict(SopRevision.objects.filter(sop_id__in={row["sop_id"] for row in finished},
                                            status=SopRevision.Status.APPROVED)
                 .order_by("sop_id", "number").values_list("sop_id", "nama"))
    per_office: dict = {o.pk: {"office": o, "kinds": [], "open_runs": 0, "overdue": 0, "refreshed_at": None}
                        for o in offices}
    for row in finished:
        per_office[row["office_id"]]["kinds"].append(
            {"name": names.get(row["sop_id"], "?"), "n": row["n"], "on_time": row["on_time"],
             "late": row["n"] - row["on_time"]})
    for row in Run.objects.filter(run_open(), office_id__in=ids).values("office_id").annotate(
            n=Count("pk")):
        per_office[row["office_id"]]["open_runs"] = row["n"]
    for row in Task.objects.filter(task_open(), run_open("run__"), run__office_id__in=ids, due_at__lt=now).values(
            "run__office_id").annotate(n=Count("pk")):
        per_office[row["run__office_id"]]["overdue"] = row["n"]
    _sakip_progress(per_office, ids, timezone.localdate(now).year)

    for office_id, figures in capaian_by_office(ids, period.end.year).items():
        per_office[office_id]["capaian"] = figures

    for office_id, refreshed_at in TimingStamp.objects.filter(office_id__in=ids).values_list("office_id",
                                                                                             "refreshed_at"):
        per_office[office_id]["refreshed_at"] = refreshed_at
    for entry in per_office.values():
        entry["kinds"].sort(key=lambda kind: kind["name"])
        entry["finished"] = sum(kind["n"] for kind in entry["kinds"])
        entry["on_time"] = sum(kind["on_time"] for kind in entry["kinds"])
    return list(per_office.values())


def sops_of(office: Office) -> list[dict]:
    """The office's SOPs with the name of their newest approved revision (one statement)."""
    names: dict = {}
    for sop_id, nama, status in (SopRevision.objects.filter(sop__office=office).order_by("sop_id", "number")
                                 .values_list("sop_id", "nama", "status")):
        if status == SopRevision.Status.APPROVED or sop_id not in names:
            names[sop_id] = nama
    return sorted(({"pk": pk, "nama": nama} for pk, nama in names.items()), key=lambda s: s["nama"])


def _sakip_progress(per_office: dict, ids: list[int], year: int) -> None:
    """The SAKIP year per office: PK signed, realisations verified per triwulan (of the indicators of
    the office's Renstra covering the year), and whether an LKjIP run finished this year.
    Three grouped statements; offices without performance data show "—"."""

    signed = set(PerjanjianKinerja.objects.filter(office_id__in=ids, year=year, signed_at__isnull=False)
                 .values_list("office_id", flat=True))
    in_force = [r.pk for r in in_force_by_office(ids, year).values()]  # a draft's indicators do not count
    indicators = dict(Indicator.objects.filter(renstra_id__in=in_force)
                      .values("renstra__office_id").annotate(n=Count("pk")).values_list("renstra__office_id", "n"))
    verified: dict = {}
    for office_id, triwulan, n in (Realisasi.objects.filter(indicator__renstra_id__in=in_force, year=year,
                                                            state__in=Realisasi.COUNTED)
                                   .values("indicator__renstra__office_id", "triwulan").annotate(n=Count("pk"))
                                   .values_list("indicator__renstra__office_id", "triwulan", "n")):
        verified[(office_id, triwulan)] = n
    lkjip_revisions = list(SopRevision.objects.filter(sop__office_id__in=ids, nama__icontains="LKjIP")
                           .values_list("pk", flat=True))
    lkjip = set(RunMonth.objects.filter(office_id__in=ids, month__gte=date(year, 1, 1), revision_id__in=lkjip_revisions)
                .values_list("office_id", flat=True))
    for office_id, entry in per_office.items():
        total = indicators.get(office_id, 0)
        entry["sakip"] = {
            "year": year, "pk_signed": office_id in signed, "lkjip": office_id in lkjip, "indicators": total,
            "quarters": [{"triwulan": q, "verified": verified.get((office_id, q), 0),
                          "complete": bool(total) and verified.get((office_id, q), 0) >= total} for q in range(1, 5)],
        }
