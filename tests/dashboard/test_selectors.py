from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alur.core.realism import Rule, histogram, percentile
from alur.dashboard import buckets, selectors
from alur.dashboard.models import RunTiming, TaskTiming, TimingStamp
from alur.dashboard.timings import rebuild, refresh
from alur.runs.models import Run, Task
from alur.runs.services import run_start
from alur.sim.simulate import drive
from alur.sop.models import Sop, SopRevision
from alur.workdays.selectors import forget

PERIOD = selectors.Period(timezone.localdate() - timedelta(days=800), timezone.localdate())


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_realism_figures_equal_the_same_sums_in_python(history, renja):
    figures = selectors.realism(renja, PERIOD, Rule(min_runs=2))
    timings = TaskTiming.objects.filter(sop=renja)
    assert figures.runs == RunTiming.objects.filter(sop=renja).count() == 5
    by_no = {s.no: s for s in figures.steps}
    for no, step in by_no.items():
        values = list(timings.filter(step_no=no).values_list("working_minutes", flat=True))
        assert step.count == len(values)
        if not values:
            continue
        # from the monthly bucket histograms: exact below 60 minutes, within ±2.5 % above
        for figure, exact in ((step.median, percentile(values, 0.5)), (step.p80, percentile(values, 0.8))):
            assert abs(figure - exact) <= buckets.RELATIVE_ERROR * exact + 1e-9
            assert figure == buckets.value(buckets.bucket_of(exact))
        standard = timings.filter(step_no=no).values_list("waktu_minutes", flat=True).first()
        assert step.within == sum(v <= standard for v in values) / len(values)
        assert step.total == sum(values)
        middles = [buckets.value(buckets.bucket_of(v)) for v in values]
        assert [c for _, _, c in step.histogram] == [c for _, _, c in histogram(middles, bins=12, upper=step.upper)]
    decision = next(s for s in figures.steps if s.send_back_rate is not None)
    decided = timings.filter(step_no=decision.no).exclude(outcome="")
    assert decision.send_back_rate == decided.filter(outcome="tidak").count() / decided.count()
    totals = {s.no: s.total for s in figures.steps}
    assert figures.bottleneck.no == max(totals, key=lambda no: (totals[no], -no))
    assert abs(sum(s.share for s in figures.steps) - 1) < 1e-9
    leads = list(RunTiming.objects.filter(sop=renja).values_list("lead_minutes", flat=True))
    assert figures.lead_median == buckets.value(buckets.bucket_of(percentile(leads, 0.5)))
    assert figures.lead_p80 == buckets.value(buckets.bucket_of(percentile(leads, 0.8)))
    assert figures.loops_per_run == sum(RunTiming.objects.filter(sop=renja).values_list("send_backs", flat=True)) / 5


def test_suggestions_follow_the_rule(history, renja):
    loose = selectors.realism(renja, PERIOD, Rule(min_runs=1))
    strict = selectors.realism(renja, PERIOD, Rule(min_runs=10_000))
    assert loose.suggestions and not strict.suggestions
    for suggestion in loose.suggestions:
        step = next(s for s in loose.steps if s.no == suggestion.step_no)
        assert suggestion.p80_minutes == step.p80 and suggestion.count == step.count


def test_period_limits_the_data(history, renja):
    empty = selectors.Period(timezone.localdate() - timedelta(days=3000), timezone.localdate() - timedelta(days=2900))
    figures = selectors.realism(renja, empty, Rule())
    assert figures.runs == 0 and all(s.count == 0 for s in figures.steps) and figures.bottleneck is None


def test_refresh_is_incremental_and_stamped(history, demo_sops, renja):
    before = TaskTiming.objects.count()
    assert refresh(demo_sops).refreshed_at is not None
    assert TaskTiming.objects.count() == before  # nothing new closed
    revision = SopRevision.objects.get(sop=renja, status=SopRevision.Status.APPROVED)
    from django.contrib.auth import get_user_model

    run = run_start(revision=revision, user=get_user_model().objects.get(username="admin"), purpose="Uji")
    drive(run, max_transitions=2)
    later = timezone.now() + timedelta(minutes=1)
    stamp = refresh(demo_sops, now=later)
    assert TaskTiming.objects.count() == before + 2
    assert stamp.refreshed_at == later == TimingStamp.objects.get(office=demo_sops).refreshed_at
    assert rebuild(demo_sops).pk and TaskTiming.objects.count() == before + 2


def test_now_page_lists_overdue_missing_actor_and_letters(history, demo_sops):
    overdue = Task.objects.filter(run__office=demo_sops, status=Task.Status.TERBUKA, due_at__lt=timezone.now())
    Task.objects.filter(pk=overdue.first().pk).update(assignee=None)  # the holder left: waiting on an actor
    page = selectors.now_page(demo_sops, _kadis())
    assert page.overdue_total == overdue.count() >= 1
    assert {row.task.pk for row in page.overdue} == set(overdue.values_list("pk", flat=True))
    assert all(row.late_text.endswith("kerja") and row.late_minutes > 0 for row in page.overdue)
    assert sum(r["tasks"] for r in page.overdue_by_person) == page.overdue_total
    assert sum(r["tasks"] for r in page.overdue_by_unit) == page.overdue_total
    assert [t.pk for t in page.missing_actor] == [overdue.first().pk]
    assert len(page.letters_waiting) == 1
    assert sum(r["runs"] for r in page.runs_by_sop) == Run.objects.filter(office=demo_sops, status="berjalan").count()


def test_workload_counts_per_person_and_unit(history, demo_sops):
    load = selectors.workload(demo_sops, PERIOD)
    finished = TaskTiming.objects.filter(office=demo_sops).count()
    assert sum(r["finished"] for r in load["people"]) == finished
    assert sum(r["finished"] for r in load["units"]) == finished
    open_now = Task.objects.filter(run__office=demo_sops, status=Task.Status.TERBUKA).count()
    assert sum(r["open"] for r in load["people"]) == open_now


def test_query_count_does_not_grow_with_the_data(history, demo_sops, renja):
    def measure() -> list[int]:
        forget()  # both measurements start with a cold calendar cache and fresh objects
        sop = Sop.objects.get(pk=renja.pk)
        return [
            _queries(lambda: selectors.now_page(demo_sops, _kadis())),
            _queries(lambda: selectors.workload(demo_sops, PERIOD)),
            _queries(lambda: selectors.realism(sop, PERIOD, Rule(min_runs=1))),
            _queries(lambda: selectors.revision_comparison(sop, PERIOD)),
            _queries(lambda: selectors.kabupaten([demo_sops], PERIOD)),
        ]

    small = measure()
    revision = SopRevision.objects.get(sop=renja, status=SopRevision.Status.APPROVED)
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    for n in range(3):
        drive(run_start(revision=revision, user=admin, purpose=f"Tambahan {n}"))
    drive(run_start(revision=revision, user=admin, purpose="Setengah jalan"), max_transitions=3)
    refresh(demo_sops)
    assert measure() == small


def test_refresh_finds_a_task_that_was_open_at_the_last_refresh(history, demo_sops, renja):
    from django.contrib.auth import get_user_model

    revision = SopRevision.objects.get(sop=renja, status=SopRevision.Status.APPROVED)
    run = run_start(revision=revision, user=get_user_model().objects.get(username="admin"), purpose="Uji")
    first = Task.objects.get(run=run, status=Task.Status.TERBUKA)
    refresh(demo_sops)  # the task is open now: remembered, no row
    assert not TaskTiming.objects.filter(task_id=first.pk).exists()
    newer = run_start(revision=revision, user=get_user_model().objects.get(username="admin"), purpose="Uji 2")
    drive(newer, max_transitions=1)  # raises the watermark past `first`
    refresh(demo_sops)
    drive(run, max_transitions=1)  # `first` closes below the watermark
    refresh(demo_sops)
    assert TaskTiming.objects.filter(task_id=first.pk).exists()
    assert TaskTiming.objects.filter(run=newer).count() == 1


def _summaries(office) -> dict:
    from alur.dashboard.models import MinutesBucket, PersonMonth, RunMonth, StepMonth

    fields = {StepMonth: ("sop_id", "revision_id", "month", "step_no", "n", "total_minutes", "within", "decided",
                          "tidak"),
              PersonMonth: ("month", "assignee_id", "unit_id", "n", "late", "late_minutes"),
              RunMonth: ("sop_id", "revision_id", "month", "n", "on_time", "no_standard", "lead_minutes",
                         "send_backs", "standard_minutes"),
              MinutesBucket: ("sop_id", "revision_id", "month", "step_no", "bucket", "n")}
    return {model.__name__: sorted(model.objects.filter(office=office).values_list(*names), key=str)
            for model, names in fields.items()}


def test_incremental_summaries_equal_a_full_rebuild(history, demo_sops, renja):
    from django.contrib.auth import get_user_model

    from alur.dashboard.models import PersonMonth, StepMonth

    revision = SopRevision.objects.get(sop=renja, status=SopRevision.Status.APPROVED)
    admin = get_user_model().objects.get(username="admin")
    drive(run_start(revision=revision, user=admin, purpose="Selesai"))
    drive(run_start(revision=revision, user=admin, purpose="Setengah"), max_transitions=3)
    refresh(demo_sops)  # only this month is summarised again
    incremental = _summaries(demo_sops)
    assert sum(n for *_, n in StepMonth.objects.filter(office=demo_sops).values_list("n")) == \
        TaskTiming.objects.filter(office=demo_sops).count()
    assert sum(PersonMonth.objects.filter(office=demo_sops).values_list("late_minutes", flat=True)) == \
        sum(TaskTiming.objects.filter(office=demo_sops).values_list("late_minutes", flat=True))
    rebuild(demo_sops)
    assert _summaries(demo_sops) == incremental and incremental["MinutesBucket"]


def test_a_period_counts_whole_months(history, demo_sops, renja):
    month = TaskTiming.objects.filter(sop=renja).order_by("closed_at").values_list("month", flat=True).first()
    in_month = TaskTiming.objects.filter(sop=renja, month=month).count()
    last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    one_day = selectors.Period(last_day, last_day)  # the month's last day: the whole month counts
    figures = selectors.realism(renja, one_day, Rule())
    assert sum(s.count for s in figures.steps) == in_month >= 1
    assert selectors.Period(month, last_day).month_filter() == one_day.month_filter()


def _kadis():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="kadis")
