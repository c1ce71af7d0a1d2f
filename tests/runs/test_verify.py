"""What verification must see (issue 8 #8): each tamper below passed `audit verify` and
`runs verify-replay` before; both commands must now fail and name the run, what and where."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from alur.org.models import Employee
from alur.runs import services
from alur.runs.models import DocumentVersion, OutgoingNumber, Run, SignOff, Task
from alur.sim.simulate import drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
COMMANDS = [("runs", "verify-replay"), ("audit", "verify")]


@pytest.fixture
def finished_run(revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    drive(run, start=START)
    assert run.status == Run.Status.SELESAI
    return run


def _fails(command, capsys, *expected):
    with pytest.raises(CommandError):
        call_command(*command)
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, err
    return err


@pytest.mark.parametrize("command", COMMANDS)
def test_untouched_records_pass(finished_run, command, capsys):
    call_command(*command)
    assert "berbeda" not in capsys.readouterr().err.lower()


@pytest.mark.parametrize("command", COMMANDS)
def test_reopened_task_row(finished_run, command, capsys):
    task = Task.objects.filter(run=finished_run, status=Task.Status.SELESAI).order_by("engine_id").last()
    Task.objects.filter(pk=task.pk).update(status=Task.Status.TERBUKA, closed_at=None)
    _fails(command, capsys, f"alur #{finished_run.pk}", f"Task id {task.pk}", "status tugas")


@pytest.mark.parametrize("command", COMMANDS)
def test_reassigned_task_row(finished_run, command, capsys):
    task = Task.objects.filter(run=finished_run).order_by("engine_id").first()
    other = Employee.objects.filter(office=finished_run.office).exclude(pk=task.assignee_id).first()
    Task.objects.filter(pk=task.pk).update(assignee=other)
    _fails(command, capsys, f"alur #{finished_run.pk}", f"Task id {task.pk}", "pelaksana")


@pytest.mark.parametrize("command", COMMANDS)
def test_changed_version_sha256(finished_run, command, capsys):
    version = DocumentVersion.objects.filter(document__run=finished_run).order_by("number").last()
    DocumentVersion.objects.filter(pk=version.pk).update(sha256="0" * 64)
    _fails(command, capsys, f"DocumentVersion id {version.pk}", "tidak tercatat di jejak")


@pytest.mark.parametrize("command", COMMANDS)
def test_replaced_file_bytes(finished_run, command, capsys):
    version = DocumentVersion.objects.filter(document__run=finished_run).order_by("number").first()
    with open(version.file.path, "r+b") as stored:  # same size, other bytes
        stored.seek(-3, 2)
        stored.write(b"XYZ")
    _fails(command, capsys, f"DocumentVersion id {version.pk}", "isi berkas versi", version.file.name)


@pytest.mark.parametrize("command", COMMANDS)
def test_changed_signoff_sha256(finished_run, command, capsys):
    signoff = SignOff.objects.filter(task__run=finished_run, kind=SignOff.Kind.TANDA_TANGAN).get()
    SignOff.objects.filter(pk=signoff.pk).update(sha256="f" * 64)
    _fails(command, capsys, f"SignOff id {signoff.pk}", "tanda_tangan")


@pytest.mark.parametrize("command", COMMANDS)
def test_deleted_outgoing_number(finished_run, command, capsys):
    number = OutgoingNumber.objects.get(run=finished_run)
    OutgoingNumber.objects.filter(pk=number.pk).delete()
    _fails(command, capsys, f"alur #{finished_run.pk}", number.number, "dihapus")


@pytest.mark.parametrize("command", COMMANDS)
def test_changed_state_is_still_caught(finished_run, command, capsys):
    broken = dict(finished_run.state)
    broken["status"] = "berjalan"
    Run.objects.filter(pk=finished_run.pk).update(state=broken)
    _fails(command, capsys, f"alur #{finished_run.pk}", "Run.state")


def test_progress_goes_to_stderr_and_names_counts(finished_run, revision_named, capsys):
    admin = get_user_model().objects.get(username="admin")
    for n in range(3):
        services.run_start(revision=revision_named("IKU"), user=admin, purpose=f"IKU {n}", now=START)
    call_command("runs", "verify-replay", "--progress", "2")
    captured = capsys.readouterr()
    assert "2/4 alur diperiksa" in captured.err and "4/4 alur diperiksa" in captured.err
    assert "4 alur cocok, 0 berbeda" in captured.out
    with pytest.raises(CommandError, match="tidak ditemukan: 999999"):
        call_command("runs", "verify-replay", "999999")


def _peak_bytes(ids) -> int:
    import io
    import tracemalloc

    tracemalloc.start()
    try:
        call_command("runs", "verify-replay", *map(str, ids), "--progress", "0", stdout=io.StringIO())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_verify_replay_memory_does_not_grow_with_the_number_of_runs(revision_named):
    """Runs are streamed: checking 4x as many runs must not need noticeably more memory (the
    old command held every run with its state, ~30 KB each: 86,000 runs took 4.9 GB)."""
    admin = get_user_model().objects.get(username="admin")
    ids = [services.run_start(revision=revision_named("IKU"), user=admin, purpose=f"IKU {n}", now=START).pk
           for n in range(48)]
    _peak_bytes(ids)  # warm up imports, caches and the database driver's type adapters
    few, many = _peak_bytes(ids[:12]), _peak_bytes(ids)
    assert many - few < 300_000, (few, many)  # holding the 36 extra runs took > 1 MB


@pytest.fixture
def letter_with_scan(demo_sops):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alur.runs.services import letter_register
    from alur.sim.simulate import SAMPLE_PDF

    admin = get_user_model().objects.get(username="admin")
    return letter_register(office=demo_sops, user=admin, nomor_surat="050/1/2026", tanggal_surat=START.date(),
                           asal="Bupati", perihal="Uji", received_on=START.date(),
                           scan=SimpleUploadedFile("surat.pdf", SAMPLE_PDF, content_type="application/pdf"))


def test_letter_scan_hash_and_bytes_are_checked(letter_with_scan, capsys):
    from alur.runs.models import IncomingLetter

    call_command("audit", "verify")
    IncomingLetter.objects.filter(pk=letter_with_scan.pk).update(scan_sha256="0" * 64)
    _fails(("audit", "verify"), capsys, f"IncomingLetter id {letter_with_scan.pk}", "SHA-256 pindaian")
    IncomingLetter.objects.filter(pk=letter_with_scan.pk).update(scan_sha256=letter_with_scan.scan_sha256)
    with open(letter_with_scan.scan.path, "ab") as stored:
        stored.write(b"% disisipkan\n")
    _fails(("audit", "verify"), capsys, "isi berkas pindaian diganti", letter_with_scan.scan.name)
    call_command("audit", "verify", "--no-files")
