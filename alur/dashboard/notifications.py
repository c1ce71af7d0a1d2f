"""A person's notifications, derived from the records that already say what happened: a new task,
a task sent back (a reopened iteration), a task due today, an overdue task, a document of theirs
signed; and, from kinerja (alur.kinerja.awaiting), a realisation sent back to whoever submitted it
and its unit (with the reason), one waiting for the planner's verification or the head's Sahkan.
Nothing is written when work happens, so no act can forget to notify; what is stored is
only what the person has read (NotificationSetting.seen_at for "all read", NotificationRead per item)
and whether they want the daily e-mail digest.

Each kind is one bounded query (LIMIT), so the list and the unread count in the navigation cost a
fixed number of statements (kinerja's realisations: at most KINERJA_STATEMENTS more).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core.sop.vocabulary import tanggal_jam
from alur.kinerja import awaiting
from alur.kinerja.models import Realisasi
from alur.org.models import Employee
from alur.runs.models import SignOff, Task

from .models import NotificationRead, NotificationSetting

PER_KIND = 50
KINERJA_STATEMENTS = 5  # alur.kinerja.awaiting.realisasi_notices: standing (3), realisations, send-backs
SIGNED_WITHIN = timedelta(days=30)

NEW, SENT_BACK, DUE_TODAY, OVERDUE, SIGNED = "tugas_baru", "dikembalikan", "jatuh_tempo", "terlambat", "ditandatangani"
AWAITING = "menunggu"  # a realisation waiting for the person's verification or Sahkan


def kind_label(kind: str) -> str:
    """The Indonesian name of a notification kind (the XLSX column "Jenis")."""
    return {NEW: _("Tugas baru"), SENT_BACK: _("Dikembalikan"), DUE_TODAY: _("Jatuh tempo hari ini"),
            OVERDUE: _("Terlambat"), SIGNED: _("Dokumen ditandatangani"),
            AWAITING: _("Menunggu tindakan Anda")}.get(kind, kind)


@dataclass(frozen=True)
class Notification:
    key: str
    kind: str
    at: datetime
    text: str
    url: str
    unread: bool = True


def _label(task: Task) -> str:
    return f"{task.run.purpose} — {_('langkah')} {task.step_no}"


def _realisasi_label(realisasi: Realisasi) -> str:
    return _("realisasi %(code)s %(tw)s %(year)s") % {
        "code": realisasi.indicator.code, "tw": realisasi.get_triwulan_display(), "year": realisasi.year}


def _kinerja_items(employee: Employee) -> list[Notification]:
    """Realisations waiting for the person (alur.kinerja.awaiting), at most KINERJA_STATEMENTS statements."""
    items = []
    for notice in awaiting.realisasi_notices(employee, limit=PER_KIND):
        row = notice.realisasi
        if notice.kind == awaiting.SENT_BACK:
            items.append(Notification(notice.key, SENT_BACK, notice.at, _("Dikembalikan kepada Anda: %(t)s. %(r)s") % {
                "t": _realisasi_label(row), "r": notice.reason},
                reverse("kinerja:entry", args=[row.indicator_id, row.year, row.triwulan])))
        else:
            verify = notice.kind == awaiting.TO_VERIFY
            text = (_("Menunggu verifikasi Anda: %(t)s") if verify else _("Menunggu pengesahan (Sahkan) Anda: %(t)s"))
            items.append(Notification(notice.key, AWAITING, notice.at, text % {"t": _realisasi_label(row)},
                                      reverse("kinerja:queue", args=[row.indicator.renstra.office.code,
                                                                     awaiting.TO_VERIFY if verify
                                                                     else awaiting.TO_APPROVE])))
    return items


def notifications_for(employee: Employee, now: datetime | None = None) -> list[Notification]:
    """Newest first. Six statements whatever the person's history, and at most KINERJA_STATEMENTS
    for their realisations."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    today = timezone.localdate(now)
    start_of_day = datetime.combine(today, time.min, tzinfo=tz)
    end_of_day = start_of_day + timedelta(days=1)
    open_tasks = Task.objects.filter(assignee=employee, status=Task.Status.TERBUKA).select_related("run")
    items: list[Notification] = []
    for task in open_tasks.order_by("-opened_at")[:PER_KIND]:
        url = reverse("task_detail", args=[task.pk])
        if task.reason:  # opened by a return (Tidak, a paraf sent back), also on a step's first opening
            text = _("Dikembalikan kepada Anda: %(t)s. %(r)s") % {"t": _label(task), "r": task.reason}
            items.append(Notification(f"kembali:{task.pk}", SENT_BACK, task.opened_at, text, url))
        else:
            items.append(Notification(f"tugas:{task.pk}", NEW, task.opened_at,
                                      _("Tugas baru: %(t)s") % {"t": _label(task)}, url))
    due_today = open_tasks.filter(due_at__gte=max(now, start_of_day), due_at__lt=end_of_day)
    for task in due_today.order_by("due_at")[:PER_KIND]:
        items.append(Notification(f"hariini:{task.pk}:{today.isoformat()}", DUE_TODAY, start_of_day,
                                  _("Jatuh tempo hari ini pukul %(h)s: %(t)s") % {
                                      "h": timezone.localtime(task.due_at).strftime("%H:%M"), "t": _label(task)},
                                  reverse("task_detail", args=[task.pk])))
    for task in open_tasks.filter(due_at__lt=now).order_by("-due_at")[:PER_KIND]:
        items.append(Notification(f"lewat:{task.pk}", OVERDUE, task.due_at,
                                  _("Terlambat: %(t)s") % {"t": _label(task)}, reverse("task_detail", args=[task.pk])))
    signed = (SignOff.objects.filter(kind=SignOff.Kind.TANDA_TANGAN, version__uploaded_by=employee,
                                     signed_at__gte=now - SIGNED_WITHIN)
              .select_related("task__run").order_by("-signed_at")[:PER_KIND])
    for signoff in signed:
        items.append(Notification(f"ttd:{signoff.pk}", SIGNED, signoff.signed_at,
                                  _("Dokumen Anda ditandatangani oleh %(who)s: %(run)s") % {
                                      "who": signoff.signer_title, "run": signoff.task.run.purpose},
                                  reverse("run_detail", args=[signoff.task.run_id])))
    items.extend(_kinerja_items(employee))
    setting = NotificationSetting.objects.filter(employee=employee).first()
    seen_at = setting.seen_at if setting else None
    read = set(NotificationRead.objects.filter(employee=employee, key__in=[i.key for i in items])
               .values_list("key", flat=True))
    result = [Notification(i.key, i.kind, i.at, i.text, i.url,
                           unread=i.key not in read and (seen_at is None or i.at > seen_at)) for i in items]
    return sorted(result, key=lambda n: n.at, reverse=True)


def unread_count(employee: Employee, now: datetime | None = None) -> int:
    """The number of unread items of `notifications_for`, in three statements (it is on every page):
    the person's open tasks with their "seen" stamp, their signed documents, and the read keys; plus
    at most KINERJA_STATEMENTS for their realisations."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_day = datetime.combine(today, time.min, tzinfo=timezone.get_current_timezone())
    end_of_day = start_of_day + timedelta(days=1)
    seen = Subquery(NotificationSetting.objects.filter(employee=employee).values("seen_at")[:1])
    tasks = list(Task.objects.filter(assignee=employee, status=Task.Status.TERBUKA).annotate(seen=seen)
                 .order_by("-opened_at").values_list("pk", "reason", "opened_at", "due_at", "seen")[:3 * PER_KIND])
    seen_at = tasks[0][4] if tasks else NotificationSetting.objects.filter(employee=employee).values_list(
        "seen_at", flat=True).first()
    events = []
    for pk, reason, opened_at, due_at, _seen in tasks:
        events.append((f"kembali:{pk}" if reason else f"tugas:{pk}", opened_at))
        if due_at is not None and max(now, start_of_day) <= due_at < end_of_day:
            events.append((f"hariini:{pk}:{today.isoformat()}", start_of_day))
        if due_at is not None and due_at < now:
            events.append((f"lewat:{pk}", due_at))
    for pk, signed_at in (SignOff.objects.filter(kind=SignOff.Kind.TANDA_TANGAN, version__uploaded_by=employee,
                                                 signed_at__gte=now - SIGNED_WITHIN)
                          .order_by("-signed_at").values_list("pk", "signed_at")[:PER_KIND]):
        events.append((f"ttd:{pk}", signed_at))
    events.extend((notice.key, notice.at) for notice in awaiting.realisasi_notices(employee, limit=PER_KIND))
    fresh = [key for key, at in events if seen_at is None or at > seen_at]
    if not fresh:
        return 0
    read = set(NotificationRead.objects.filter(employee=employee, key__in=fresh).values_list("key", flat=True))
    return sum(1 for key in fresh if key not in read)


@transaction.atomic
def mark_read(*, employee: Employee, key: str = "", now: datetime | None = None) -> None:
    """One notification (by key) or, without a key, everything up to now."""
    now = now or timezone.now()
    if key:
        NotificationRead.objects.get_or_create(employee=employee, key=key[:60], defaults={"read_at": now})
        return
    NotificationSetting.objects.update_or_create(employee=employee, defaults={"seen_at": now})


@transaction.atomic
def set_digest(*, employee: Employee, wanted: bool) -> None:
    NotificationSetting.objects.update_or_create(employee=employee, defaults={"digest": wanted})


def send_digests(*, now: datetime | None = None) -> int:
    """One e-mail per person with an address, the digest on, and something unread; returns mails sent."""
    now = now or timezone.now()
    opted_out = set(NotificationSetting.objects.filter(digest=False).values_list("employee_id", flat=True))
    holders = (Employee.objects.exclude(email="").exclude(pk__in=opted_out)
               .filter(tasks__status=Task.Status.TERBUKA).distinct())
    signers = (Employee.objects.exclude(email="").exclude(pk__in=opted_out)
               .filter(pk__in=SignOff.objects.filter(signed_at__gte=now - timedelta(days=1))
                       .values("version__uploaded_by")))
    waiting = (Employee.objects.exclude(email="").exclude(pk__in=opted_out)  # kinerja: notifications_for decides
               .filter(office__in=Realisasi.objects.filter(state__in=(
                   Realisasi.State.DIKEMBALIKAN, Realisasi.State.DIAJUKAN, Realisasi.State.DIVERIFIKASI))
                   .values("indicator__renstra__office")))
    sent = 0
    for person in {*holders, *signers, *waiting}:
        items = [n for n in notifications_for(person, now) if n.unread]
        if not items:
            continue
        lines = "\n".join(f"- {tanggal_jam(timezone.localtime(n.at))} {n.text}" for n in items)
        send_mail(subject=_("[Alur] Ringkasan harian: %(n)s pemberitahuan") % {"n": len(items)},
                  message=_("Yth. %(name)s,\n\n%(lines)s\n\nBuka Alur untuk menindaklanjuti. Ringkasan ini dapat "
                            "dimatikan di halaman Pemberitahuan.\n") % {"name": person.name, "lines": lines},
                  from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[person.email])
        sent += 1
    return sent
