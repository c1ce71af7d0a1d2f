"""Kerja: produce or revise the working document; an upload is required."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core.sop.model import Act
from alur.runs.models import DocumentVersion

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
    """A version made in this task by 'Susun dari data' (alur.documents) counts as the step's document."""

    return DocumentVersion.objects.filter(task=task, source=DocumentVersion.Source.GENERATED).exists()
