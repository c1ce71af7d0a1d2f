"""Anchoring each office's chain head outside the database (issue 8 #8): deleting the last
entries of a chain and rolling its head back is invisible to the chain itself."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from alur.audit.anchors import ANCHOR_FILE
from alur.audit.models import Chain, Entry
from alur.core.hashchain import entry_hash
from alur.runs import services

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def office_with_trail(revision_named):
    admin = get_user_model().objects.get(username="admin")
    for n in range(3):
        services.run_start(revision=revision_named("IKU"), user=admin, purpose=f"IKU {n}", now=START)
    return revision_named("IKU").sop.office


def _cut_tail(office, keep: int) -> None:
    """Delete the entries after `keep` and roll the chain head back to match: a consistent chain."""
    head = Entry.objects.get(office=office, position=keep)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_entry WHERE office_id = %s AND position > %s", [office.pk, keep])
        cursor.execute("UPDATE audit_chain SET length = %s, head_hash = %s WHERE office_id = %s",
                       [keep, head.hash, office.pk])


def test_anchor_writes_one_signed_line_per_office_and_mails_it(office_with_trail, anchor_dir, settings, capsys):
    settings.ALUR_ANCHOR_EMAIL = ["pengawas@example.go.id"]
    call_command("audit", "anchor")
    lines = [json.loads(line) for line in (anchor_dir / ANCHOR_FILE).read_text().splitlines()]
    chain = Chain.objects.get(office=office_with_trail)
    mine = next(line for line in lines if line["office"] == office_with_trail.code)
    assert mine["length"] == chain.length and mine["head"] == chain.head_hash and len(mine["sig"]) == 64
    assert len(mail.outbox) == 1 and office_with_trail.code in mail.outbox[0].body
    assert mail.outbox[0].to == ["pengawas@example.go.id"]


def test_deleted_tail_with_head_rolled_back_is_caught_only_with_an_anchor(office_with_trail, capsys):
    length = Chain.objects.get(office=office_with_trail).length
    call_command("audit", "anchor")
    _cut_tail(office_with_trail, keep=length - 2)
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--chain-only")
    err = capsys.readouterr().err
    assert f"[{office_with_trail.code}] RUSAK: rantai hanya {length - 2} entri" in err
    assert f"mencatat {length}" in err


def test_without_anchor_the_same_cut_passes_the_chain_check(office_with_trail, capsys):
    """Why the anchor is needed: the chain alone cannot see this cut."""
    length = Chain.objects.get(office=office_with_trail).length
    _cut_tail(office_with_trail, keep=length - 2)
    call_command("audit", "verify", "--chain-only")
    assert "belum dijangkarkan" in capsys.readouterr().out


def test_rewritten_chain_is_caught_at_the_anchored_position(office_with_trail, capsys):
    call_command("audit", "anchor")
    last = Entry.objects.filter(office=office_with_trail).order_by("-position").first()
    forged = {**last.content(), "data": {**last.data, "dipalsukan": True}}
    new_hash = entry_hash(last.prev_hash, forged)
    with connection.cursor() as cursor:  # rewritten consistently, as someone who knows the algorithm would
        cursor.execute("UPDATE audit_entry SET data = %s, hash = %s WHERE id = %s",
                       [json.dumps(forged["data"]), new_hash, last.pk])
        cursor.execute("UPDATE audit_chain SET head_hash = %s WHERE office_id = %s", [new_hash, office_with_trail.pk])
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--chain-only")
    assert f"entri #{last.position} berbeda dari kepala rantai yang dijangkarkan" in capsys.readouterr().err


def test_an_edited_or_unsigned_anchor_is_refused(office_with_trail, anchor_dir, settings, capsys):
    settings.ALUR_ANCHOR_KEY = "kunci-jangkar-khusus"
    call_command("audit", "anchor")
    call_command("audit", "verify", "--chain-only")
    path = anchor_dir / ANCHOR_FILE
    line = json.loads(path.read_text().splitlines()[0])
    line["length"] = 1  # moved back by someone who can write the file but has no key
    path.write_text(json.dumps(line) + "\n")
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--chain-only")
    assert "tanda tangan jangkar" in capsys.readouterr().err
    settings.ALUR_ANCHOR_KEY = ""  # signed with the anchor key, not with SECRET_KEY
    call_command("audit", "anchor")
    settings.ALUR_ANCHOR_KEY = "kunci-jangkar-khusus"
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--chain-only")


def test_verify_reads_a_long_chain_in_chunks(office_with_trail):
    from alur.audit.services import verify_office

    result = verify_office(office_with_trail, chunk_size=2)
    assert result.broken is None and result.head_matches
    assert result.entries == Chain.objects.get(office=office_with_trail).length
