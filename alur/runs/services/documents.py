"""The documents of a run: the working (`utama`) document, its versions, sign-offs bound to a
version, and what a step still needs (its kelengkapan)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from alur.core.sop.model import Sop, Step
from alur.org.selectors import holders_on
from alur.runs.filenames import shorten
from alur.runs.kinds import Context, kind_for
from alur.runs.models import Document, DocumentVersion, Run, SignOff


def locked_working_document(run: Run) -> Document | None:
    """The working document as `progress.lock_run(with_facts=True)` read it, without another
    statement: a Document carrying its id, `last_number` and `has_paraf` (other columns unread)."""
    if run.utama_id is None:
        return None
    document = Document(pk=run.utama_id, run=run, role=Document.Role.UTAMA)
    document.last_number, document.has_paraf = run.utama_last_number, run.utama_has_paraf
    return document


def working_document(run: Run) -> Document | None:
    """The run's `utama` document (the working draft), with `last_number` (its newest version
    number, or None) and `has_paraf` annotated: one statement."""
    paraf = SignOff.objects.filter(version__document=OuterRef("pk"), kind=SignOff.Kind.PARAF)
    return (
        Document.objects.filter(run=run, role=Document.Role.UTAMA)
        .annotate(last_number=Max("versions__number"), has_paraf=Exists(paraf))
        .order_by("pk")
        .first()
    )


_UNSET = object()


def missing_kelengkapan(run: Run, core: Sop, step: Step, document=_UNSET) -> list[str]:
    """What the step needs from earlier steps of this run that is not there yet."""
    if document is _UNSET:
        document = working_document(run)
    return missing_in(Context(run=run, core=core, step=step, task=None, employee=None, now=None, document=document))


def missing_in(ctx: Context) -> list[str]:
    """The kelengkapan check of one act: what earlier kinds must have left, then the step's own."""
    missing: list[str] = []
    for kind in dict.fromkeys(kind_for(s) for s in ctx.earlier_steps()):
        missing += kind.missing_for_later(ctx)
    return missing + kind_for(ctx.step).missing(ctx)


def store_upload(ctx: Context, upload: UploadedFile, *, sha256: str) -> DocumentVersion:
    """A new version of the run's working document (created on the first upload)."""
    document = ctx.document
    if document is None:
        name = ctx.run.revision.nama.replace("Penyusunan ", "Dokumen ", 1)
        document = Document.objects.create(run=ctx.run, role=Document.Role.UTAMA, name=name)
        document.last_number, document.has_paraf = None, False
    version = _new_version(ctx, document, upload, sha256)
    ctx.document = document
    return version


def notulen_of(run: Run, step_no: int) -> Document | None:
    """The shared minutes of a meeting step (one `notulen` document per step of the run)."""
    return Document.objects.filter(run=run, role=Document.Role.NOTULEN, name=_notulen_name(step_no)).first()


def _notulen_name(step_no: int) -> str:
    return f"Notulen rapat langkah {step_no}"


def store_notulen(ctx: Context, upload: UploadedFile, *, sha256: str) -> DocumentVersion:
    """A new version of the meeting step's notulen: never a version of the working document."""
    document, _ = Document.objects.get_or_create(run=ctx.run, role=Document.Role.NOTULEN,
                                                 name=_notulen_name(ctx.step.no))
    document.last_number = document.versions.aggregate(n=Max("number"))["n"]
    return _new_version(ctx, document, upload, sha256)


def _new_version(ctx: Context, document: Document, upload: UploadedFile, sha256: str) -> DocumentVersion:
    version = DocumentVersion.objects.create(
        document=document, number=(document.last_number or 0) + 1, label=ctx.step.output, file=upload,
        original_name=shorten(upload.name, 255),
        content_type=getattr(upload, "content_type", "") or "application/octet-stream",
        size=upload.size, sha256=sha256, source=DocumentVersion.Source.UPLOAD, task=ctx.task,
        uploaded_by=ctx.employee, uploaded_at=ctx.now,
    )
    document.last_number = version.number
    return version


def sign(ctx: Context, *, kind: str) -> SignOff:
    """Bind the employee's paraf or signature to the working document's latest version."""
    version = ctx.latest_version()
    task, employee = ctx.task, ctx.employee
    if task.assignee_id == employee.pk:
        prefix = task.acting_prefix
    else:  # a Plt/Plh acting for the task's position today
        acting = holders_on([task.position], timezone.localdate(ctx.now)).get(task.position)
        prefix = acting.prefix if acting and acting.employee.pk == employee.pk else ""
    title = f"{prefix} {task.position.name if task.position else task.actor}".strip()
    return SignOff.objects.create(
        task=task, kind=kind, version=version, sha256=version.sha256, signer=employee, signer_name=employee.name,
        signer_nip=employee.nip, signer_title=title, signed_at=ctx.now,
    )


