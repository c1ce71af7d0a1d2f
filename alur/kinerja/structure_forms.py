"""Forms of the Renstra structure pages. They only shape the input; every rule (code shapes,
uniqueness, the office's units, the Renstra period) is checked by `services.structure`, whose
field-named errors the views put back on these forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alur.kit.forms import AlurForm, IdChoiceField
from alur.org.models import Position, Unit

from .forms import DecimalTextField
from .models import Indicator, Sasaran, Tujuan

NUMBER = {"inputmode": "decimal", "autocomplete": "off"}


class RenstraCreateForm(AlurForm):
    title = forms.CharField(label=_("Judul"), max_length=300, initial="Rencana Strategis")
    start_year = forms.IntegerField(label=_("Tahun awal"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Tahun akhir"), min_value=2000, max_value=2100,
                                  help_text=_("Tahun awal + 5, mis. 2021–2026."))


class RevisionForm(AlurForm):
    reason = forms.CharField(label=_("Alasan revisi"), widget=forms.Textarea(attrs={"rows": 2}))


class CodeNameForm(AlurForm):
    code = forms.CharField(label=_("Kode"), max_length=40)
    name = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 2}))


class SasaranForm(CodeNameForm):
    tujuan = IdChoiceField(label=_("Tujuan"), queryset=Tujuan.objects.none())

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = Tujuan.objects.filter(renstra=renstra).order_by("code")


def _units(office):
    return Unit.objects.filter(office=office).order_by("name")


class LineForm(CodeNameForm):
    """A programme, kegiatan or sub-kegiatan: dotted code, name, responsible unit."""

    unit = IdChoiceField(label=_("Unit penanggung jawab"), queryset=Unit.objects.none())

    def __init__(self, *args, office, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(office)
        self.fields["code"].help_text = _("Kode bertitik; kegiatan diawali kode programnya, sub-kegiatan diawali kode "
                                          "kegiatannya.")
        self.years = list(years)
        for year in self.years:
            self.fields[f"pagu_{year}"] = DecimalTextField(
                label=_("Pagu indikatif %(year)s (Rp)") % {"year": year}, required=False,
                widget=forms.TextInput(attrs=NUMBER))

    def clean(self):
        cleaned = super().clean()
        for year in self.years:
            amount = cleaned.get(f"pagu_{year}")
            if amount is not None and amount < 0:
                self.add_error(f"pagu_{year}", _("Pagu tidak boleh negatif."))
        return cleaned

    def split(self) -> tuple[dict, dict]:
        """(the line's fields for the service, {year: pagu} of the years filled in)."""
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("pagu_")}
        pagu = {year: self.cleaned_data[f"pagu_{year}"] for year in self.years
                if self.cleaned_data.get(f"pagu_{year}") is not None}
        return data, pagu


class ProgramForm(LineForm):
    sasaran = IdChoiceField(label=_("Mendukung sasaran"), queryset=Sasaran.objects.none(), required=False)

    def __init__(self, *args, office, renstra, **kwargs):
        super().__init__(*args, office=office, years=renstra.years, **kwargs)
        self.fields["sasaran"].queryset = Sasaran.objects.filter(tujuan__renstra=renstra).order_by("code")


class IndicatorForm(AlurForm):
    """Every field of an indicator, and one target per Renstra year (fields target_<year>)."""

    code = forms.CharField(label=_("Kode indikator"), max_length=40)
    name = forms.CharField(label=_("Indikator"), max_length=400)
    definisi = forms.CharField(label=_("Definisi operasional"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    formula = forms.CharField(label=_("Formula"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    alasan = forms.CharField(label=_("Alasan pemilihan IKU"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Untuk IKU: mengapa indikator ini dipilih; dicetak pada lampiran Keputusan "
                                         "IKU."))
    kind = forms.ChoiceField(label=_("Jenis formula"), choices=Indicator.Kind.choices)
    satuan = forms.CharField(label=_("Satuan"), max_length=60)
    sumber_data = forms.CharField(label=_("Sumber data"), max_length=300, required=False)
    unit = IdChoiceField(label=_("Unit penanggung jawab"), queryset=Unit.objects.none())
    position = IdChoiceField(label=_("Jabatan penanggung jawab"), queryset=Position.objects.none(),
                                      required=False)
    polarity = forms.ChoiceField(label=_("Polaritas"), choices=Indicator.PolarityChoice.choices)
    turun_formula = forms.ChoiceField(label=_("Rumus capaian turun baik"),
                                      choices=Indicator.TurunFormulaChoice.choices)
    band_low = DecimalTextField(label=_("Rentang: batas bawah"), required=False,
                                widget=forms.TextInput(attrs=NUMBER))
    band_high = DecimalTextField(label=_("Rentang: batas atas"), required=False,
                                 widget=forms.TextInput(attrs=NUMBER))
    band_falloff = DecimalTextField(label=_("Rentang: pengurangan per satuan di luar rentang"), required=False,
                                    widget=forms.TextInput(attrs=NUMBER))
    aggregation = forms.ChoiceField(label=_("Agregasi tahunan"), choices=Indicator.AggregationChoice.choices)
    is_iku = forms.BooleanField(label=_("Indikator Kinerja Utama (IKU)"), required=False)
    baseline = DecimalTextField(label=_("Kondisi awal"), required=False, widget=forms.TextInput(attrs=NUMBER))
    national_standard = DecimalTextField(label=_("Standar nasional"), required=False,
                                         widget=forms.TextInput(attrs=NUMBER))
    national_standard_source = forms.CharField(label=_("Sumber standar nasional"), max_length=200, required=False,
                                               help_text=_("Mis. 'RPJMN 2020–2024' atau standar kementerian."))

    def __init__(self, *args, office, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(office)
        self.fields["position"].queryset = (Position.objects.filter(office=office).select_related("unit")
                                            .order_by("unit__name", "name"))
        self.fields["position"].label_from_instance = lambda p: f"{p.name} ({p.unit.name})"
        self.years = list(years)
        for year in self.years:
            self.fields[f"target_{year}"] = DecimalTextField(
                label=_("Target %(year)s") % {"year": year}, required=False, widget=forms.TextInput(attrs=NUMBER))

    def service_fields(self) -> dict:
        """The cleaned data as `services.structure.indicator_create` takes it."""
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("target_")}
        data.pop("reason", None)  # the edit page adds it; creation has nothing locked
        data["targets"] = {year: self.cleaned_data.get(f"target_{year}") for year in self.years
                           if self.cleaned_data.get(f"target_{year}") is not None}
        return data
