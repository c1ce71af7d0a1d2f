from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alur.kit.forms import AlurForm, AlurModelForm, IdChoiceField, IdMultipleChoiceField, bounded_formfield
from alur.org.models import Employee, Position
from alur.sop.models import SopRevision

from .kinds import Completion, handler_for
from .kinds.dispatch_step import MAX_COPIES
from .filenames import shorten
from .models import Disposition, IncomingLetter
from .services.letters import check_letter_dates


def _run_statuses():
    from .models import Run

    return Run.Status.choices


class DateInput(forms.DateInput):
    """HTML date picker; it only accepts ISO dates, whatever the locale's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LetterForm(AlurModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = IncomingLetter
        fields = ["nomor_surat", "tanggal_surat", "asal", "perihal", "sifat", "received_on", "scan"]
        widgets = {"tanggal_surat": DateInput(), "received_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["scan"].max_length = None  # a long scanner file name is shortened, not refused

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan and hasattr(scan, "name"):
            scan.name = shorten(scan.name, 80)
        return scan

    def clean(self):
        data = super().clean()
        if data.get("tanggal_surat") and data.get("received_on"):
            try:
                check_letter_dates(data["tanggal_surat"], data["received_on"], timezone.localdate())
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
        return data


class RunStartForm(AlurForm):
    revision = IdChoiceField(label=_("SOP"), queryset=SopRevision.objects.none())
    letter = IdChoiceField(label=_("Surat masuk (opsional)"), queryset=IncomingLetter.objects.none(),
                                    required=False)
    purpose = forms.CharField(label=_("Keperluan"), max_length=300, required=False,
                              help_text=_("Mis. 'Penyusunan LKjIP Tahun 2026'. Kosongkan untuk memakai perihal surat."))
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    confirm_second = forms.BooleanField(
        label=_("Ya, surat ini memang memerlukan alur kedua"), required=False,
        help_text=_("Hanya bila surat yang dipilih sudah memulai alur dan alur baru memang dimaksudkan."))

    def __init__(self, *args, office, letter_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = SopRevision.objects.filter(
            sop__office=office, status=SopRevision.Status.APPROVED).order_by("nama", "-number")
        # Any letter of the office is accepted; only the newest without a run (or those matching the
        # search) are listed, not every letter the office ever received.
        from .selectors import letters_to_start

        self.fields["letter"].queryset = IncomingLetter.objects.filter(office=office)
        initial = str((self.initial or {}).get("letter") or self.data.get("letter") or "")
        include = int(initial) if initial.isdigit() and len(initial) < 16 else None
        offered = letters_to_start(office, query=letter_query, include=include)
        self.fields["letter"].choices = [("", "---------")] + [(letter.pk, letter_label(letter)) for letter in offered]
        self.fields["year"].initial = timezone.localdate().year


    def clean(self):
        """One letter, one run, unless meant: a letter that already started a run needs the confirmation."""
        data = super().clean()
        letter = data.get("letter")
        if letter is not None and not data.get("confirm_second"):
            from .selectors import runs_started_by

            started = runs_started_by(letter)
            if started:
                names = "; ".join(f"{run.purpose} ({run.get_status_display().lower()})" for run in started)
                self.add_error("confirm_second", _(
                    "Surat agenda %(agenda)s sudah memulai alur: %(runs)s. Centang konfirmasi ini bila memang "
                    "perlu alur kedua.") % {"agenda": f"{letter.agenda_number}/{letter.agenda_year}", "runs": names})
        return data


def letter_label(letter) -> str:
    """How a letter is offered in a list: agenda, nomor and perihal — never the perihal of a Rahasia letter."""
    subject = _("surat rahasia") if letter.sifat == IncomingLetter.Sifat.RAHASIA else letter.perihal
    return f"{letter.agenda_number}/{letter.agenda_year} · {letter.nomor_surat} — {subject}"


class TaskCompleteForm(AlurForm):
    """One form for every step; the step kind's handler (alur.runs.kinds) keeps the fields it asks for."""

    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    upload = forms.FileField(label=_("Unggah dokumen"), required=False)
    decision = forms.ChoiceField(label=_("Keputusan"), required=False, widget=forms.RadioSelect,
                                 choices=[("ya", _("Ya — setuju, lanjutkan")), ("tidak", _("Tidak — kembalikan"))])
    reason = forms.CharField(label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    disposition_to = IdMultipleChoiceField(label=_("Kepada"), queryset=Position.objects.none(),
                                                    required=False, widget=forms.CheckboxSelectMultiple)
    disposition_instructions = forms.MultipleChoiceField(
        label=_("Instruksi"), choices=Disposition.Instruction.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    disposition_due = forms.DateField(label=_("Batas waktu"), required=False, widget=DateInput())
    recipients = forms.CharField(label=_("Penerima distribusi (satu per baris)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    copies = forms.IntegerField(label=_("Jumlah salinan"), min_value=1, max_value=MAX_COPIES, initial=1,
                                required=False)
    archive_location = forms.CharField(label=_("Lokasi arsip"), required=False, max_length=200)
    attendance = forms.ChoiceField(label=_("Kehadiran dalam rapat"), required=False, widget=forms.RadioSelect,
                                   choices=[("hadir", _("Saya hadir")), ("tidak_hadir", _("Saya tidak hadir"))])

    def __init__(self, *args, task, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        handler = handler_for(step)
        keep = handler.form_fields(step)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.extra_names = []
        for name, field in handler.extra_fields(task, step).items():
            self.fields[name] = field
            self.extra_names.append(name)
        handler.configure_form(self, task, step)

    def completion(self) -> Completion:
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
            extra={name: data.get(name) for name in self.extra_names},
            attended={"hadir": True, "tidak_hadir": False}.get(data.get("attendance") or ""),
        )


class ReassignForm(AlurForm):
    to = IdChoiceField(label=_("Alihkan kepada"), queryset=Employee.objects.none())
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = Employee.objects.filter(office=office)


class CancelForm(AlurForm):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=300)


class ChildRunForm(AlurForm):
    revision = IdChoiceField(label=_("SOP"), queryset=SopRevision.objects.none())

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = SopRevision.objects.filter(sop__office=office)


class RunFilterForm(AlurForm):
    """The run list's query parameters; a bad one is a form error, never a 500."""

    sop = forms.IntegerField(required=False, min_value=1)
    year = forms.IntegerField(required=False, min_value=1900, max_value=9999)
    status = forms.ChoiceField(required=False, choices=[("", "")] + list(_run_statuses()))
    late = forms.BooleanField(required=False)
