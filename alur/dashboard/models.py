"""Summary tables of the dashboards: the working time of every closed task and finished run.

Working time depends on the office calendar, which SQL cannot evaluate; so it is computed once per
closed task (alur.dashboard.timings.refresh) and stored here, and the pages aggregate these rows in
SQL. Rows are only ever added for tasks and runs that are closed, whose times no longer change; each
office's `TimingStamp` says when the table was last brought up to date, and the pages show it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alur.org.models import Employee, Office, Position, Unit
from alur.runs.models import Run, Task
from alur.sop.models import Sop, SopRevision


class TaskTiming(models.Model):
    task = models.OneToOneField(Task, on_delete=models.CASCADE, primary_key=True, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="+")
    step_no = models.PositiveIntegerField()
    iteration = models.PositiveIntegerField(default=1)
    outcome = models.CharField(max_length=6, blank=True)
    assignee = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField()
    month = models.DateField()  # first day of closed_at's month on the office calendar
    working_minutes = models.PositiveIntegerField(_("waktu kerja (menit)"))
    bucket = models.PositiveSmallIntegerField()  # alur.dashboard.buckets.bucket_of(working_minutes)
    waktu_minutes = models.PositiveIntegerField(null=True, blank=True)
    late_minutes = models.PositiveIntegerField(default=0)  # office minutes past due_at

    class Meta:
        indexes = [
            models.Index(fields=["sop", "closed_at"], name="timing_sop_closed"),
            models.Index(fields=["office", "closed_at"], name="timing_office_closed"),
        ]


class RunTiming(models.Model):
    run = models.OneToOneField(Run, on_delete=models.CASCADE, primary_key=True, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="+")
    finished_at = models.DateTimeField()
    month = models.DateField()
    lead_minutes = models.PositiveIntegerField(_("waktu tempuh (menit kerja)"))
    bucket = models.PositiveSmallIntegerField()
    standard_minutes = models.PositiveIntegerField(null=True, blank=True)  # sum of the steps' Waktu
    send_backs = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["sop", "finished_at"], name="runtiming_sop_finished"),
            models.Index(fields=["office", "finished_at"], name="runtiming_office_finished"),
        ]


# -- monthly summaries ---------------------------------------------------------------------------
# Rebuilt from the timing rows for every month a refresh touched, in the refresh's transaction
# (alur.dashboard.timings), so a page reads at most one row per month and group instead of every
# closed task: the periods of the pages are whole months.


class StepMonth(models.Model):
    """Closed tasks of one step of one SOP revision in one month."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    step_no = models.PositiveIntegerField()
    n = models.PositiveIntegerField()
    total_minutes = models.BigIntegerField()
    within = models.PositiveIntegerField()  # working time within the step's Waktu
    decided = models.PositiveIntegerField()  # with an outcome (decisions)
    tidak = models.PositiveIntegerField()  # sent back

    class Meta:
        indexes = [models.Index(fields=["sop", "month"], name="stepmonth_sop_month"),
                   models.Index(fields=["office", "month"], name="stepmonth_office_month")]


class PersonMonth(models.Model):
    """Closed tasks of one person in one unit in one month, with their lateness."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    assignee = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    n = models.PositiveIntegerField()
    late = models.PositiveIntegerField()
    late_minutes = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["office", "month"], name="personmonth_office_month")]


class RunMonth(models.Model):
    """Finished runs of one SOP revision in one month."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    n = models.PositiveIntegerField()
    on_time = models.PositiveIntegerField()  # lead time within the summed Waktu
    no_standard = models.PositiveIntegerField()  # revision without any Waktu
    lead_minutes = models.BigIntegerField()  # sum
    send_backs = models.PositiveIntegerField()  # sum
    standard_minutes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sop", "month"], name="runmonth_sop_month"),
                   models.Index(fields=["office", "month"], name="runmonth_office_month")]


class MinutesBucket(models.Model):
    """How many closed tasks of a step (step_no > 0) or finished runs (step_no = 0, the lead time)
    of one SOP revision in one month fell into each working-minutes bucket (alur.dashboard.buckets):
    the medians, P80 and histograms of the pages are read from these."""

    RUN = 0

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    step_no = models.PositiveIntegerField()
    bucket = models.PositiveSmallIntegerField()
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["sop", "month"], name="minutesbucket_sop_month"),
                   models.Index(fields=["office", "month"], name="minutesbucket_office_month")]


class TimingStamp(models.Model):
    """When the office's timing rows were last brought up to date, and where the next refresh must
    look: tasks and runs created after the watermarks, and those that were still open then."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, primary_key=True, related_name="+")
    refreshed_at = models.DateTimeField()
    task_watermark = models.BigIntegerField(default=0)
    run_watermark = models.BigIntegerField(default=0)
    open_task_ids = models.JSONField(default=list)
    open_run_ids = models.JSONField(default=list)


class NotificationSetting(models.Model):
    """Per person: when the notification list was last marked all-read, and the daily digest opt-out."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, primary_key=True, related_name="+")
    seen_at = models.DateTimeField(null=True, blank=True)
    digest = models.BooleanField(_("kirim ringkasan harian lewat surel"), default=True)


class NotificationRead(models.Model):
    """One notification marked read (its key, e.g. "tugas:41" or "ttd:7")."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "key"], name="notification_read_unique")]


class SakipDeadline(models.Model):
    """An office's own deadline of one item of the SAKIP year (alur.dashboard.sakip.ITEMS), for one
    year or (year empty) for every year. The date is kept as month and day with a year offset from
    the SAKIP year (LKjIP of 2026 is due in February 2027: offset 1). Without a row the item's
    default applies (the regulatory ones name their source)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    item = models.CharField(_("butir"), max_length=20)
    month = models.PositiveSmallIntegerField(_("bulan"))
    day = models.PositiveSmallIntegerField(_("tanggal"))
    year_offset = models.SmallIntegerField(_("selisih tahun"), default=0)
    source = models.CharField(_("dasar"), max_length=200, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "item"], name="sakip_deadline_unique"),
            models.UniqueConstraint(fields=["office", "item"], condition=models.Q(year__isnull=True),
                                    name="sakip_deadline_unique_every_year"),
        ]
