from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's Indonesian message inserts the field's name into a sentence that already names it
    # ("Masukkan nama pengguna nama pengguna dan sandi …"); say it once.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Masukkan nama pengguna dan kata sandi yang benar. Huruf besar dan kecil dibedakan."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin OPD."),
    }


class AlurPasswordChangeForm(PasswordChangeForm):
    """The same words as the rest of Alur ("kata sandi", never both "sandi" and "kata sandi")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field when the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
