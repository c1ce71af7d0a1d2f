"""Forms for the office admin's data induk pages (and the NIP-tolerant form Django admin uses).

Forms check the shape of the input; the services in services.py check the rules and raise
ValidationError keyed by these field names, which `add_service_errors` puts back on the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alur.kit.forms import AlurForm, AlurModelForm, DateInput, IdChoiceField, bounded_formfield

from .models import Employee, Office, Position, StandIn, Unit
from .validators import clean_nip, render_letter_number, validate_letter_number_template

DATE = DateInput()


class EmployeeForm(AlurModelForm):
    """Accepts the NIP as people write it ("19700930 199703 1 003") and stores its 18 digits."""

    nip = forms.CharField(label=_("NIP"), max_length=30, help_text=_("18 digit; spasi boleh."))

    class Meta:
        formfield_callback = bounded_formfield
        model = Employee
        fields = "__all__"

    def clean_nip(self):
        return clean_nip(self.cleaned_data["nip"])


class OfficeEmployeeForm(AlurForm):
    name = forms.CharField(label=_("Nama lengkap dan gelar"), max_length=200)
    nip = forms.CharField(label=_("NIP"), max_length=30,
                          help_text=_("18 digit; spasi boleh, mis. 19900101 201501 2 001."))
    rank = forms.CharField(label=_("Pangkat/golongan"), max_length=80, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    is_office_admin = forms.BooleanField(
        label=_("Admin OPD"), required=False, help_text=_("Boleh mengelola data induk dan SOP OPD ini."))

    def clean_nip(self):
        return clean_nip(self.cleaned_data["nip"])

    @staticmethod
    def initial_for(employee: Employee) -> dict:
        return {"name": employee.name, "nip": employee.nip_formatted, "rank": employee.rank, "email": employee.email,
                "is_office_admin": employee.is_office_admin}


class AccountForm(AlurForm):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150,
                               help_text=_("Huruf, angka dan @ . + - _ saja."))
    password1 = forms.CharField(label=_("Kata sandi baru"), required=False, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("Paling sedikit 8 karakter. Kosongkan bila tidak diganti."))
    password2 = forms.CharField(label=_("Ulangi kata sandi baru"), required=False, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1", "") != data.get("password2", ""):
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        return data


class HoldingForm(AlurForm):
    employee = IdChoiceField(label=_("Pegawai"), queryset=Employee.objects.none(),
                                      empty_label=_("(pilih pegawai)"))
    start = forms.DateField(label=_("Mulai memangku"), widget=DATE)

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = office.employees.all()


class StandInForm(AlurForm):
    employee = IdChoiceField(label=_("Pegawai"), queryset=Employee.objects.none(),
                                      empty_label=_("(pilih pegawai)"))
    kind = forms.ChoiceField(label=_("Jenis"), choices=StandIn.Kind.choices)
    start = forms.DateField(label=_("Mulai"), widget=DATE)
    end = forms.DateField(label=_("Selesai"), widget=DATE)
    basis = forms.CharField(label=_("Dasar penunjukan"), max_length=200,
                            help_text=_("Mis. Surat Perintah Bupati Nomor 800/123/BKPSDM/2026."))

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = office.employees.all()


class UnitForm(AlurForm):
    name = forms.CharField(label=_("Nama unit kerja"), max_length=200)
    parent = IdChoiceField(label=_("Unit induk"), queryset=Unit.objects.none(), required=False,
                                    empty_label=_("(tidak ada)"))

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = office.units.all()


class PositionForm(AlurForm):
    name = forms.CharField(label=_("Nama jabatan"), max_length=200)
    unit = IdChoiceField(label=_("Unit kerja"), queryset=Unit.objects.none(), empty_label=_("(pilih unit)"))
    is_head = forms.BooleanField(label=_("Kepala OPD"), required=False,
                                 help_text=_("Pejabat yang mengesahkan SOP dan menandatangani dokumen."))

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = office.units.all()

    @staticmethod
    def initial_for(position: Position) -> dict:
        return {"name": position.name, "unit": position.unit_id, "is_head": position.is_head}


class LetterNumberForm(AlurModelForm):
    """The model field's validator (validators.validate_letter_number_template) checks the template."""

    class Meta:
        formfield_callback = bounded_formfield
        model = Office
        fields = ["letter_number_template"]
        widgets = {"letter_number_template": forms.TextInput(attrs={"class": "font-monospace"})}

    def preview(self, office: Office) -> tuple[str, str]:
        """(example, error) for the template typed so far, for the live example beside the field."""
        template = self.data.get("letter_number_template", "")
        try:
            validate_letter_number_template(template)
        except ValidationError as exc:
            return "", " ".join(exc.messages)
        return render_letter_number(template, nomor=7, kode=office.short_code, tahun=2026), ""


class OfficeIdentityForm(AlurForm):
    """What the office's documents print about it: the seat they are signed in, address and logo."""

    seat = forms.CharField(label=_("Kedudukan (tempat penandatanganan)"), max_length=100,
                           help_text=_("Kota tempat kantor berkedudukan, ditulis sebelum tanggal pada dokumen yang "
                                       "ditandatangani, mis. Kuala Tungkal."))
    address = forms.CharField(label=_("Alamat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    logo = forms.FileField(label=_("Logo"), required=False,
                           help_text=_("PNG atau JPG, paling besar 2 MB; tampil pada sampul dokumen dan cetakan SOP."),
                           widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"}))
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)

    @staticmethod
    def initial_for(office: Office) -> dict:
        return {"seat": office.seat, "address": office.address}
