"""Steps that may hand in a new version of the working document (kerja, periksa)."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.runs import uploads
from alur.runs.services.documents import store_upload

from .base import Completion, Context, Output
from .forms import UploadForm
from .registry import StepKind, kind_for


class DocumentStep(StepKind):
    form_class: ClassVar[type[UploadForm]] = UploadForm

    def validate(self, ctx: Context, completion: Completion) -> None:
        super().validate(ctx, completion)
        upload = completion.get("upload")
        if upload is None:
            return
        if completion.approve is not False and _would_skip_paraf(ctx):
            raise ValidationError({"upload": _(
                "Dokumen ini sudah diparaf; versi baru memerlukan paraf ulang. Pilih 'Tidak' untuk "
                "mengembalikannya dengan perbaikan Anda, atau selesaikan tanpa mengunggah.")})
        ctx.upload_sha256 = uploads.check_and_hash(upload, field="upload")

    def record(self, ctx: Context, completion: Completion) -> Output:
        upload = completion.get("upload")
        if upload is None:
            return Output()

        version = store_upload(ctx, upload, sha256=ctx.upload_sha256)
        return Output(
            facts={"document": {"version": version.number, "sha256": version.sha256, "name": version.original_name}},
            trail=[("dokumen.diunggah", {"task": ctx.task.engine_id, "version": version.number,
                                         "sha256": version.sha256, "size": version.size, "by": ctx.employee.nip})],
        )


def _would_skip_paraf(ctx: Context) -> bool:
    """True when a paraf exists and the flow from this step reaches a signature without a new one:
    a document changed here would be signed with a paraf that no longer counts."""
    if not (ctx.document is not None and ctx.document.has_paraf):
        return False
    core, step = ctx.core, ctx.step
    seen, no = set(), step.next_yes if step.is_decision else next(iter(core.successors(step.no)), None)
    while no is not None and no not in seen:
        seen.add(no)
        ahead = core.step(no)
        kind = kind_for(ahead).signoff_kind
        if kind == "paraf":
            return False
        if kind == "tanda_tangan":
            return True
        no = ahead.next_yes if ahead.is_decision else next(iter(core.successors(no)), None)
    return False
