"""`alur generate`: bulk history that the verifiers accept and the services can continue."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q

from alur.audit.models import Entry
from alur.org.models import Office, OfficeGrant
from alur.runs import services
from alur.runs.models import IncomingLetter, Run, Task
from alur.runs.verify import iter_runs, verify_runs
from alur.sim.generate import GRANT_USERNAME, Options, generate

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 10, 4, 0, tzinfo=UTC)


def _generate(**kwargs):
    options = {"offices": 2, "years": 2, "runs_per_office": 40, "seed": 7, "now": NOW, **kwargs}
    return generate(Options(**options))


def test_generated_history_passes_audit_verify_and_replay(capsys):
    figures = _generate()
    assert figures.offices == 2 and figures.runs == 80
    assert Task.objects.count() == figures.tasks > 80 * 5
    assert Run.objects.filter(status=Run.Status.SELESAI).exists()
    assert Run.objects.filter(status=Run.Status.BERJALAN).count() == figures.open_runs > 0
    assert Run.objects.filter(letter__isnull=False).exists()
    # lateness, Tidak loops and Plh stand-ins exist to be measured
    assert Task.objects.filter(Q(closed_at__gt=F("due_at"))).exists()
    assert Task.objects.filter(outcome="tidak").exists()
    codes = dict(Office.objects.values_list("pk", "code"))
    problems = [p for _run, ps in verify_runs(iter_runs(), office_codes=codes) for p in ps]
    assert problems == []
    call_command("audit", "verify")
    call_command("runs", "verify-replay", "--progress", "0")
    assert "80 alur cocok, 0 berbeda." in capsys.readouterr().out


def test_trail_is_in_time_order_and_every_run_has_its_start():
    _generate(offices=1)
    office = Office.objects.get(code="opd-01")
    starts = Entry.objects.filter(office=office, kind="alur.start").values("run_id").annotate(n=Count("pk"))
    assert {row["run_id"] for row in starts} == set(Run.objects.values_list("pk", flat=True))
    ats = list(Entry.objects.filter(office=office, kind__startswith="alur.").order_by("position")
               .values_list("at", flat=True))
    assert ats == sorted(ats)


def test_same_seed_same_history():
    _generate(offices=1, prefix="a")
    _generate(offices=1, prefix="b")
    shape = [
        list(Task.objects.filter(run__office__code=code).order_by("run__started_at", "engine_id")
             .values_list("step_no", "status", "outcome", "opened_at", "closed_at"))
        for code in ("a-01", "b-01")
    ]
    assert shape[0] == shape[1] and shape[0]


def test_a_letter_registered_afterwards_continues_the_agenda_without_gap():
    _generate(offices=1)
    office = Office.objects.get(code="opd-01")
    year = date.today().year
    last = max(IncomingLetter.objects.filter(office=office, agenda_year=year).values_list("agenda_number", flat=True),
               default=0)
    admin = office.employees.get(is_office_admin=True).user
    letter = services.letter_register(office=office, user=admin, nomor_surat="1/X/2026", tanggal_surat=date.today(),
                                      asal="Bupati", perihal="Uji", received_on=date.today())
    assert letter.agenda_number == last + 1


def test_grant_user_reads_every_generated_office():
    _generate()
    assert OfficeGrant.objects.filter(user__username=GRANT_USERNAME).count() == 2


def test_existing_office_codes_are_refused():
    _generate(offices=1)
    with pytest.raises(CommandError, match="opd-01"):
        call_command("generate", "--offices", "1", "--runs-per-office", "1")
