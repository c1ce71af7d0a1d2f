from django import forms
from django.utils.translation import gettext_lazy as _

from alur.kit.forms import AlurForm, DateInput

from .models import WEEKDAYS, SpecialDay

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SpecialDayForm(AlurForm):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Jenis"), choices=SpecialDay.Kind.choices)
    note = forms.CharField(label=_("Keterangan"), max_length=200, required=False,
                           help_text=_("Mis. HUT Kabupaten, atau Sabtu kerja pengganti."))


class OfficeHoursForm(AlurForm):
    """Opening and closing per weekday; both empty means the office is closed that day."""

    tz = forms.ChoiceField(label=_("Zona waktu"), choices=[
        ("Asia/Jakarta", _("WIB (Asia/Jakarta)")), ("Asia/Makassar", _("WITA (Asia/Makassar)")),
        ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
    ])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in zip(DAY_KEYS, WEEKDAYS, strict=True):
            self.fields[f"{key}_open"] = forms.TimeField(label=_("%(day)s buka") % {"day": label}, required=False,
                                                         widget=TIME)
            self.fields[f"{key}_close"] = forms.TimeField(label=_("%(day)s tutup") % {"day": label}, required=False,
                                                          widget=TIME)

    def days(self):
        """(label, opening field, closing field) per weekday, for a table."""
        return [(label, self[f"{key}_open"], self[f"{key}_close"])
                for key, label in zip(DAY_KEYS, WEEKDAYS, strict=True)]

    def hours(self) -> dict:
        return {key: (self.cleaned_data[f"{key}_open"], self.cleaned_data[f"{key}_close"]) for key in DAY_KEYS}

    @staticmethod
    def initial_for(calendar) -> dict:
        initial = {"tz": calendar.tz}
        for key, pair in zip(DAY_KEYS, calendar.hours, strict=True):
            initial[f"{key}_open"], initial[f"{key}_close"] = pair if pair else (None, None)
        return initial
