"""Reads behind the leaders' dashboards. Each function runs a fixed number of statements whatever
the size of the office: counts, averages and percentiles are computed in SQL (GROUP BY, Exists,
window functions); Python only formats the rows a page shows.

Working time comes from the timing tables (models.TaskTiming, RunTiming; see timings.py). The few
figures about *open* work (how late an overdue task is right now) are computed in Python for the
rows shown, which are bounded by `LIMIT`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Exists, F, FloatField, Max, OuterRef, Q, Sum, Value, Window
from django.db.models.functions import Cast, Ceil, Coalesce, Floor, Least, RowNumber
from django.http import Http404
from django.utils import timezone

from alur.core.calendar import working_time_between
from alur.core.engine import OUTCOME_TIDAK
from alur.core.realism import (
    RANK_EPSILON,
    Rule,
    Suggestion,
    bottleneck,
    lead_time_shares,
    minutes_text,
    nearest_rank,
    waktu_minutes,
)
from alur.core.worktime import working_text
from alur.org.models import Office
from alur.org.selectors import employee_of, visible_offices
from alur.runs.models import IncomingLetter, Run, Task
from alur.sop.models import Sop, SopRevision
from alur.workdays.selectors import calendar_for

from .models import RunTiming, TaskTiming

#: Most rows any list on a page shows (the counts above it are always complete).
LIMIT = 200
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


def _open_tasks(office: Office):
    return (Task.objects.filter(run__office=office, status=Task.Status.TERBUKA, run__status=Run.Status.BERJALAN)
            .select_related("run__revision", "assignee", "position__unit"))


def now_page(office: Office, now: datetime | None = None) -> NowPage:
    now = now or timezone.now()
    calendar = calendar_for(office)
    day_minutes = calendar.standard_day.total_seconds() / 60
    runs_by_sop = list(
        Run.objects.filter(office=office, status=Run.Status.BERJALAN)
        .values("revision__sop_id", "revision__nama").annotate(runs=Count("pk")).order_by("revision__nama"))
    tasks = _open_tasks(office)
    open_tasks = [OpenTask(t) for t in tasks.order_by("run__revision__nama", "opened_at")[:LIMIT]]
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
    missing = list(tasks.filter(assignee__isnull=True).order_by("opened_at")[:LIMIT])
    letters = list(IncomingLetter.objects.filter(office=office)
                   .filter(~Exists(Run.objects.filter(letter=OuterRef("pk"))))
                   .order_by("received_on", "agenda_number")[:LIMIT])
    counts = tasks.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
    return NowPage(runs_by_sop, open_tasks, overdue, by_person, by_unit, missing, letters,
                   counts["open"], counts["overdue"])


def workload(office: Office, period: Period) -> dict:
    """Open tasks now and tasks finished in `period`, per person and per unit, with average lateness."""
    calendar = calendar_for(office)
    start, end = period.bounds(calendar.tzinfo)
    finished = TaskTiming.objects.filter(office=office, closed_at__gte=start, closed_at__lt=end)
    open_tasks = Task.objects.filter(run__office=office, status=Task.Status.TERBUKA, run__status=Run.Status.BERJALAN)

    def rows(key: str, name: str, open_key: str, open_name: str) -> list[dict]:
        table: dict = {}
        for row in finished.values(key, name).annotate(
                finished=Count("pk"), late=Count("pk", filter=Q(late_minutes__gt=0)), avg_late=Avg("late_minutes")):
            table[row[key]] = {"name": row[name], "open": 0, "finished": row["finished"], "late": row["late"],
                               "avg_late": row["avg_late"] or 0}
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


def _percentiles(queryset, group: str, value: str, quantiles=(0.5, 0.8)) -> dict:
    """{group value: {q: value}} by nearest rank (alur.core.realism.nearest_rank), computed with
    ROW_NUMBER() and COUNT() windows: only the rows at the wanted ranks leave the database."""
    ranked = queryset.annotate(
        _rn=Window(RowNumber(), partition_by=[F(group)], order_by=[F(value).asc(), F("pk").asc()]),
        _n=Window(Count("pk"), partition_by=[F(group)]),
    )
    wanted = Q()
    for q in quantiles:
        wanted |= Q(_rn=Ceil(Cast(F("_n"), FloatField()) * Value(q) - Value(RANK_EPSILON)))
    result: dict = {}
    for key, rn, n, figure in ranked.filter(wanted).values_list(group, "_rn", "_n", value):
        for q in quantiles:
            if rn == nearest_rank(n, q):
                result.setdefault(key, {})[q] = figure
    return result


def realism(sop: Sop, period: Period, rule: Rule, revision: SopRevision | None = None) -> Realism:
    """Per step of the SOP (its revision in force, unless `revision` is given): the figures of the
    tasks finished in `period` across all revisions whose step has the same number."""
    office = sop.office
    calendar = calendar_for(office)
    day = calendar.standard_day.total_seconds() / 60
    revision = revision or sop.current_revision()
    core = revision.as_core()
    start, end = period.bounds(calendar.tzinfo)
    timings = TaskTiming.objects.filter(sop=sop, closed_at__gte=start, closed_at__lt=end)
    aggregates = {
        row["step_no"]: row for row in timings.values("step_no").annotate(
            n=Count("pk"), total=Sum("working_minutes"),
            within=Count("pk", filter=Q(waktu_minutes__isnull=False, working_minutes__lte=F("waktu_minutes"))),
            decided=Count("pk", filter=~Q(outcome="")), tidak=Count("pk", filter=Q(outcome=OUTCOME_TIDAK)),
            top=Max("working_minutes"))
    }
    quantiles = _percentiles(timings, "step_no", "working_minutes", (0.5, 0.8, rule.quantile))
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
    _histograms(timings, steps, day)
    slowest = bottleneck({s.no: s.total for s in steps})
    runs = RunTiming.objects.filter(sop=sop, finished_at__gte=start, finished_at__lt=end)
    run_row = runs.aggregate(n=Count("pk"), loops=Avg("send_backs"))
    lead = _percentiles(runs.annotate(_all=Value(1)), "_all", "lead_minutes").get(1, {})
    from .models import TimingStamp

    stamp = TimingStamp.objects.filter(office=office).values_list("refreshed_at", flat=True).first()
    standard = sum(waktu_minutes(s.waktu, day) for s in core.steps if s.waktu) or None
    return Realism(sop=sop, revision=revision, period=period, rule=rule, steps=steps, runs=run_row["n"],
                   lead_median=lead.get(0.5), lead_p80=lead.get(0.8), standard_lead=standard,
                   loops_per_run=run_row["loops"] or 0.0,
                   bottleneck=next((s for s in steps if s.no == slowest), None), refreshed_at=stamp)


def _histograms(timings, steps: list[StepFigures], day: float) -> None:
    """Counts per bin for every step in one grouped query; each step's axis runs to twice its
    standard or its P80, whichever is larger (longer times fall into the last bin)."""
    from django.db.models import Case, When

    uppers = {}
    for s in steps:
        standard = waktu_minutes(s.waktu, day) if s.waktu else 60
        uppers[s.no] = max(2 * standard, s.p80 or 0, 1)
        s.upper = uppers[s.no]
    if not any(s.count for s in steps):
        return
    upper = Case(*[When(step_no=no, then=Value(float(u))) for no, u in uppers.items()],
                 default=Value(1.0), output_field=FloatField())
    binned = timings.annotate(
        _bin=Least(Floor(Cast(F("working_minutes"), FloatField()) * Value(float(HISTOGRAM_BINS)) / upper),
                   Value(float(HISTOGRAM_BINS - 1))))
    counts: dict = {}
    for no, index, n in binned.values("step_no", "_bin").annotate(n=Count("pk")).values_list("step_no", "_bin", "n"):
        counts[(no, int(index))] = n
    for s in steps:
        width = s.upper / HISTOGRAM_BINS
        s.histogram = [(i * width, (i + 1) * width, counts.get((s.no, i), 0)) for i in range(HISTOGRAM_BINS)]


def revision_comparison(sop: Sop, period: Period) -> list[dict]:
    """Lead time per revision of the SOP (runs finished in `period`): did a new Waktu or a removed
    step change how long the whole run takes?"""
    calendar = calendar_for(sop.office)
    start, end = period.bounds(calendar.tzinfo)
    runs = RunTiming.objects.filter(sop=sop, finished_at__gte=start, finished_at__lt=end)
    lead = _percentiles(runs, "revision_id", "lead_minutes")
    rows = []
    for row in (runs.values("revision_id", "revision__number").annotate(
            n=Count("pk"), avg=Avg("lead_minutes"), standard=Max("standard_minutes"),
            on_time=Count("pk", filter=Q(lead_minutes__lte=Coalesce(F("standard_minutes"), F("lead_minutes")))),
            loops=Avg("send_backs")).order_by("revision__number")):
        q = lead.get(row["revision_id"], {})
        rows.append({**row, "median": q.get(0.5), "p80": q.get(0.8)})
    return rows


# -- kabupaten -----------------------------------------------------------------------------------


def kabupaten(offices, period: Period) -> list[dict]:
    """Per office: runs finished in `period` on time (lead time within the SOP's summed Waktu) and
    late, per SOP; open runs and overdue tasks now; the SAKIP year's progress. A fixed number of
    grouped statements for all offices."""
    now = timezone.now()
    tz = timezone.get_current_timezone()
    start, end = period.bounds(tz)
    ids = [o.pk for o in offices]
    finished = list(
        RunTiming.objects.filter(office_id__in=ids, finished_at__gte=start, finished_at__lt=end)
        .values("office_id", "sop_id")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(standard_minutes__isnull=False,
                                                               lead_minutes__lte=F("standard_minutes")))))
    names = dict(SopRevision.objects.filter(sop_id__in={row["sop_id"] for row in finished},
                                            status=SopRevision.Status.APPROVED)
                 .order_by("sop_id", "number").values_list("sop_id", "nama"))
    per_office: dict = {o.pk: {"office": o, "kinds": [], "open_runs": 0, "overdue": 0, "refreshed_at": None}
                        for o in offices}
    for row in finished:
        per_office[row["office_id"]]["kinds"].append(
            {"name": names.get(row["sop_id"], "?"), "n": row["n"], "on_time": row["on_time"],
             "late": row["n"] - row["on_time"]})
    for row in Run.objects.filter(office_id__in=ids, status=Run.Status.BERJALAN).values("office_id").annotate(
            n=Count("pk")):
        per_office[row["office_id"]]["open_runs"] = row["n"]
    for row in Task.objects.filter(run__office_id__in=ids, status=Task.Status.TERBUKA,
                                   run__status=Run.Status.BERJALAN, due_at__lt=now).values(
            "run__office_id").annotate(n=Count("pk")):
        per_office[row["run__office_id"]]["overdue"] = row["n"]
    _sakip_progress(per_office, ids, timezone.localdate(now).year)
    from .models import TimingStamp

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
    from alur.kinerja.models import Indicator, PerjanjianKinerja, Realisasi

    signed = set(PerjanjianKinerja.objects.filter(office_id__in=ids, year=year, signed_at__isnull=False)
                 .values_list("office_id", flat=True))
    indicators = dict(Indicator.objects.filter(renstra__office_id__in=ids, renstra__start_year__lte=year,
                                               renstra__end_year__gte=year)
                      .values("renstra__office_id").annotate(n=Count("pk")).values_list("renstra__office_id", "n"))
    verified: dict = {}
    for office_id, triwulan, n in (Realisasi.objects.filter(indicator__renstra__office_id__in=ids, year=year,
                                                            state__in=Realisasi.COUNTED)
                                   .values("indicator__renstra__office_id", "triwulan").annotate(n=Count("pk"))
                                   .values_list("indicator__renstra__office_id", "triwulan", "n")):
        verified[(office_id, triwulan)] = n
    start = datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    lkjip = set(RunTiming.objects.filter(office_id__in=ids, finished_at__gte=start,
                                         sop__revisions__nama__icontains="LKjIP").values_list("office_id", flat=True))
    for office_id, entry in per_office.items():
        total = indicators.get(office_id, 0)
        entry["sakip"] = {
            "year": year, "pk_signed": office_id in signed, "lkjip": office_id in lkjip, "indicators": total,
            "quarters": [{"triwulan": q, "verified": verified.get((office_id, q), 0),
                          "complete": bool(total) and verified.get((office_id, q), 0) >= total} for q in range(1, 5)],
        }
