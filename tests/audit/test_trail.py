from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from alur.audit.models import AppendOnlyError, Entry
from alur.audit.services import verify_office
from alur.core.hashchain import GENESIS, entry_hash, verify_chain
from alur.runs import services
from alur.sim.simulate import drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def finished_run(revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    drive(run, start=START)
    return run


def test_pure_chain_detects_change_and_gap():
    first = {"n": 1}
    second = {"n": 2}
    h1 = entry_hash(GENESIS, first)
    h2 = entry_hash(h1, second)
    assert verify_chain([(1, first, GENESIS, h1), (2, second, h1, h2)]) is None
    assert verify_chain([(1, {"n": 9}, GENESIS, h1), (2, second, h1, h2)]).entry_id == 1
    assert verify_chain([(2, second, h1, h2)]).entry_id == 2


def test_every_act_is_in_the_trail(finished_run):
    kinds = set(Entry.objects.filter(run_id=finished_run.pk).values_list("kind", flat=True))
    assert {"alur.start", "alur.complete", "alur.decide", "dokumen.diunggah", "dokumen.paraf",
            "dokumen.tanda_tangan", "nomor.diambil"} <= kinds


def test_entries_cannot_be_updated_or_deleted_through_the_orm(finished_run):
    entry = Entry.objects.first()
    entry.data = {"diubah": True}
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_verify_passes_then_names_the_tampered_entry(finished_run, capsys):
    call_command("audit", "verify")
    assert "utuh" in capsys.readouterr().out
    target = Entry.objects.filter(run_id=finished_run.pk).order_by("position")[4]
    with connection.cursor() as cursor:  # someone edits the table behind the application's back
        cursor.execute("UPDATE audit_entry SET data = %s WHERE id = %s", ['{"dipalsukan": true}', target.pk])
    result = verify_office(finished_run.office)
    assert result.broken.entry_id == target.pk
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert f"entri #{target.position} (id {target.pk}" in capsys.readouterr().err


def test_verify_notices_a_deleted_last_entry(finished_run, capsys):
    last = Entry.objects.order_by("-position").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_entry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_replay_of_the_trail_equals_stored_state(finished_run, capsys):
    assert services.replayed_state(finished_run) == finished_run.engine_state()
    call_command("runs", "verify-replay")
    assert "1 alur cocok, 0 berbeda" in capsys.readouterr().out
    from alur.runs.models import Run

    broken = dict(finished_run.state)
    broken["status"] = "berjalan"
    Run.objects.filter(pk=finished_run.pk).update(state=broken)
    with pytest.raises(CommandError):
        call_command("runs", "verify-replay")
