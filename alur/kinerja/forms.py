from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alur.core.errors import ValidationError as CoreValidationError
from alur.core.kinerja import to_decimal_or_none
from alur.core.numbers import NOTATION_HELP
from alur.kit.forms import AlurForm, IdMultipleChoiceField

from .models import Realisasi


class DecimalTextField(forms.CharField):
    """A number as offices write it and Alur prints it ("12,5", "1.250,75", "1.000" = one thousand);
    read by the core's to_decimal, whose rule the help text states unless the field has its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", NOTATION_HELP)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return to_decimal_or_none(value)
        except CoreValidationError as error:
            raise ValidationError(error.message, code=error.code) from error


class RealisasiForm(AlurForm):
    value = DecimalTextField(label=_("Realisasi"), required=False,
                             widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    faktor_pendorong = forms.CharField(label=_("Faktor pendorong"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    faktor_penghambat = forms.CharField(label=_("Faktor penghambat"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    langkah_perbaikan = forms.CharField(label=_("Langkah perbaikan"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(AlurForm):
    file = forms.FileField(label=_("Berkas"), required=False)
    url = forms.URLField(label=_("Tautan"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SendBackForm(AlurForm):
    reason = forms.CharField(label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2}))


class BulkApproveForm(AlurForm):
    """The realisations chosen on the pengesahan queue (any of the office's: one approved meanwhile
    reaches the service, which names who approved it)."""

    realisasi = IdMultipleChoiceField(label=_("Realisasi"), queryset=Realisasi.objects.none(),
                                      error_messages={"required": _("Pilih minimal satu realisasi untuk disahkan."),
                                                      "invalid_choice": _("Realisasi yang dipilih tidak ditemukan; "
                                                                          "muat ulang halaman.")})

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["realisasi"].queryset = Realisasi.objects.filter(indicator__renstra__office=office)


class ImportForm(AlurForm):
    file = forms.FileField(label=_("Berkas XLSX"))
    confirm = forms.BooleanField(label=_("Simpan perubahan (bukan uji coba)"), required=False)


class LockableImportForm(ImportForm):
    """An import whose rows may touch data a signed document fixed (targets, realisations)."""

    reason = forms.CharField(label=_("Alasan perubahan setelah penetapan"), required=False, max_length=500,
                             help_text=_("Wajib bila berkas mengubah data yang sudah ditetapkan dalam dokumen "
                                         "yang ditandatangani (PK, laporan data kinerja); dicatat di jejak."))


class PkForm(AlurForm):
    pihak_kedua_name = forms.CharField(label=_("Nama pihak kedua"), max_length=200)
    pihak_kedua_title = forms.CharField(label=_("Jabatan pihak kedua"), max_length=200,
                                        help_text=_("Jabatan atasan yang menandatangani, mis. 'Bupati' "
                                                    "diikuti nama kabupaten OPD ini."))
