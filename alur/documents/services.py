"""'Susun dari data': generate a run's SAKIP document and store it as a new version of the run's
working document (source=generated, SHA-256, data fingerprint), recorded on the run's trail as
`dokumen.disusun` with the version and its hash (as uploads are recorded)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alur.audit.services import record
from alur.core import engine
from alur.org.selectors import employee_of
from alur.runs.models import Document, DocumentVersion, SignOff, Task
from alur.runs.services.progress import lock_run

from . import kinds, policies
from .content import fingerprint_of
from .docx_writer import DOCX_TYPE, write_docx
from .issued import run_number, with_number
from .mapping import document_for
from .models import Generated


def period_of(run, kind: str) -> tuple[int, int | None]:
    """The year (and, for a quarterly kind such as the data-kinerja report, the triwulan) a run's
    document is about."""
    return kinds.get(kind).period(run)


def gaps_of_version(version) -> list[str]:
    """The places without data of a generated version (its generation report); [] for an upload,
    without a statement (a signature costs no more than before when nothing was generated)."""
    if version.source != DocumentVersion.Source.GENERATED:
        return []
    return list(Generated.objects.filter(version=version).values_list("gaps", flat=True).first() or [])


@dataclass
class Result:
    version: DocumentVersion
    gaps: list[str]


def generate_for_task(*, task: Task, user, now=None) -> Result:
    """Generate the document of the task's step for the run's period; only the task's holder may."""
    now = now or timezone.now()
    with transaction.atomic():
        run = lock_run(task.run_id)
        current = engine.task(run.engine_state(), task.engine_id)
        if not current.is_open:
            raise ValidationError(_("Tugas ini sudah selesai; dokumen tidak dapat disusun lagi dari tugas ini."))
        task.run = run
        task.assignee_id = int(current.assignee) if current.assignee else None
        policies.require(policies.can_generate_document(user, task, timezone.localdate(now)),
                         _("Tugas ini bukan untuk Anda."))
        kind = kinds.get(document_for(run.revision, task.step_no))
        if kind is None:
            raise ValidationError(_("Langkah %(no)s tidak menghasilkan dokumen yang dapat disusun dari data.")
                                  % {"no": task.step_no})
        year, triwulan = kind.period(run)
        content = kind.build(run.office, year, triwulan)
        data = content.data()
        number = run_number(run)  # a Keputusan's number once the run took one; not part of the data
        body = write_docx(with_number(content, number) if number else content)
        document = Document.objects.filter(run=run, role=Document.Role.UTAMA).order_by("pk").first()
        if document is None:
            document = Document.objects.create(run=run, role=Document.Role.UTAMA, name=f"{kind.title} {year}")
        if SignOff.objects.filter(version__document=document, kind=SignOff.Kind.TANDA_TANGAN).exists():
            raise ValidationError(_("Dokumen ini sudah ditandatangani; versi baru tidak dapat disusun."))
        latest = document.versions.order_by("-number").first()
        if (latest is not None and latest.source == DocumentVersion.Source.GENERATED
                and latest.data_fingerprint == fingerprint_of(data)):  # a second click on unchanged data
            raise ValidationError(_("Data tidak berubah sejak versi %(n)s yang disusun dari data; tidak ada versi "
                                    "baru yang disimpan.") % {"n": latest.number}, code="unchanged")
        last = latest.number if latest is not None else 0
        name = f"{slugify(content.title)}-{year}" + (f"-tw{triwulan}" if triwulan else "") + f"-v{last + 1}.docx"
        sha256 = hashlib.sha256(body).hexdigest()
        step = run.revision.as_core().step(task.step_no)
        employee = employee_of(user)
        version = DocumentVersion.objects.create(
            document=document, number=last + 1, label=step.output or content.title,
            file=ContentFile(body, name=name), original_name=name, content_type=DOCX_TYPE, size=len(body),
            sha256=sha256, source=DocumentVersion.Source.GENERATED, data_fingerprint=fingerprint_of(data),
            task=task, uploaded_by=None, uploaded_at=now)
        Generated.objects.create(version=version, kind=kind.key, year=year, triwulan=triwulan, data=data,
                                 gaps=content.gaps)
        record(office=run.office, kind="dokumen.disusun", run_id=run.pk, user=user, at=now, data={
            "task": task.engine_id, "version": version.number, "sha256": sha256, "size": len(body),
            "document": kind.key, "year": year, "triwulan": triwulan, "fingerprint": version.data_fingerprint,
            "gaps": len(content.gaps), "by": employee.nip if employee else ""})
        return Result(version=version, gaps=content.gaps)
