"""Mixed load on PostgreSQL (issue 8 #1): completions, letter registrations and run starts at once.

Before the lock order was fixed, locking a run also locked its office row (FOR UPDATE without OF),
while registering a letter or starting a run held the audit chain and then needed a key-share lock
on that office: "deadlock detected". Bounded: each worker does at most a few acts and stops at a
shared deadline (20 s for the whole test)."""

import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.runs import services
from alur.runs.models import IncomingLetter, NumberSequence, OutgoingNumber, Run, Task
from alur.runs.simulate import completion_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="lock order is tested on PostgreSQL"),
]
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
COMPLETERS, REGISTRARS, STARTERS = 8, 4, 4
ACTS_PER_WORKER = 6
SECONDS = 20


def test_completions_letters_and_run_starts_at_once(revision_named):
    admin = get_user_model().objects.get(username="admin")
    iku = revision_named("IKU")
    runs = [services.run_start(revision=iku, user=admin, purpose=f"IKU {i}", now=START) for i in range(COMPLETERS)]
    office = runs[0].office
    deadline = time.monotonic() + SECONDS
    errors, done = [], {"complete": 0, "letter": 0, "start": 0}
    count_lock = threading.Lock()
    barrier = threading.Barrier(COMPLETERS + REGISTRARS + STARTERS)

    def worker(kind, body):
        try:
            barrier.wait()
            for i in range(ACTS_PER_WORKER):
                if time.monotonic() > deadline:
                    break
                if body(i):
                    with count_lock:
                        done[kind] += 1
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
    threads = [threading.Thread(target=worker, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 30)
    assert not errors, errors
    assert done["complete"] > 0 and done["letter"] > 0 and done["start"] > 0, done
    # Every act is in the trail, the chain is intact, and numbers have no gaps.
    entries = Entry.objects.filter(office=office)
    assert entries.filter(kind__in=["alur.complete", "alur.decide"]).count() == done["complete"]
    assert entries.filter(kind="surat_masuk.dicatat").count() == done["letter"]
    assert entries.filter(kind="alur.start").count() == COMPLETERS + done["start"]
    assert Run.objects.filter(office=office).count() == COMPLETERS + done["start"]
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
