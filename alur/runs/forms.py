from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alur.core.kinerja.periods import ROMAN
from alur.kit.forms import AlurForm, AlurModelForm, DateInput, IdChoiceField, bounded_formfield
from alur.org.models import Employee, Position
from alur.sop.models import SopRevision

from . import about
from .filenames import shorten
from .models import IncomingLetter, Run
from .selectors import runs_started_by
from .services.assignment import columns_of
from .services.letters import check_letter_dates

TRIWULAN_CHOICES = [(q, f"Triwulan {roman}") for q, roman in ROMAN.items()]


def _run_statuses():
    return Run.Status.choices


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
    year = forms.IntegerField(label=_("Tahun yang dilaporkan / direncanakan"), min_value=2000, max_value=2100,
                              required=False)
    triwulan = forms.TypedChoiceField(label=_("Triwulan yang dikumpulkan"), coerce=int, empty_value=None,
                                      required=False, choices=[("", "---------"), *TRIWULAN_CHOICES])
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
        self._subject_fields(office)
        self._add_chosen_position_fields(office)

    def _add_chosen_position_fields(self, office):
        """A select per actor column mapped to several positions "dipilih saat alur dimulai", for each
        approved SOP of the office that has one (only the chosen SOP's selects count)."""
        self.chosen_fields: dict[int, list[tuple[str, str]]] = {}  # revision id -> [(actor, field name)]
        for revision in self.fields["revision"].queryset:
            for i, column in enumerate(c for c in columns_of(revision).values() if c.chosen_at_start):
                name = f"chosen_{revision.pk}_{i}"
                self.fields[name] = IdChoiceField(
                    label=_("%(actor)s — untuk SOP %(sop)s") % {"actor": column.actor, "sop": revision.nama},
                    queryset=Position.objects.filter(pk__in=[p.pk for p in column.positions]), required=False,
                    help_text=_("Kolom ini berarti beberapa jabatan; pilih jabatan yang dituju alur ini."))
                self.chosen_fields.setdefault(revision.pk, []).append((column.actor, name))

    def chosen_positions(self) -> dict:
        """{actor: Position} chosen for the selected SOP's columns (run_start refuses a missing one)."""
        revision = self.cleaned_data.get("revision")
        if revision is None:
            return {}
        return {actor: self.cleaned_data[name] for actor, name in self.chosen_fields.get(revision.pk, [])
                if self.cleaned_data.get(name) is not None}

    def _subject_fields(self, office) -> None:
        """The subject's year and triwulan: the chosen SOP's defaults when it is known (?revision=),
        and the defaults of each kind of SOP for today in the help text (left empty, they apply)."""
        today = timezone.localdate()
        revision_id = str((self.initial or {}).get("revision") or "")
        revision = (self.fields["revision"].queryset.filter(pk=int(revision_id)).first()
                    if revision_id.isdigit() and len(revision_id) < 16 else None)
        need = about.need_of(revision) if revision is not None else None
        if need is not None:
            year, triwulan = need.default(today)
            self.fields["year"].initial = year
            self.fields["triwulan"].initial = triwulan if need.quarterly else None
        elif revision is not None or not about.needs():
            self.fields["year"].initial = today.year
        defaults = []
        for each in about.needs():
            year, triwulan = each.default(today)
            defaults.append(f"{each.label} {about.About(year, triwulan if each.quarterly else None).label}")
        if defaults:
            self.fields["year"].help_text = _(
                "Tahun yang menjadi pokok alur (mis. LKjIP Tahun 2026 = kinerja 2026). Bila dikosongkan: %(d)s.") % {
                "d": "; ".join(dict.fromkeys(defaults))}
        self.fields["triwulan"].help_text = _("Hanya untuk SOP pengumpulan data kinerja; bila dikosongkan, "
                                              "triwulan yang baru berakhir.")

    def _check_quarter(self, data) -> None:
        """A year chosen for a collection with the triwulan left empty, when none of that year's quarters
        has ended yet: ask for the triwulan rather than quietly collect another year's."""
        revision, year = data.get("revision"), data.get("year")
        need = about.need_of(revision) if revision is not None else None
        if need is None or not need.quarterly or year is None or data.get("triwulan") is not None:
            return
        if about.choose(need, timezone.localdate(), year, None).year != year:
            self.add_error("triwulan", _("Belum ada triwulan %(year)s yang berakhir; pilih triwulan yang "
                                         "dikumpulkan.") % {"year": year})

    def clean(self):
        """One letter, one run, unless meant: a letter that already started a run needs the confirmation."""
        data = super().clean()
        self._check_quarter(data)
        letter = data.get("letter")
        if letter is not None and not data.get("confirm_second"):

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
