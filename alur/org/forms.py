from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Employee
from .validators import clean_nip


class EmployeeForm(forms.ModelForm):
    """Accepts the NIP as people write it ("19700930 199703 1 003") and stores its 18 digits."""

    nip = forms.CharField(label=_("NIP"), max_length=30, help_text=_("18 digit; spasi boleh."))

    class Meta:
        model = Employee
        fields = "__all__"

    def clean_nip(self):
        return clean_nip(self.cleaned_data["nip"])
