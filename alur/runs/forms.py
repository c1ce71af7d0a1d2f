from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alur.core.sop.model import Act
from alur.org.models import Employee, Position
from alur.sop.models import SopRevision

from .models import Disposition, IncomingLetter


class DateInput(forms.DateInput):
    """HTML date picker; it only accepts ISO dates, whatever the locale's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LetterForm(forms.ModelForm):
    class Meta:
        model = IncomingLetter
        fields = ["nomor_surat", "tanggal_surat", "asal", "perihal", "sifat", "received_on", "scan"]
        widgets = {"tanggal_surat": DateInput(), "received_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class RunStartForm(forms.Form):
    revision = forms.ModelChoiceField(label=_("SOP"), queryset=SopRevision.objects.none())
    letter = forms.ModelChoiceField(label=_("Surat masuk (opsional)"), queryset=IncomingLetter.objects.none(),
                                    required=False)
    purpose = forms.CharField(label=_("Keperluan"), max_length=300, required=False,
                              help_text=_("Mis. 'Penyusunan LKjIP Tahun 2026'. Kosongkan untuk memakai perihal surat."))
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = SopRevision.objects.filter(
            sop__office=office, status=SopRevision.Status.APPROVED).order_by("nama", "-number")
        self.fields["letter"].queryset = IncomingLetter.objects.filter(office=office)
        self.fields["year"].initial = timezone.localdate().year


class TaskCompleteForm(forms.Form):
    """One form for every step; `act` and the step kind decide which fields are shown and needed."""

    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    upload = forms.FileField(label=_("Unggah dokumen"), required=False)
    decision = forms.ChoiceField(label=_("Keputusan"), required=False, widget=forms.RadioSelect,
                                 choices=[("ya", _("Ya — setuju, lanjutkan")), ("tidak", _("Tidak — kembalikan"))])
    reason = forms.CharField(label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    disposition_to = forms.ModelMultipleChoiceField(label=_("Kepada"), queryset=Position.objects.none(),
                                                    required=False, widget=forms.CheckboxSelectMultiple)
    disposition_instructions = forms.MultipleChoiceField(
        label=_("Instruksi"), choices=Disposition.Instruction.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    disposition_due = forms.DateField(label=_("Batas waktu"), required=False, widget=DateInput())
    recipients = forms.CharField(label=_("Penerima distribusi (satu per baris)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    copies = forms.IntegerField(label=_("Jumlah salinan"), min_value=1, initial=1, required=False)
    archive_location = forms.CharField(label=_("Lokasi arsip"), required=False, max_length=200)

    def __init__(self, *args, task, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["disposition_to"].queryset = Position.objects.filter(office=task.run.office_id).exclude(
            pk=task.position_id)
        keep = {"note"}
        if step.act == Act.DISPOSISI:
            keep |= {"disposition_to", "disposition_instructions", "disposition_due"}
        if step.act in (Act.KERJA, Act.KOORDINASI, Act.PERIKSA):
            keep.add("upload")
        if step.is_decision:
            keep |= {"decision", "reason"}
        if step.act in (Act.AGENDA, Act.ARSIP):
            keep |= {"recipients", "copies", "archive_location"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "upload" in self.fields:
            self.fields["upload"].required = step.act == Act.KERJA
        if "decision" in self.fields:
            self.fields["decision"].required = True

    def completion(self):
        from .services import Completion

        data = self.cleaned_data
        decision = data.get("decision")
        return Completion(
            note=data.get("note", ""), upload=data.get("upload"),
            approve=None if not decision else decision == "ya", reason=data.get("reason", ""),
            disposition_to=list(data.get("disposition_to") or []),
            disposition_instructions=list(data.get("disposition_instructions") or []),
            disposition_due=data.get("disposition_due"),
            recipients=[line.strip() for line in (data.get("recipients") or "").splitlines() if line.strip()],
            copies=data.get("copies") or 1, archive_location=data.get("archive_location", ""),
        )


class ReassignForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Alihkan kepada"), queryset=Employee.objects.none())
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = Employee.objects.filter(office=office)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=300)
