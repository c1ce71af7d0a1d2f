import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from alur.files.orphans import file_fields
from alur.runs.models import DocumentVersion, IncomingLetter
from alur.sim.simulate import SAMPLE_PDF

pytestmark = pytest.mark.django_db


def _stray(name: str, age_minutes: int) -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"sisa")
    past = time.time() - age_minutes * 60
    os.utime(path, (past, past))
    return path


def test_every_file_field_is_walked():
    assert {(IncomingLetter, "scan"), (DocumentVersion, "file")} <= set(file_fields())


def test_orphans_are_listed_then_removed_referenced_files_stay(login, demo_sops, capsys):
    login("admin").post(reverse("letter_create"), {
        "nomor_surat": "1/2026", "tanggal_surat": "2026-03-01", "asal": "Bupati", "perihal": "Uji",
        "sifat": "biasa", "received_on": "2026-03-02",
        "scan": SimpleUploadedFile("surat.pdf", SAMPLE_PDF, content_type="application/pdf")})
    letter = IncomingLetter.objects.get()
    os.utime(letter.scan.path, (time.time() - 7200, time.time() - 7200))
    old = _stray("surat-masuk/2026/yatim-lama.pdf", age_minutes=120)
    young = _stray("dokumen/2026/03/yatim-baru.pdf", age_minutes=1)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):  # files earlier tests left are old orphans too
        if path.is_file() and path not in (old, young, Path(letter.scan.path)) and ".journal" not in path.parts:
            path.unlink()

    with pytest.raises(CommandError, match="1 berkas"):
        call_command("files", "orphans")
    out = capsys.readouterr().out
    assert "yatim: surat-masuk/2026/yatim-lama.pdf" in out
    assert "yatim-baru" not in out and letter.scan.name not in out

    call_command("files", "orphans", "--remove", "--min-age", "0")
    assert not old.exists() and not young.exists()
    assert Path(letter.scan.path).read_bytes() == SAMPLE_PDF
    call_command("files", "orphans", "--min-age", "0")
    assert "0 berkas yatim" in capsys.readouterr().out
