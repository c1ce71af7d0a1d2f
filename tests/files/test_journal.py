"""A process killed in the middle of a transaction leaves no file once anyone recovers (issue 8 #4,
the kill -9 rounds): its journal names the files it had not settled."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from alur.files.storage import PrivateStorage

pytestmark = pytest.mark.django_db

WRITER = textwrap.dedent("""
    import os, signal, sys, time
    import django
    django.setup()
    from django.core.files.base import ContentFile
    from django.db import transaction
    from alur.files.storage import PrivateStorage

    storage = PrivateStorage(location=os.environ["MEDIA"])
    with transaction.atomic():
        kept = storage.save("dokumen/kept.pdf", ContentFile(b"%PDF-1.4 committed"))
    with transaction.atomic():
        lost = storage.save("dokumen/lost.pdf", ContentFile(b"%PDF-1.4 never committed"))
        print(kept, lost, flush=True)
        if sys.argv[1] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(60)
""")


def _writer(tmp_path, mode):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "alur.settings.test", "MEDIA": str(tmp_path / "media"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'writer.sqlite3'}"}
    return subprocess.Popen([sys.executable, "-c", WRITER, mode], env=env, stdout=subprocess.PIPE, text=True)


def test_files_of_a_killed_transaction_are_removed_committed_ones_stay(tmp_path):
    process = _writer(tmp_path, "kill")
    kept, lost = process.stdout.readline().split()
    assert process.wait(timeout=60) == -signal.SIGKILL
    media = tmp_path / "media"
    assert (media / kept).exists() and (media / lost).exists()  # what kill -9 used to leave behind

    assert PrivateStorage(location=media).recover() == [lost]
    assert (media / kept).exists() and not (media / lost).exists()
    assert not list((media / ".journal").glob("*.journal"))


def test_a_live_process_journal_is_left_alone(tmp_path):
    process = _writer(tmp_path, "wait")
    try:
        _kept, lost = process.stdout.readline().split()
        assert PrivateStorage(location=tmp_path / "media").recover() == []
        assert (tmp_path / "media" / lost).exists()
    finally:
        process.kill()
        process.wait(timeout=60)
    assert PrivateStorage(location=tmp_path / "media").recover() == [lost]
