"""A backup restored after a later anchor: verify reports the cut until the restore is recorded.

The round trip runs on the test database itself: SQLite through sqlite3's online backup API,
PostgreSQL through pg_dump -Fc / pg_restore (under DATABASE_URL=postgres://…)."""

import shutil
import sqlite3
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from alur.audit.models import Entry
from alur.org import services as org

pytestmark = pytest.mark.django_db(transaction=True)


def _employee(office, n):
    return org.employee_create(user=get_user_model().objects.get(username="admin"), office=office,
                               name=f"Pegawai Uji {n}", nip=f"1995010120201220{n:02d}")


class SqliteBackup:
    def __init__(self, path):
        self.path = path

    def take(self):
        connection.ensure_connection()
        with sqlite3.connect(self.path) as target:
            connection.connection.backup(target)

    def restore(self):
        connection.ensure_connection()
        with sqlite3.connect(self.path) as source:
            source.backup(connection.connection)


class PostgresBackup:
    def __init__(self, path):
        self.path = path
        settings = connection.settings_dict
        self.args = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432),
                     "-U", settings["USER"] or "postgres", "-d", settings["NAME"]]

    def take(self):
        subprocess.run(["pg_dump", "-Fc", "-f", str(self.path), *self.args], check=True)

    def restore(self):
        connection.close()
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--single-transaction", *self.args,
                        str(self.path)], check=True)


@pytest.fixture
def backup(tmp_path):
    if connection.vendor == "sqlite":
        return SqliteBackup(tmp_path / "alur.sqlite3")
    if connection.vendor == "postgresql":
        if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
            pytest.skip("pg_dump/pg_restore tidak terpasang")
        return PostgresBackup(tmp_path / "alur.dump")
    pytest.skip(f"tidak ada cara cadangan untuk {connection.vendor}")


def run(capsys, *args) -> tuple[bool, str, str]:
    capsys.readouterr()
    try:
        call_command("audit", *args)
        ok = True
    except CommandError as error:
        ok = False
        print(error)
    out = capsys.readouterr()
    return ok, out.out, out.err


def test_restore_round_trip(demo_office, backup, capsys):
    _employee(demo_office, 1)
    call_command("audit", "anchor")
    backup.take()
    length_at_backup = Entry.objects.filter(office=demo_office).count()
    _employee(demo_office, 2)
    _employee(demo_office, 3)
    call_command("audit", "anchor")
    assert run(capsys, "verify")[0]

    backup.restore()
    assert Entry.objects.filter(office=demo_office).count() == length_at_backup
    ok, _out, err = run(capsys, "verify")
    assert not ok and "entri terakhir dihapus" in err

    ok, out, err = run(capsys, "check-restore")
    assert ok, err  # the restored copy is whole; it only lacks what came after its anchor
    assert f"rantai utuh: {length_at_backup} entri; mencapai jangkar" in out
    assert "1 jangkar sesudahnya tidak tercapai" in out and "2 entri yang sudah dijangkarkan hilang" in out

    ok, out, err = run(capsys, "record-restore", "--reason", "Disk rusak; dipulihkan dari cadangan")
    assert ok, err
    entry = Entry.objects.filter(office=demo_office, kind="audit.pemulihan").get()
    assert entry.data["entri_hilang"] == 2 and entry.data["jangkar"]["length"] == length_at_backup
    ok, out, err = run(capsys, "verify")
    assert ok, err
    assert "1 jangkar hilang karena pemulihan cadangan" in out

    _employee(demo_office, 4)  # the office works on; new anchors are checked as before
    call_command("audit", "anchor")
    assert run(capsys, "verify")[0]


def test_a_forged_restore_entry_does_not_excuse_a_cut(demo_office, capsys):
    """Someone who can write only the database cuts the chain and appends an unsigned excuse."""
    from django.db import transaction

    from alur.audit.models import Chain
    from alur.audit.services import record

    _employee(demo_office, 1)
    call_command("audit", "anchor")
    anchored = Entry.objects.filter(office=demo_office).count()
    keep = anchored - 1
    Entry.objects.filter(office=demo_office, position__gt=keep)._raw_delete(connection.alias)
    last = Entry.objects.get(office=demo_office, position=keep)
    Chain.objects.filter(office=demo_office).update(length=keep, head_hash=last.hash)
    from alur.audit.anchors import latest_anchors
    from alur.audit.restore import anchor_key

    anchor = latest_anchors()[0][demo_office.code]
    with transaction.atomic():
        record(office=demo_office, kind="audit.pemulihan", data={"alasan": "palsu", "jangkar_hilang": [
            anchor_key(anchor)], "tanda_tangan": "0" * 64})
    ok, _out, err = run(capsys, "verify")
    assert not ok and "RUSAK" in err
