"""The task page's form: `TaskFormBase` (the note and the decision every step may ask), which each
step kind's own form extends with its fields (`StepKind.form_class`).

A kind's form configures its fields for the task (`configure`) and hands its cleaned data to the
kind as a `Completion` (`completion`, `kind_data`). The HTML names of the fields are the ones the
task page always posted (note, upload, decision, reason, disposition_*, recipients, copies,
archive_location, attendance), in that order.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.kit.forms import AlurForm

from .base import Completion, return_target_text

# One order for every kind's fields, as the single task form had them.
FIELD_ORDER = ["note", "upload", "decision", "reason", "disposition_to", "disposition_instructions",
               "disposition_due", "recipients", "copies", "archive_location", "attendance"]


class TaskFormBase(AlurForm):
    """The note, and for a decision step (or a kind that may return, `keeps_decision`) Ya/Tidak with
    the reason; a kind's form adds its own fields and reads them in `kind_data`."""

    field_order = FIELD_ORDER

    note = forms.CharField(label=gettext_lazy("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    decision = forms.ChoiceField(label=gettext_lazy("Keputusan"), required=False, widget=forms.RadioSelect,
                                 choices=[("ya", gettext_lazy("Ya — setuju, lanjutkan")),
                                          ("tidak", gettext_lazy("Tidak — kembalikan"))])
    reason = forms.CharField(label=gettext_lazy("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)

    def __init__(self, *args, task, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.task, self.step = task, step
        self.configure(task, step)

    def keeps_decision(self, step) -> bool:
        return step.is_decision

    def configure(self, task, step) -> None:
        """Adjust the fields (required flags, querysets, labels) for this task."""
        if not self.keeps_decision(step):
            del self.fields["decision"], self.fields["reason"]
            return
        self.fields["decision"].required = True
        where = return_target_text(task.run, step.next_no) if step.next_no is not None else ""
        if where:
            self.fields["decision"].choices = [("ya", _("Ya — setuju, lanjutkan")),
                                               ("tidak", _("Tidak — kembalikan ke %(where)s") % {"where": where})]
        # the instruction (issue 18 item 22): what to check, from the step itself, and what each answer does
        instruction = _("Periksa: %(kegiatan)s.") % {"kegiatan": step.kegiatan.rstrip(". ")}
        if step.output:
            instruction += " " + _("Hasil yang diharapkan: %(output)s.") % {"output": step.output.rstrip(". ")}
        instruction += " " + _("Ya meneruskan alur ke langkah berikutnya.")
        instruction += " " + (_("Tidak mengembalikan pekerjaan ke %(where)s dengan alasan yang Anda tulis; "
                                "penerimanya membaca alasan itu.") % {"where": where} if where else
                              _("Tidak mengembalikan pekerjaan dengan alasan yang Anda tulis."))
        self.fields["decision"].help_text = instruction
        self.fields["reason"].label = _("Alasan dikembalikan (wajib bila Tidak)")

    def kind_data(self) -> dict:
        """The kind's own cleaned fields, as its `validate` and `record` read them."""
        shared = {"note", "decision", "reason"}
        return {name: value for name, value in self.cleaned_data.items() if name not in shared}

    def completion(self) -> Completion:
        data = self.cleaned_data
        decision = data.get("decision")
        return Completion(note=data.get("note", ""), approve=None if not decision else decision == "ya",
                          reason=data.get("reason", ""), **self.kind_data())


class UploadForm(TaskFormBase):
    """A kind that may hand in a new version of the working document (or its notulen)."""

    upload_required = False

    upload = forms.FileField(label=gettext_lazy("Unggah dokumen"), required=False)

    def configure(self, task, step) -> None:
        super().configure(task, step)
        self.fields["upload"].required = self.upload_required
