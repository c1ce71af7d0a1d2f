"""Kinerja acts at the same moment as letters and run starts (issue 16 #5, PostgreSQL).

Before the one lock order (alur/audit/locking.py), adding evidence or correcting a realisation
locked the realisation with SELECT … FOR UPDATE joined to its indicator, Renstra and office, so it
locked the office row too; a letter registration holding the office's audit chain then waited at
commit for a key-share lock on that office (its deferred foreign-key check) while the kinerja act
waited for the chain: "deadlock detected" (30 of 31 letters in the issue's probe). Bounded: each
worker does a few acts and stops at a shared deadline."""

import threading
import time
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.kinerja import policies
from alur.kinerja import services as kinerja
from alur.kinerja.models import Evidence, Indicator, Realisasi
from alur.runs import services as runs
from alur.runs.models import IncomingLetter, Run

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="lock order is tested on PostgreSQL"),
]
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
ACTS_PER_WORKER = 8
SECONDS = 25


def _editable_with_people(office):
    """Open realisations (draft or sent back) of 2026 Q3 with someone allowed to enter each."""
    users = list(get_user_model().objects.filter(employee__office=office))
    found = []
    for indicator_code in ("IND-08", "IND-09"):
        realisasi = Realisasi.objects.filter(indicator__code=indicator_code, indicator__renstra__office=office,
                                             year=2026, triwulan=3).select_related("indicator__renstra").first()
        if realisasi is None:  # IND-09 is left empty for the browser journey: enter it first
            indicator = Indicator.objects.get(code=indicator_code, renstra__office=office)
            person = next(u for u in users if policies.can_enter_realisasi(u, indicator, None))
            realisasi = kinerja.realisasi_save(user=person, indicator=indicator, year=2026, triwulan=3,
                                               value=Decimal("1"), day=date(2026, 11, 1))
        person = next(u for u in users if policies.can_enter_realisasi(u, realisasi.indicator, realisasi))
        found.append((realisasi, person))
    return found


def test_kinerja_writes_letters_and_run_starts_do_not_deadlock(kinerja_office, revision_named):
    office = kinerja_office
    admin = get_user_model().objects.get(username="admin")
    iku = revision_named("IKU")
    open_rows = _editable_with_people(office)
    assert len(open_rows) == 2
    deadline = time.monotonic() + SECONDS
    errors, done = [], {"letter": 0, "start": 0, "evidence": 0, "correction": 0}
    count_lock = threading.Lock()
    workers = []

    def worker(kind, body):
        try:
            barrier.wait()
            for i in range(ACTS_PER_WORKER):
                if time.monotonic() > deadline:
                    break
                body(i)
                with count_lock:
                    done[kind] += 1
        except Exception as exc:  # noqa: BLE001 - every error fails the test, with its text
            errors.append(f"{kind}: {type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    def registrar(n):
        return lambda i: runs.letter_register(
            office=office, user=admin, nomor_surat=f"050/{n}-{i}/UJI", tanggal_surat=date(2026, 3, 1),
            asal="Bappeda", perihal=f"Surat {n}-{i}", received_on=date(2026, 3, 2))

    def starter(n):
        return lambda i: runs.run_start(revision=iku, user=admin, purpose=f"IKU {n}-{i}", now=START)

    def evidence(n):
        realisasi, person = open_rows[n % len(open_rows)]
        return lambda i: kinerja.evidence_add(user=person, realisasi=realisasi, note=f"Catatan {n}-{i}")

    def correction(n):
        realisasi, person = open_rows[n % len(open_rows)]
        return lambda i: kinerja.realisasi_save(user=person, indicator=realisasi.indicator, year=2026, triwulan=3,
                                                value=Decimal(f"{n + 2}.{i + 1}"), day=date(2026, 11, 1))

    workers += [("letter", registrar(n)) for n in range(4)] + [("start", starter(n)) for n in range(2)]
    workers += [("evidence", evidence(n)) for n in range(4)] + [("correction", correction(n)) for n in range(2)]
    barrier = threading.Barrier(len(workers))
    entries_before = {kind: Entry.objects.filter(office=office, kind=kind).count()
                      for kind in ("surat_masuk.dicatat", "alur.start", "kinerja.bukti.tambah")}
    evidence_before = Evidence.objects.filter(realisasi__in=[r for r, _ in open_rows]).count()
    threads = [threading.Thread(target=worker, args=job) for job in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 60)
    assert not errors, errors
    assert all(done.values()), done
    # Every act the workers saw succeed is one row and one trail entry; the chain is intact.
    entries = Entry.objects.filter(office=office)
    assert entries.filter(kind="surat_masuk.dicatat").count() - entries_before["surat_masuk.dicatat"] == done["letter"]
    assert IncomingLetter.objects.filter(office=office).count() == done["letter"]
    assert entries.filter(kind="alur.start").count() - entries_before["alur.start"] == done["start"]
    assert Run.objects.filter(office=office).count() == done["start"]
    assert (entries.filter(kind="kinerja.bukti.tambah").count() - entries_before["kinerja.bukti.tambah"]
            == done["evidence"])
    assert Evidence.objects.filter(realisasi__in=[r for r, _ in open_rows]).count() - evidence_before == done[
        "evidence"]
    result = verify_office(office)
    assert result.broken is None and result.head_matches
