"""Which tasks are due soon or overdue, and the reminder mail to their holders."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from alur.core.sop.vocabulary import tanggal_jam

from .models import Task


def due_tasks(now: datetime, within: timedelta):
    return (
        Task.objects.filter(status=Task.Status.TERBUKA, due_at__isnull=False, due_at__lte=now + within)
        .select_related("assignee", "run__revision")
        .order_by("assignee_id", "due_at")
    )


def send_reminders(*, now: datetime | None = None, within: timedelta = timedelta(hours=4)) -> int:
    """One mail per person listing their overdue and soon-due tasks; returns mails sent."""
    now = now or timezone.now()
    by_person = defaultdict(list)
    for task in due_tasks(now, within):
        if task.assignee and task.assignee.email:
            by_person[task.assignee].append(task)
    for person, tasks in by_person.items():
        lines = []
        for task in tasks:
            state = "TERLAMBAT" if task.due_at < now else "segera jatuh tempo"
            step = task.run.revision.as_core().step(task.step_no)
            lines.append(f"- [{state}] {task.run.purpose} — langkah {step.no}: {step.kegiatan} "
                         f"(tenggat {tanggal_jam(timezone.localtime(task.due_at))})")
        send_mail(
            subject=f"[Alur] {len(tasks)} tugas perlu perhatian Anda",
            message=f"Yth. {person.name},\n\nTugas berikut segera jatuh tempo atau sudah terlambat:\n\n"
                    + "\n".join(lines) + "\n\nBuka kotak tugas Alur untuk menyelesaikannya.\n",
            from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[person.email],
        )
    return len(by_person)
