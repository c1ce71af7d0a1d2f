"""What every step kind's act shares: the `Context` of one act, what the person hands in
(`Completion`), what the act recorded (`Output`), and helpers the kinds use.

The `StepKind` base and the registry are in `registry.py`; each kind is one module (built-ins here,
a guest's in its own app, e.g. alur/kinerja/steps/pengumpulan.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core.sop.model import Sop, Step

if TYPE_CHECKING:
    from alur.org.models import Employee
    from alur.runs.models import Document, Run, Task



def _one_page_pdf() -> bytes:
    """A minimal but real one-page PDF (with its cross-reference table), so simulated uploads pass
    the upload checks, which parse the file."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


SAMPLE_PDF = _one_page_pdf()
MAX_NOTE = 5000  # characters of a task's note: longer text belongs in an uploaded document


class Completion:
    """What a person hands in when completing a task: the note and the decision every kind shares,
    and the kind's own cleaned data by field name (`get`), which only that kind reads."""

    __slots__ = ("approve", "data", "note", "reason")

    def __init__(self, note: str = "", approve: bool | None = None, reason: str = "", **data):
        self.note, self.approve, self.reason = note, approve, reason  # approve: decisions only
        self.data = data

    def get(self, name: str, default=None):
        value = self.data.get(name)
        return default if value is None else value

    def __repr__(self) -> str:
        return f"Completion(note={self.note!r}, approve={self.approve!r}, reason={self.reason!r}, data={self.data!r})"


@dataclass
class Context:
    """One act on one task, inside the run's locked transaction."""

    run: Run
    core: Sop
    step: Step
    task: Task
    employee: Employee
    now: datetime
    document: Document | None  # the run's working (`utama`) document, see services.documents
    upload_sha256: str = ""  # set by validation, so a file is hashed once
    return_to: int | None = None  # set by validation when the act returns the document to a step

    def earlier_steps(self):
        return (s for s in self.core.steps if s.no < self.step.no)

    def latest_version(self):
        """The working document's version a sign-off binds to (read once per act)."""
        if not hasattr(self, "_latest"):
            self._latest = self.document.latest() if self.document is not None else None
        return self._latest


@dataclass
class Output:
    """What an act recorded: facts for the act's trail entry, and extra trail entries of its own."""

    facts: dict = field(default_factory=dict)
    trail: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, other: Output) -> Output:
        return Output({**self.facts, **other.facts}, [*self.trail, *other.trail])


def return_target_text(run: Run, step_no: int) -> str:
    """Where a return goes, in words: "langkah 6 (Mengetik Draf Dokumen Renja) — Siti Nurhaliza, A.Md."
    The person is whoever did that step last in this run, else today's holder of its actor."""
    # lazy: runs.services imports the kinds package (progress opens steps through their kind)
    from alur.runs.models import Task
    from alur.runs.services.assignment import assignment_for

    step = run.revision.as_core().step(step_no)
    kegiatan = step.kegiatan if len(step.kegiatan) <= 70 else step.kegiatan[:69] + "…"
    last = (Task.objects.filter(run=run, step_no=step_no).select_related("completed_by", "assignee")
            .order_by("-engine_id").first())
    person = (last.completed_by or last.assignee) if last else None
    if person is None:
        holder = assignment_for(run.revision, timezone.localdate()).holders.get(step.actors[0] if step.actors else "")
        person = holder.employee if holder else None
    who = f"{person.name} ({', '.join(step.actors)})" if person else ", ".join(step.actors)
    return _("langkah %(no)s (%(k)s) — %(who)s") % {"no": step.no, "k": kegiatan, "who": who}


def sample_upload(task: Task, tag: str, pdf: bytes) -> SimpleUploadedFile:
    body = pdf + f"% {task.run_id}-{task.engine_id}-{tag}\n".encode()
    return SimpleUploadedFile(f"langkah-{task.step_no}.pdf", body, content_type="application/pdf")
