"""Kerja: produce or revise the working document; an upload is required."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core.sop.model import Act
from alur.runs.models import Document, DocumentVersion

from .base import Completion, sample_upload
from .document_step import DocumentStep
from .forms import UploadForm


class KerjaForm(UploadForm):
    upload_required = True

    def configure(self, task, step):
        super().configure(task, step)
        if _generated_in(task):
            self.fields["upload"].required = False


class Kerja(DocumentStep):
    value = Act.KERJA
    form_class = KerjaForm

    def validate(self, ctx, completion):
        if completion.get("upload") is None and not _generated_in(ctx.task):
            raise ValidationError({"upload": _("Unggah dokumen hasil langkah ini (%(output)s).") % {
                "output": ctx.step.output or _("dokumen")}})
        super().validate(ctx, completion)

    def sample(self, task, *, approve, tag, pdf):
        return Completion(upload=sample_upload(task, tag, pdf), approve=approve,
                          reason="" if approve else "Perbaiki sesuai catatan.")


def _generated_in(task) -> bool:
    """A version made by 'Susun dari data' (alur.documents) counts as the step's document: one made in
    this task, or the run's newest working version when it was generated (issue 18 item 22: a second
    'Susun' on unchanged data adds nothing, so the next kerja step must not then demand an upload)."""
    if DocumentVersion.objects.filter(task=task, source=DocumentVersion.Source.GENERATED).exists():
        return True
    newest = (DocumentVersion.objects.filter(document__run=task.run_id, document__role=Document.Role.UTAMA)
              .order_by("-number").values_list("source", flat=True).first())
    return newest == DocumentVersion.Source.GENERATED
