"""The SAKIP year at a glance: every item of one office's cycle for one year with its deadline, its
state derived from the performance data (read-only from alur.kinerja, alur.runs and
alur.documents' models), and the run that produces it.

The SAKIP year Y is the performance year: PK Y is signed in January Y, the triwulans of Y are
collected and verified during Y and January Y+1, the Renja for Y is prepared in Y-1 and the LKjIP
of Y is signed and sent in Y+1. A fixed number of statements per page.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alur.documents.models import StepDocument
from alur.kinerja.models import Indicator, PerjanjianKinerja, Realisasi, Renja
from alur.kinerja.periods import in_force
from alur.runs.models import Collection, Run, SignOff

from .models import SakipDeadline

OFFICE_RULE = _("ketentuan kantor")


@dataclass(frozen=True)
class Item:
    key: str
    label_text: str  # lazy; "%(q)s" is the triwulan
    month: int
    day: int  # 31 stands for the month's last day
    year_offset: int = 0
    source: str = ""  # empty: the office's own rule
    q: int = 0

    @property
    def label(self) -> str:
        return str(self.label_text) % {"q": self.q} if self.q else str(self.label_text)


ITEMS: tuple[Item, ...] = (
    Item("renja", _("Renja ditetapkan"), 7, 31, -1),
    Item("pk", _("PK ditandatangani"), 1, 31, 0,
         _("PermenPAN-RB 53/2014: paling lambat satu bulan setelah DPA disahkan")),
    *(Item(f"tw{q}_kumpul", _("Realisasi triwulan %(q)s dikumpulkan"), *due, "", q)
      for q, due in ((1, (4, 10, 0)), (2, (7, 10, 0)), (3, (10, 10, 0)), (4, (1, 10, 1)))),
    *(Item(f"tw{q}_verifikasi", _("Realisasi triwulan %(q)s diverifikasi"), *due, "", q)
      for q, due in ((1, (4, 20, 0)), (2, (7, 20, 0)), (3, (10, 20, 0)), (4, (1, 20, 1)))),
    Item("lkjip_ttd", _("LKjIP ditandatangani"), 2, 20, 1),
    Item("lkjip_kirim", _("LKjIP dikirim kepada Bupati"), 2, 28, 1,
         _("PermenPAN-RB 53/2014 dan Perpres 29/2014: paling lambat akhir Februari tahun berikutnya")),
)
BY_KEY = {item.key: item for item in ITEMS}

DONE, LATE_DONE, PARTIAL, RUNNING, OVERDUE, OPEN = "selesai", "selesai_terlambat", "sebagian", "berjalan", \
    "terlambat", "belum"
STATE_LABELS = {DONE: _("selesai"), LATE_DONE: _("selesai, terlambat"), PARTIAL: _("sebagian"),
                RUNNING: _("sedang berjalan"), OVERDUE: _("terlambat"), OPEN: _("belum")}


def due_date(year: int, month: int, day: int, offset: int) -> date:
    """The date in year + offset; a day past the month's end is its last day (28/29 February)."""
    target = year + offset
    return date(target, month, min(day, calendar.monthrange(target, month)[1]))


@dataclass
class Deadline:
    item: Item
    due: date
    source: str
    office_rule: bool  # True when the source is the office's own rule
    custom: str = ""  # "" (default), "tahun" (this year only) or "setiap" (every year)


def deadlines(office, year: int) -> list[Deadline]:
    """The year's deadlines: the office's row for the year, else its every-year row, else the default.
    One statement."""
    rows = {(row.item, row.year): row for row in SakipDeadline.objects.filter(
        Q(year=year) | Q(year__isnull=True), office=office)}
    result = []
    for item in ITEMS:
        row = rows.get((item.key, year)) or rows.get((item.key, None))
        if row is None:
            result.append(Deadline(item, due_date(year, item.month, item.day, item.year_offset),
                                   str(item.source or OFFICE_RULE), not item.source))
        else:
            result.append(Deadline(item, due_date(year, row.month, row.day, row.year_offset),
                                   row.source or str(OFFICE_RULE), not row.source,
                                   "tahun" if row.year else "setiap"))
    return result


@dataclass
class Entry:
    deadline: Deadline
    state: str
    done_on: date | None = None
    detail: str = ""
    run: object | None = None  # alur.runs.models.Run (pk, purpose, status)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def _state(done_at: datetime | None, due: date, today: date, started: bool = False) -> tuple[str, date | None]:
    if done_at is not None:
        done_on = timezone.localdate(done_at) if isinstance(done_at, datetime) else done_at
        return (DONE if done_on <= due else LATE_DONE), done_on
    if today > due:
        return OVERDUE, None
    return (RUNNING if started else OPEN), None


def year_at_a_glance(office, year: int, today: date | None = None) -> list[Entry]:
    """Every item of the office's SAKIP year with its deadline, state and producing run (newest first
    when several). Nine statements whatever the office's history."""

    today = today or timezone.localdate()
    due = {d.item.key: d for d in deadlines(office, year)}
    renstra = in_force(office, year)  # the plan in force: a draft's indicators do not count
    indicators = Indicator.objects.filter(renstra=renstra).count()
    pk_signed = PerjanjianKinerja.objects.filter(office=office, year=year).aggregate(
        signed=Min("signed_at"), any=Count("pk"))
    quarters = {row["triwulan"]: row for row in Realisasi.objects.filter(
        indicator__renstra=renstra, year=year).values("triwulan").annotate(
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        verified=Count("pk", filter=Q(state__in=Realisasi.COUNTED)),
        last_submitted=Max("submitted_at"), last_verified=Max("verified_at"))}
    collections = {c.triwulan: c.run for c in Collection.objects.filter(office=office, year=year)
                   .select_related("run").order_by("triwulan", "-opened_at")}
    renja_exists = Renja.objects.filter(office=office, year=year).exists()
    runs = {}
    # A run is credited to the year it is about (chosen at its start, issue 18); a run from before that
    # was stored is read as before: a Renja run of Y-1 or Y, an LKjIP run filed under Y+1.
    for wanted, legacy_years in (("renja", (year - 1, year)), ("lkjip", (year + 1,))):
        about = Q(about_year=year) | Q(about_year__isnull=True, year__in=legacy_years)
        runs[wanted] = (Run.objects.filter(about, office=office, revision__in=_producing(wanted))
                        .exclude(status=Run.Status.DIBATALKAN).select_related("revision").order_by("-started_at").first())
    lkjip = runs["lkjip"]
    signed_at = (SignOff.objects.filter(task__run=lkjip, kind=SignOff.Kind.TANDA_TANGAN)
                 .aggregate(m=Min("signed_at"))["m"] if lkjip else None)

    entries: list[Entry] = []
    for key, deadline in due.items():
        entry = Entry(deadline, OPEN)
        if key == "pk":
            entry.state, entry.done_on = _state(pk_signed["signed"], deadline.due, today, bool(pk_signed["any"]))
        elif key.startswith("tw"):
            q = int(key[2])
            row = quarters.get(q, {})
            count = row.get("submitted" if key.endswith("kumpul") else "verified", 0)
            complete = bool(indicators) and count >= indicators
            last = row.get("last_submitted" if key.endswith("kumpul") else "last_verified")
            entry.state, entry.done_on = _state(last if complete else None, deadline.due, today, bool(count))
            if entry.state in (RUNNING, OVERDUE, OPEN) and count:
                entry.state = PARTIAL if entry.state != OVERDUE else OVERDUE
            entry.detail = f"{count}/{indicators}"
            entry.run = collections.get(q)
        elif key == "renja":
            run = runs["renja"]
            entry.run = run
            if run is None and renja_exists:  # recorded in the performance data without a run: no date
                entry.state, entry.detail = DONE, str(_("tercatat di data kinerja, tanpa alur"))
            else:
                finished = run.finished_at if run and run.status == Run.Status.SELESAI else None
                entry.state, entry.done_on = _state(finished, deadline.due, today, bool(run))
        elif key == "lkjip_ttd":
            entry.run = lkjip
            entry.state, entry.done_on = _state(signed_at, deadline.due, today, bool(lkjip))
        elif key == "lkjip_kirim":
            entry.run = lkjip
            finished = lkjip.finished_at if lkjip and lkjip.status == Run.Status.SELESAI else None
            entry.state, entry.done_on = _state(finished, deadline.due, today, bool(lkjip))
        entries.append(entry)
    return sorted(entries, key=lambda e: (e.deadline.due, ITEMS.index(e.deadline.item)))


def _producing(kind: str):
    """The revisions a step of which is bound to the document kind (a subquery)."""
    return StepDocument.objects.filter(kind=kind).values("revision_id")
