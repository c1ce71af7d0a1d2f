from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from alur.runs import services
from alur.runs.models import OutgoingNumber, Run, SignOff, Task
from alur.sim.simulate import drive

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 2, 8, 0, tzinfo=JAKARTA)  # a Monday


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.mark.parametrize("fragment", ["IKU", "RENJA", "RENSTRA", "LAKIP", "LkjIP", "Mekanisme"])
def test_every_seed_sop_runs_to_the_end(revision_named, fragment):
    revision = revision_named(fragment)
    run = services.run_start(revision=revision, user=user("admin"), purpose=f"Uji {fragment} 2026", year=2026,
                             now=START)
    first_pass = {"done": False}

    def decide(task):
        # Take the Tidak branch once per run, then approve.
        if not first_pass["done"]:
            first_pass["done"] = True
            return False
        return True

    drive(run, decide=decide, start=START)
    assert run.status == Run.Status.SELESAI
    assert run.finished_at is not None
    assert not run.tasks.filter(status=Task.Status.TERBUKA).exists()
    steps = {s.no for s in revision.as_core().steps}
    assert {t.step_no for t in run.tasks.all()} == steps
    assert run.outgoing_number.startswith("503/") and run.outgoing_number.endswith("/DPM-PTSP/2026")
    assert services.replayed_state(run) == run.engine_state()


def test_iku_tidak_loop_reopens_typing_step_with_reason(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU 2026", now=START)
    decisions = iter([False, True])
    drive(run, decide=lambda task: next(decisions), start=START)
    typing = run.tasks.filter(step_no=4).order_by("iteration")
    assert [t.iteration for t in typing] == [1, 2]
    assert typing[1].reason == "Perbaiki sesuai catatan."
    assert [t.outcome for t in run.tasks.filter(step_no=5).order_by("iteration")] == ["tidak", "ya"]
    assert run.status == Run.Status.SELESAI


def test_tasks_go_to_position_holders_with_deadlines(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    first = run.tasks.get()
    assert first.assignee.user.username == "kadis"
    assert first.due_at == datetime(2026, 3, 2, 8, 10, tzinfo=JAKARTA)  # 10 Menit


def test_agenda_numbers_never_repeat_or_skip(revision_named):
    numbers = []
    for _ in range(3):
        run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
        drive(run, start=START)
        numbers.append(run.outgoing_number)
    assert numbers == ["503/01/DPM-PTSP/2026", "503/02/DPM-PTSP/2026", "503/03/DPM-PTSP/2026"]
    assert list(OutgoingNumber.objects.values_list("sequence", flat=True)) == [1, 2, 3]


def test_signature_binds_to_the_document_hash(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU", now=START)
    drive(run, start=START)
    signature = SignOff.objects.get(task__run=run, kind="tanda_tangan")
    paraf = SignOff.objects.get(task__run=run, kind="paraf")
    latest = run.documents.get(role="utama").latest()
    assert signature.sha256 == paraf.sha256 == latest.sha256
    assert signature.signer_nip == "197205141998031004"
    assert signature.signer_title == "Kepala Dinas"
    assert signature.is_current()
