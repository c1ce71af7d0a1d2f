"""What every step kind shares, and the hooks a kind overrides.

A step kind (`alur.core.sop.model.Act`) is one `StepHandler` subclass in its own module of this
package, registered in `acts/__init__.py`. The handler owns, for its kind: the form fields it asks
of the person (`fields`, `configure_form`), its kelengkapan (`missing`, and `missing_for_later`
for what later steps need from it), its validation (`validate`, run before anything is written),
the records it writes and what the trail says about them (`record`), a short hint shown above the
form (`hint`) and what the simulator hands in (`sample`). Nothing else branches on the kind.

Decisions (Ya/Tidak) are a property of the step, not of its kind: `StepHandler` adds the decision
fields, checks the choice and the reason, and builds the engine's `Decide` action for every kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core import engine
from alur.core.sop.model import Act, Sop, Step

if TYPE_CHECKING:
    from alur.org.models import Employee, Position
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


@dataclass
class Completion:
    """What a person hands in when completing a task; which parts are needed depends on the step."""

    note: str = ""
    upload: UploadedFile | None = None
    approve: bool | None = None  # decisions only
    reason: str = ""  # Tidak needs one
    disposition_to: list[Position] = field(default_factory=list)
    disposition_instructions: list[str] = field(default_factory=list)
    disposition_due: date | None = None
    recipients: list[str] = field(default_factory=list)
    copies: int = 1
    archive_location: str = ""
    extra: dict = field(default_factory=dict)  # a kind's own fields (StepHandler.extra_fields), by name
    attended: bool | None = None  # meeting steps: the participant was present (True) or not


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


class StepHandler:
    act: ClassVar[Act]
    fields: ClassVar[tuple[str, ...]] = ()  # TaskCompleteForm fields beyond the note (and the decision)
    needs_document: ClassVar[bool] = False  # the working document must have a version
    signoff_kind: ClassVar[str | None] = None  # "paraf" / "tanda_tangan": binds a version

    # -- the form -------------------------------------------------------------------------------

    def form_fields(self, step: Step) -> set[str]:
        names = {"note", *self.fields}
        if step.is_decision:
            names |= {"decision", "reason"}
        return names

    def extra_fields(self, task: Task, step: Step) -> dict:
        """Form fields of this kind's own (name -> django.forms.Field), beyond the shared ones; their
        cleaned values reach `validate` and `record` in `completion.extra`. A new kind that asks
        for something new (e.g. realisation figures) declares it here, in its own module."""
        return {}

    def configure_form(self, form, task: Task, step: Step) -> None:
        """Adjust the kept fields (required flags, querysets) for this kind."""
        if "decision" in form.fields:
            form.fields["decision"].required = True
            if step.next_no is not None:
                where = return_target_text(task.run, step.next_no)
                form.fields["decision"].choices = [("ya", _("Ya — setuju, lanjutkan")),
                                                   ("tidak", _("Tidak — kembalikan ke %(where)s") % {"where": where})]

    def hint(self, run: Run) -> str:
        """One sentence above the form saying what saving does for this kind, or ""."""
        return ""

    # -- kelengkapan and validation -------------------------------------------------------------

    def missing(self, ctx: Context) -> list[str]:
        """What this step needs that is not there yet (its own kelengkapan)."""
        if self.needs_document and (ctx.document is None or not ctx.document.last_number):
            return [_("dokumen '%(name)s' belum diunggah") % {"name": ctx.step.kelengkapan or _("kerja")}]
        return []

    def missing_for_later(self, ctx: Context) -> list[str]:
        """What a later step (`ctx.step`) needs from an earlier step of this kind, if missing."""
        return []

    def checks_kelengkapan(self, completion: Completion) -> bool:
        """Whether this act needs the step's kelengkapan (returning a document does not)."""
        return True

    def validate(self, ctx: Context, completion: Completion) -> None:
        """Raise ValidationError before anything is written; the decision is checked here for all."""
        if ctx.step.is_decision:
            if completion.approve is None:
                raise ValidationError(_("Pilih keputusan: Ya (setuju) atau Tidak (kembalikan untuk diperbaiki)."))
            if not completion.approve and not completion.reason.strip():
                raise ValidationError({"reason": _("Alasan wajib diisi bila dikembalikan (Tidak).")})
        if len(completion.reason) > 2000:
            raise ValidationError({"reason": _("Alasan terlalu panjang (maksimum 2000 karakter).")})
        if len(completion.note) > MAX_NOTE:
            raise ValidationError({"note": _("Catatan terlalu panjang: %(n)s karakter (maksimum %(max)s); "
                                             "lampirkan teks panjang sebagai dokumen.") % {
                "n": f"{len(completion.note):,}".replace(",", "."), "max": f"{MAX_NOTE:,}".replace(",", ".")}})

    # -- what the act writes --------------------------------------------------------------------

    def record(self, ctx: Context, completion: Completion) -> Output:
        """Store the step's own records; return what the trail should say about them."""
        return Output()

    def action(self, ctx: Context, completion: Completion, assignees) -> engine.Complete | engine.Decide:
        task, at = ctx.task, ctx.now.isoformat()
        if ctx.step.is_decision:
            return engine.Decide(task_id=task.engine_id, actor=task.actor, approve=bool(completion.approve),
                                 reason=completion.reason.strip(), assignees=assignees, at=at)
        return engine.Complete(task_id=task.engine_id, actor=task.actor, assignees=assignees, at=at)

    # -- when the step opens --------------------------------------------------------------------

    def opened(self, run: Run, step: Step, tasks: list[Task], *, now: datetime) -> list[tuple[str, dict]]:
        """Called once per act in which tasks of a step of this kind open (`tasks`: their new rows,
        with their ids), inside the act's transaction; returns trail entries (kind, data) to append
        after the act's own. Most kinds do nothing here."""
        return []

    # -- the simulator --------------------------------------------------------------------------

    def play_others(self, task: Task) -> None:
        """What other people do before this task's holder can hand in (the simulator only): e.g. the
        units enter the realisations a collection waits for. Most kinds need nobody else."""

    def sample(self, task: Task, *, approve: bool, tag: str, pdf: bytes) -> Completion:
        """A plausible completion, for tests, the benchmark and demo data."""
        return Completion(approve=approve, reason="" if approve else "Perbaiki sesuai catatan.")


def return_target_text(run: Run, step_no: int) -> str:
    """Where a return goes, in words: "langkah 6 (Mengetik Draf Dokumen Renja) — Siti Nurhaliza, A.Md."
    The person is whoever did that step last in this run, else today's holder of its actor."""
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
