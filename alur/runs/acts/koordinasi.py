"""Koordinasi: a meeting or collection with several actors; minutes as an upload, or a note."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core.sop.model import Act

from .base import Completion, sample_upload
from .document_step import DocumentStep


class Koordinasi(DocumentStep):
    act = Act.KOORDINASI

    def validate(self, ctx, completion):
        if completion.upload is None and not completion.note.strip():
            raise ValidationError({"note": _("Isi catatan hasil koordinasi atau unggah notulen.")})
        super().validate(ctx, completion)

    def sample(self, task, *, approve, tag, pdf):
        return Completion(note="Hasil koordinasi terlampir.", upload=sample_upload(task, tag, pdf), approve=approve,
                          reason="" if approve else "Perbaiki sesuai catatan.")
