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
