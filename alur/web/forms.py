from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's Indonesian message inserts the field's name into a sentence that already names it
    # ("Masukkan nama pengguna nama pengguna dan sandi …"); say it once.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Masukkan nama pengguna dan kata sandi yang benar. Huruf besar dan kecil dibedakan."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin OPD."),
    }
