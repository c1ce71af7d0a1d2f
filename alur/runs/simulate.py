"""Plays the people of a run: completes every open task with a plausible output, through the
same services the web uses. Used by tests, the benchmark and demo data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alur.core.sop.model import Act
from alur.org.models import Position

from .models import Run, Task
from .services import Completion, task_complete

# A minimal but real one-page PDF (with its cross-reference table), so uploads pass the PDF parse check.
SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def completion_for(task: Task, act: Act, approve: bool = True, version_tag: str = "",
                   pdf: bytes = SAMPLE_PDF) -> Completion:
    if act == Act.DISPOSISI:
        targets = list(Position.objects.filter(office=task.run.office_id).exclude(pk=task.position_id)[:1])
        return Completion(note="Segera ditindaklanjuti.", disposition_to=targets,
                          disposition_instructions=["proses"])
    if act in (Act.KERJA, Act.KOORDINASI) or (act == Act.PERIKSA and not approve):
        body = pdf + f"% {task.run_id}-{task.engine_id}-{version_tag}\n".encode()
        upload = SimpleUploadedFile(f"langkah-{task.step_no}.pdf", body, content_type="application/pdf")
        return Completion(note="Hasil koordinasi terlampir." if act == Act.KOORDINASI else "",
                          upload=upload if act != Act.PERIKSA else None, approve=approve,
                          reason="" if approve else "Perbaiki sesuai catatan.")
    if act in (Act.AGENDA, Act.ARSIP):
        return Completion(recipients=["Bappeda Kab. Tanjung Jabung Barat", "Inspektorat"], copies=2,
                          archive_location="Lemari arsip Subbag PPMEP")
    return Completion(approve=approve, reason="" if approve else "Perbaiki sesuai catatan.")


def drive(run: Run, *, decide: Callable[[Task], bool] = lambda task: True, start: datetime | None = None,
          step_minutes: int = 30, max_transitions: int = 500, pdf: bytes = SAMPLE_PDF) -> int:
    """Complete open tasks until the run ends; returns the number of transitions made."""
    core = run.revision.as_core()
    clock = start or timezone.now()
    transitions = 0
    while transitions < max_transitions:
        task = Task.objects.filter(run=run, status=Task.Status.TERBUKA).select_related(
            "assignee__user", "run").order_by("engine_id").first()
        if task is None:
            break
        step = core.step(task.step_no)
        approve = decide(task) if step.is_decision else True
        clock += timedelta(minutes=step_minutes)
        completion = completion_for(task, step.act, approve, version_tag=str(transitions), pdf=pdf)
        task_complete(task=task, user=task.assignee.user, completion=completion, now=clock)
        transitions += 1
    run.refresh_from_db()
    return transitions
