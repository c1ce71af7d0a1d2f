"""Forms of the planner's edits (indicator standard, Renja lines, budget, settings)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alur.kit.forms import AlurForm, IdChoiceField
from alur.org.models import Unit

from .forms import DecimalTextField
from .models import Indicator, Kegiatan, Program, SubKegiatan

REASON_LABEL = _("Alasan perubahan setelah penetapan")


class LockReasonMixin(AlurForm):
    """The reason a change to ditetapkan data needs; shown only when the data is locked."""

    reason = forms.CharField(label=REASON_LABEL, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NationalStandardForm(LockReasonMixin):
    national_standard = DecimalTextField(
        label=_("Standar nasional"), required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    national_standard_source = forms.CharField(
        label=_("Sumber standar nasional"), max_length=200, required=False,
        help_text=_("Mis. 'RPJMN 2020–2024' atau standar kementerian."))
    field_order = ["national_standard", "national_standard_source", "reason"]


def _indicator_field(renstra):
    return IdChoiceField(
        label=_("Indikator"), required=False, queryset=Indicator.objects.filter(renstra=renstra).order_by("code"),
        empty_label=_("(tanpa indikator)"))


class RenjaLineEditForm(LockReasonMixin):
    code = forms.CharField(label=_("Kode"), max_length=40, required=False)
    name = forms.CharField(label=_("Uraian"), max_length=300, required=False)
    target = DecimalTextField(label=_("Target"), required=False,
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    pagu = DecimalTextField(label=_("Pagu (Rp)"), required=False,
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    lokasi = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    sumber_dana = forms.CharField(label=_("Sumber dana"), max_length=100, required=False,
                                  help_text=_("Mis. 'APBD', 'DAK'."))
    target_maju = DecimalTextField(label=_("Prakiraan maju: target"), required=False,
                                   widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    pagu_maju = DecimalTextField(label=_("Prakiraan maju: pagu (Rp)"), required=False,
                                 widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    field_order = ["code", "name", "indicator", "target", "pagu", "lokasi", "sumber_dana", "target_maju",
                   "pagu_maju", "reason"]

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = _indicator_field(renstra)
        self.order_fields(self.field_order)


class RenjaLineAddForm(RenjaLineEditForm):
    """A line from the Renstra (`source` = "program:ID", "kegiatan:ID", "subkegiatan:ID") or a free one."""

    source = forms.ChoiceField(label=_("Mengacu pada Renstra"), required=False)
    field_order = ["source", "code", "name", "indicator", "target", "pagu", "lokasi", "sumber_dana", "target_maju",
                   "pagu_maju", "reason"]

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, renstra=renstra, **kwargs)
        choices = [("", _("— baris bebas (tidak mengacu pada Renstra): isi kode dan uraian —"))]
        choices += [(f"program:{p.pk}", f"{p.code} {p.name}") for p in Program.objects.filter(renstra=renstra)]
        choices += [(f"kegiatan:{k.pk}", f"{k.code} {k.name}")
                    for k in Kegiatan.objects.filter(program__renstra=renstra)]
        choices += [(f"subkegiatan:{s.pk}", f"{s.code} {s.name}")
                    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)]
        self.fields["source"].choices = sorted(choices, key=lambda c: (c[0] != "", c[1]))
        self.renstra = renstra

    def node(self):
        """The Renstra programme, kegiatan or sub-kegiatan chosen, or None for a free line."""
        value = self.cleaned_data.get("source") or ""
        if not value:
            return None
        kind, _sep, pk = value.partition(":")
        model = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}[kind]
        return model.objects.get(pk=int(pk))


class BudgetForm(LockReasonMixin):
    """One budget line in one triwulan: `line` = "program:ID" or "kegiatan:ID"."""

    line = forms.ChoiceField(label=_("Program / kegiatan"))
    triwulan = forms.TypedChoiceField(label=_("Triwulan"), coerce=int,
                                      choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")])
    pagu = DecimalTextField(label=_("Pagu (Rp)"), required=False,
                            help_text=_("Kosongkan bila tidak diubah. Hanya unit perencanaan."),
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    realisasi = DecimalTextField(label=_("Realisasi anggaran (Rp)"), required=False,
                                 help_text=_("Kosongkan bila tidak diubah."),
                                 widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    field_order = ["line", "triwulan", "pagu", "realisasi", "reason"]

    def __init__(self, *args, rows, can_set_pagu: bool, kegiatan=(), **kwargs):
        """`rows`: the budget table's rows (those the user may enter); `kegiatan`: further kegiatan
        the planner may give a first pagu."""
        super().__init__(*args, **kwargs)
        options = {}
        for row in rows:
            if row.can_enter:
                key = f"kegiatan:{row.kegiatan.pk}" if row.kegiatan else f"program:{row.program.pk}"
                options[key] = (row.program, row.kegiatan)
        for item in kegiatan:
            options.setdefault(f"kegiatan:{item.pk}", (item.program, item))
        self._nodes = options
        self.fields["line"].choices = sorted(
            ((key, f"{(k or p).code} {(k or p).name}") for key, (p, k) in options.items()), key=lambda c: c[1])
        if not can_set_pagu:
            del self.fields["pagu"]

    def nodes(self):
        """(program, kegiatan or None) of the chosen line."""
        return self._nodes[self.cleaned_data["line"]]


class SettingsForm(AlurForm):
    planning_unit = IdChoiceField(
        label=_("Unit perencanaan"), queryset=Unit.objects.none(), required=False,
        help_text=_("Unit Kasubbag PPMEP: memverifikasi realisasi dan mengubah rencana."))
    window_opens_after = forms.IntegerField(
        label=_("Pengisian dibuka (hari kerja setelah triwulan berakhir)"), min_value=0,
        help_text=_("0 = hari kerja pertama setelah akhir triwulan."))
    window_closes_after = forms.IntegerField(
        label=_("Pengisian ditutup (hari kerja setelah triwulan berakhir)"), min_value=1,
        help_text=_("Mis. 10 = hari kerja ke-10 setelah akhir triwulan adalah hari terakhir tepat waktu."))
    efficiency_margin = DecimalTextField(
        label=_("Batas efisiensi (poin)"),
        help_text=_("Capaian lebih dari batas ini di atas serapan: efisien; dalam ±batas: cukup efisien; "
                    "di bawahnya: tidak efisien."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    efficiency_rule_name = forms.CharField(label=_("Nama aturan efisiensi"), max_length=200, required=False,
                                           help_text=_("Nama aturan yang ditetapkan OPD ini, mis. keputusan "
                                                       "Kepala Dinas yang menetapkannya."))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planning_unit"].queryset = Unit.objects.filter(office=office).order_by("name")
