"""Mixed load on PostgreSQL (issue 8 #1, issue 16 #5): completions, letter registrations, run starts
and kinerja writes (corrections, evidence, submit/verify/send back/approve, the realisation XLSX
import, PK drafting and signing) at once.

Before the lock order was fixed, locking a run also locked its office row (FOR UPDATE without OF),
while registering a letter or starting a run held the audit chain and then needed a key-share lock
on that office: "deadlock detected". Bounded: each worker does at most a few acts and stops at a
shared deadline (20 s for the whole test). The kinerja acts race each other on purpose (two
people on one realisation): a refusal naming who did it is an outcome, a deadlock is an error.

Kinerja acts once locked the office row too (FOR UPDATE joined to the realisation's office):
the same deadlock with every letter and run start (alur/audit/locking.py)."""

import random
import threading
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from openpyxl import load_workbook

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.kinerja import policies, spreadsheets
from alur.kinerja import services as kinerja
from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Evidence, Indicator, PerjanjianKinerja, Realisasi
from alur.runs import services
from alur.runs.models import IncomingLetter, NumberSequence, OutgoingNumber, Run, Task
from alur.sim.simulate import completion_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="lock order is tested on PostgreSQL"),
]
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
COMPLETERS, REGISTRARS, STARTERS = 8, 4, 4
KINERJA = ("entry", "entry", "entry", "decide", "decide", "import", "pk")
ACTS_PER_WORKER = 6
SECONDS = 20
DAY = date(2026, 11, 2)  # the entry window of 2026 triwulan III is open
KINERJA_KINDS = {"correction": "kinerja.realisasi.ubah", "import": "kinerja.realisasi.ubah",
                 "evidence": "kinerja.bukti.tambah", "submit": "kinerja.realisasi.ajukan",
                 "verify": "kinerja.realisasi.verifikasi", "approve": "kinerja.realisasi.sahkan",
                 "send back": "kinerja.realisasi.kembalikan", "pk draft": "kinerja.pk.susun",
                 "pk sign": "kinerja.pk.tandatangani"}


class Kinerja:
    """The kinerja workers' acts on 2026 triwulan III of the demo office, each as the person entitled."""

    def __init__(self, office):
        load_demo_kinerja(office)
        self.office = office
        users = list(get_user_model().objects.filter(employee__office=office).order_by("pk"))
        self.responsible = {}
        for indicator in Indicator.objects.filter(renstra__office=office).select_related("renstra__office"):
            who = next((u for u in users if policies.is_responsible(u, indicator)), None)
            if who is not None:
                self.responsible[indicator.pk] = (indicator, who)
        self.planner = next(u for u in users if policies.is_planner(u, office))
        self.head = next(u for u in users if policies.is_head(u, office))
        self.typed = 0
        self.lock = threading.Lock()

    def value(self) -> Decimal:
        with self.lock:  # every value typed is new: every correction changes the realisation
            self.typed += 1
            return Decimal(self.typed)

    def open_row(self):
        states = dict(Realisasi.objects.filter(indicator__in=list(self.responsible), year=2026, triwulan=3)
                      .values_list("indicator_id", "state"))
        choices = [pk for pk in self.responsible if states.get(pk, "draft") in policies.EDITABLE_STATES]
        return self.responsible[random.choice(choices)] if choices else (None, None)

    def entry(self, i) -> str | None:
        indicator, user = self.open_row()
        if indicator is None:
            return None
        row = Realisasi.objects.filter(indicator=indicator, year=2026, triwulan=3).first()
        act = "correction" if row is None else ("correction", "evidence", "submit")[i % 3]
        if act == "correction":
            kinerja.realisasi_save(user=user, indicator=indicator, year=2026, triwulan=3, value=self.value(), day=DAY)
        elif act == "evidence":
            kinerja.evidence_add(user=user, realisasi=row, note=f"Catatan uji {i}")
        else:
            kinerja.realisasi_submit(user=user, realisasi=row, day=DAY)
        return act

    def decide(self, i) -> str | None:
        row = (Realisasi.objects.filter(indicator__in=list(self.responsible), year=2026, triwulan=3,
                                        state__in=["diajukan", "diverifikasi"]).order_by("?").first())
        if row is None:
            return None
        if row.state == "diajukan":
            act = "verify" if i % 3 else "send back"
            user = self.planner
        else:
            act = "approve" if i % 3 == 0 else "send back"
            user = self.head
        if act == "verify":
            kinerja.realisasi_verify(user=user, realisasi=row, day=DAY)
        elif act == "approve":
            kinerja.realisasi_approve(user=user, realisasi=row, day=DAY)
        else:
            kinerja.realisasi_send_back(user=user, realisasi=row, reason="Lengkapi rekap", day=DAY)
        return act

    def import_(self, i) -> str | None:
        indicator, user = self.open_row()
        if indicator is None:
            return None
        book = load_workbook(BytesIO(spreadsheets.realisasi_template(user=user, office=self.office, year=2026,
                                                                     triwulan=3, day=DAY)))
        sheet = book.active
        header = [c.value for c in sheet[1]]
        rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == indicator.code]
        if not rows:
            return None
        for r in range(sheet.max_row, 1, -1):  # one row, one value: exactly one trail entry
            if r != rows[0]:
                sheet.delete_rows(r)
        sheet.cell(2, header.index("Realisasi") + 1).value = int(self.value())
        out = BytesIO()
        book.save(out)
        parsed = kinerja.realisasi_import(user=user, office=self.office, year=2026, triwulan=3, data=out.getvalue(),
                                          apply=True, day=DAY)
        if parsed.errors:
            raise ValidationError(parsed.errors)
        return "import"

    def pk(self, i) -> list[str]:
        pk = kinerja.pk_create(user=self.planner, office=self.office, year=2026, pihak_kedua_name="Bupati",
                               pihak_kedua_title="Bupati Tanjung Jabung Barat")
        kinerja.pk_sign(user=self.head, pk=pk)
        return ["pk draft", "pk sign"]


def test_completions_letters_and_run_starts_at_once(revision_named):
    admin = get_user_model().objects.get(username="admin")
    iku = revision_named("IKU")
    runs = [services.run_start(revision=iku, user=admin, purpose=f"IKU {i}", now=START) for i in range(COMPLETERS)]
    office = runs[0].office
    work = Kinerja(office)
    before = {kind: Entry.objects.filter(office=office, kind=kind).count() for kind in set(KINERJA_KINDS.values())}
    evidence_before, pk_before = Evidence.objects.count(), PerjanjianKinerja.objects.count()
    deadline = time.monotonic() + SECONDS
    errors, done = [], {"complete": 0, "letter": 0, "start": 0, **{act: 0 for act in KINERJA_KINDS}}
    refused = []
    count_lock = threading.Lock()
    barrier = threading.Barrier(COMPLETERS + REGISTRARS + STARTERS + len(KINERJA))

    def worker(kind, body):
        try:
            barrier.wait()
            for i in range(ACTS_PER_WORKER):
                if time.monotonic() > deadline:
                    break
                try:
                    acts = body(i)
                except (ValidationError, PermissionDenied) as refusal:  # lost a race: told, nothing written
                    refused.append(f"{kind}: {refusal}")
                    continue
                for act in ([kind] if acts is True else [acts] if isinstance(acts, str) else acts or []):
                    with count_lock:
                        done[act] += 1
        except Exception as exc:  # noqa: BLE001 - every error fails the test, with its text
            errors.append(f"{kind}: {type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    def completer(run):
        def step(i):
            task = Task.objects.filter(run=run, status=Task.Status.TERBUKA).select_related(
                "assignee__user", "run", "position").order_by("engine_id").first()
            if task is None:
                return False
            act = run.revision.as_core().step(task.step_no).act
            services.task_complete(task=task, user=task.assignee.user, now=START + timedelta(minutes=10 * (i + 1)),
                                   completion=completion_for(task, act, version_tag=str(i)))
            return True
        return step

    def registrar(n):
        def step(i):
            services.letter_register(office=office, user=admin, nomor_surat=f"050/{n}-{i}/BAPPEDA",
                                     tanggal_surat=date(2026, 3, 1), asal="Bappeda", perihal=f"Surat {n}-{i}",
                                     received_on=date(2026, 3, 2))
            return True
        return step

    def starter(n):
        def step(i):
            services.run_start(revision=iku, user=admin, purpose=f"IKU baru {n}-{i}", now=START)
            return True
        return step

    jobs = ([("complete", completer(run)) for run in runs] + [("letter", registrar(n)) for n in range(REGISTRARS)]
            + [("start", starter(n)) for n in range(STARTERS)])
    jobs += [(role, {"entry": work.entry, "decide": work.decide, "import": work.import_, "pk": work.pk}[role])
             for role in KINERJA]
    threads = [threading.Thread(target=worker, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 30)
    assert not errors, errors
    assert done["complete"] > 0 and done["letter"] > 0 and done["start"] > 0, done
    assert done["correction"] + done["import"] > 0 and done["pk sign"] > 0, done
    assert all("deadlock" not in text for text in refused), refused
    # Every act is in the trail, the chain is intact, and numbers have no gaps.
    entries = Entry.objects.filter(office=office)
    assert entries.filter(kind__in=["alur.complete", "alur.decide"]).count() == done["complete"]
    assert entries.filter(kind="surat_masuk.dicatat").count() == done["letter"]
    assert entries.filter(kind="alur.start").count() == COMPLETERS + done["start"]
    assert Run.objects.filter(office=office).count() == COMPLETERS + done["start"]
    for kind in set(KINERJA_KINDS.values()):  # each kinerja act the workers saw succeed: one entry
        assert entries.filter(kind=kind).count() - before[kind] == sum(
            n for act, n in done.items() if KINERJA_KINDS.get(act) == kind), (kind, done)
    assert Evidence.objects.count() - evidence_before == done["evidence"]
    assert PerjanjianKinerja.objects.count() - pk_before == done["pk draft"]
    result = verify_office(office)
    assert result.broken is None and result.head_matches
    agenda = sorted(IncomingLetter.objects.filter(office=office).values_list("agenda_number", flat=True))
    assert agenda == list(range(1, done["letter"] + 1))
    assert NumberSequence.objects.get(office=office, kind="masuk", year=2026).last == done["letter"]
    outgoing = sorted(OutgoingNumber.objects.filter(office=office).values_list("sequence", flat=True))
    assert outgoing == list(range(1, len(outgoing) + 1))
    for run in runs:
        run.refresh_from_db()
        assert services.replayed_state(run) == run.engine_state()
