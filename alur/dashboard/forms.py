from django import forms
from django.utils.translation import gettext_lazy as _

from alur.core.realism import DEFAULT_MIN_RUNS
from alur.kit.forms import AlurForm, DateInput

from .sakip import ITEMS
from .selectors import Period


class PeriodForm(AlurForm):
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())

    def __init__(self, data, *, default: Period, **kwargs):
        super().__init__(data, **kwargs)
        self.default = default

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari") or self.default.start, cleaned.get("sampai") or self.default.end
        if start > end:
            raise forms.ValidationError(_("Tanggal 'dari' (%(a)s) harus sebelum tanggal 'sampai' (%(b)s).")
                                        % {"a": start, "b": end})
        if (end - start).days > 366 * 10:
            raise forms.ValidationError(_("Rentang waktu paling lama sepuluh tahun."))
        cleaned["period"] = Period(start, end)
        return cleaned


class NowForm(PeriodForm):
    tahun = forms.IntegerField(label=_("Tahun kinerja"), required=False, min_value=2000, max_value=2100)


class RealismForm(PeriodForm):
    min_runs = forms.IntegerField(label=_("Minimal jumlah data per langkah"), required=False, min_value=1,
                                  max_value=100000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("min_runs") is None:
            cleaned["min_runs"] = DEFAULT_MIN_RUNS
        return cleaned


class SakipDeadlineForm(AlurForm):
    butir = forms.ChoiceField(label=_("Butir"), choices=())
    tenggat = forms.DateField(label=_("Tenggat"), widget=DateInput())
    setiap_tahun = forms.BooleanField(label=_("Berlaku setiap tahun"), required=False)
    dasar = forms.CharField(label=_("Dasar (kosong: ketentuan kantor)"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["butir"].choices = [(item.key, item.label) for item in ITEMS]


def form_errors(form) -> str:
    return "; ".join(f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}".lstrip(": ")
                     for name, errors in form.errors.items())
