"""Steps that send a finished document out: take the outgoing number once, record the dispatch."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .base import Completion, Context, Output, StepHandler

MAX_COPIES = 1000


class DispatchStep(StepHandler):
    """Nothing leaves the office without an agenda number: the first such step of a run takes it."""

    fields = ("recipients", "copies", "archive_location")
    needs_document = True

    def hint(self, run) -> str:
        if run.outgoing_number:
            return _("Nomor surat keluar: %(n)s") % {"n": run.outgoing_number}
        return _("Nomor surat keluar berikutnya diambil otomatis saat disimpan.")

    def validate(self, ctx: Context, completion: Completion) -> None:
        super().validate(ctx, completion)
        if not completion.recipients:
            raise ValidationError({"recipients": _("Isi penerima distribusi (satu per baris).")})
        if not 1 <= completion.copies <= MAX_COPIES:
            raise ValidationError({"copies": _("Jumlah salinan harus antara 1 dan %(max)d.") % {"max": MAX_COPIES}})

    def record(self, ctx: Context, completion: Completion) -> Output:
        from alur.runs.models import Dispatch
        from alur.runs.services.numbering import take_outgoing_number

        output = Output()
        if not ctx.run.outgoing_number:
            number = take_outgoing_number(run=ctx.run, task=ctx.task, employee=ctx.employee, now=ctx.now)
            output = Output(facts={"number": number.number}, trail=[("nomor.diambil", {
                "number": number.number, "sequence": number.sequence, "year": number.year,
                "task": ctx.task.engine_id})])
        Dispatch.objects.create(task=ctx.task, recipients=completion.recipients, copies=completion.copies,
                                archive_location=completion.archive_location, sent_at=ctx.now)
        return output.add(Output(facts={"dispatch": {
            "recipients": completion.recipients, "copies": completion.copies,
            "archive": completion.archive_location}}))

    def sample(self, task, *, approve, tag, pdf):
        return Completion(recipients=["Bappeda Kab. Tanjung Jabung Barat", "Inspektorat"], copies=2,
                          archive_location="Lemari arsip Subbag PPMEP", approve=approve,
                          reason="" if approve else "Perbaiki sesuai catatan.")
