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
    working_minutes = models.PositiveIntegerField(_("waktu kerja (menit)"))
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
    lead_minutes = models.PositiveIntegerField(_("waktu tempuh (menit kerja)"))
    standard_minutes = models.PositiveIntegerField(null=True, blank=True)  # sum of the steps' Waktu
    send_backs = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["sop", "finished_at"], name="runtiming_sop_finished"),
            models.Index(fields=["office", "finished_at"], name="runtiming_office_finished"),
        ]


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
