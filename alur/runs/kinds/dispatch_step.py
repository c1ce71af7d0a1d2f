"""Steps that send a finished document out: take the outgoing number once, record the dispatch."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.runs.models import Dispatch
from alur.runs.services.numbering import take_outgoing_number

from .base import Completion, Context, Output
from .forms import TaskFormBase
from .registry import StepKind

MAX_COPIES = 1000


class DispatchForm(TaskFormBase):
    recipients = forms.CharField(label=gettext_lazy("Penerima distribusi (satu per baris)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    copies = forms.IntegerField(label=gettext_lazy("Jumlah salinan"), min_value=1, max_value=MAX_COPIES, initial=1,
                                required=False)
    archive_location = forms.CharField(label=gettext_lazy("Lokasi arsip"), required=False, max_length=200)

    def kind_data(self) -> dict:
        data = self.cleaned_data
        return {"recipients": [line.strip() for line in (data.get("recipients") or "").splitlines() if line.strip()],
                "copies": data.get("copies") or 1, "archive_location": data.get("archive_location", "")}


class DispatchStep(StepKind):
    """Nothing leaves the office without an agenda number: the first such step of a run takes it."""

    form_class = DispatchForm
    needs_document = True

    def hint(self, run) -> str:
        if run.outgoing_number:
            return _("Nomor surat keluar: %(n)s") % {"n": run.outgoing_number}
        return _("Nomor surat keluar berikutnya diambil otomatis saat disimpan.")

    def validate(self, ctx: Context, completion: Completion) -> None:
        super().validate(ctx, completion)
        if not completion.get("recipients"):
            raise ValidationError({"recipients": _("Isi penerima distribusi (satu per baris).")})
        if not 1 <= completion.get("copies", 1) <= MAX_COPIES:
            raise ValidationError({"copies": _("Jumlah salinan harus antara 1 dan %(max)d.") % {"max": MAX_COPIES}})

    def record(self, ctx: Context, completion: Completion) -> Output:
        output = Output()
        if not ctx.run.outgoing_number:
            number = take_outgoing_number(run=ctx.run, task=ctx.task, employee=ctx.employee, now=ctx.now)
            output = Output(facts={"number": number.number}, trail=[("nomor.diambil", {
                "number": number.number, "sequence": number.sequence, "year": number.year,
                "task": ctx.task.engine_id})])
        recipients, copies = completion.get("recipients", []), completion.get("copies", 1)
        archive = completion.get("archive_location", "")
        Dispatch.objects.create(task=ctx.task, recipients=recipients, copies=copies, archive_location=archive,
                                sent_at=ctx.now)
        return output.add(Output(facts={"dispatch": {"recipients": recipients, "copies": copies, "archive": archive}}))

    def sample(self, task, *, approve, tag, pdf):
        return Completion(recipients=["Bappeda Kab. Tanjung Jabung Barat", "Inspektorat"], copies=2,
                          archive_location="Lemari arsip Subbag PPMEP", approve=approve,
                          reason="" if approve else "Perbaiki sesuai catatan.")
