"""Forms of the planner's edits (indicator standard, Renja lines, budget, settings)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DecimalTextField

REASON_LABEL = _("Alasan perubahan setelah penetapan")


class LockReasonMixin(forms.Form):
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
    from .models import Indicator

    return forms.ModelChoiceField(
        label=_("Indikator"), required=False, queryset=Indicator.objects.filter(renstra=renstra).order_by("code"),
        empty_label=_("(tanpa indikator)"))


class RenjaLineEditForm(LockReasonMixin):
    code = forms.CharField(label=_("Kode"), max_length=40, required=False)
    name = forms.CharField(label=_("Uraian"), max_length=300, required=False)
    target = DecimalTextField(label=_("Target"), required=False,
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    pagu = DecimalTextField(label=_("Pagu (Rp)"), required=False,
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    field_order = ["code", "name", "indicator", "target", "pagu", "reason"]

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = _indicator_field(renstra)
        self.order_fields(self.field_order)


class RenjaLineAddForm(RenjaLineEditForm):
    """A line from the Renstra (`source` = "program:ID", "kegiatan:ID", "subkegiatan:ID") or a free one."""

    source = forms.ChoiceField(label=_("Mengacu pada Renstra"), required=False)
    field_order = ["source", "code", "name", "indicator", "target", "pagu", "reason"]

    def __init__(self, *args, renstra, **kwargs):
        from .models import Kegiatan, Program, SubKegiatan

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
        from .models import Kegiatan, Program, SubKegiatan

        value = self.cleaned_data.get("source") or ""
        if not value:
            return None
        kind, _sep, pk = value.partition(":")
        model = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}[kind]
        return model.objects.get(pk=int(pk))
