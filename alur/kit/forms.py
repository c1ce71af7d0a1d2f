"""The base of every form of Alur, and the account forms.

`AlurForm`/`AlurModelForm` put every field under the one text rule of alur.core.text (issue 16
item 10: a control character stored in a note once made every DOCX of the office fail) and keep
every integer and row id inside the database's 64-bit range (item 11: a huge number in a form or a
query parameter was an OverflowError on SQLite). tests/web/test_form_text_rule.py fails for a form
class in alur/ that does not derive from them.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from alur.core.text import normalise_line_breaks, text_error

from .converters import INT64_MAX


def _fits_int64(value: object) -> bool:
    """False for an integer (or a string of digits) outside what an id or integer column can hold."""
    if isinstance(value, str):
        digits = value.strip().removeprefix("-").removeprefix("+")
        if not (digits.isascii() and digits.isdigit()):
            return True  # not a number: the field's own parsing refuses it
        if len(digits) > 19:
            return False
        value = int(value)
    return not isinstance(value, int) or -INT64_MAX - 1 <= value <= INT64_MAX


def check_text_rule(value: object) -> None:
    """Validator of every field: text under the one rule, integers within 64 bits."""
    for item in value if isinstance(value, list | tuple) else [value]:
        if isinstance(item, str):
            error = text_error(item)
            if error is not None:
                raise ValidationError(error, code="forbidden_character")
        elif isinstance(item, int) and not isinstance(item, bool) and not _fits_int64(item):
            raise ValidationError(_("Angka terlalu besar."), code="out_of_range")


class TextRuleMixin:
    """Every field of the form under `check_text_rule`, fields added in `__init__` included;
    Windows line ends of a text stored as one line feed (passwords are left as typed)."""

    def _clean_fields(self):
        for field in self.fields.values():
            if check_text_rule not in field.validators:
                field.validators.append(check_text_rule)
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str) and not isinstance(self.fields[name].widget, forms.PasswordInput):
                self.cleaned_data[name] = normalise_line_breaks(value)


class _IdRange:
    """A row id chosen in a form: a number beyond 64 bits is an invalid choice, not a database error."""

    def _refuse_out_of_range(self, values):
        if any(not _fits_int64(value) for value in values):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": next(v for v in values if not _fits_int64(v))})


class IdChoiceField(_IdRange, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._refuse_out_of_range([value])
        return super().to_python(value)


class IdMultipleChoiceField(_IdRange, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        self._refuse_out_of_range(list(value))
        return super()._check_values(value)


def bounded_formfield(db_field, **kwargs):
    """A model form's foreign keys as id fields bounded to 64 bits."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", IdChoiceField)
    return db_field.formfield(**kwargs)


# How a date is typed where the browser offers no date picker (and how Indonesian writes it):
# hari/bulan/tahun. Django's Indonesian input formats read 04/01/2027 as 4 Januari 2027.
DATE_HINT = _("hh/bb/tttt")


class DateInput(forms.DateInput):
    """The one date widget: the browser's date picker (it submits ISO dates whatever it displays);
    where a browser falls back to a text box the placeholder shows the Indonesian order."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": DATE_HINT, **(attrs or {})}, format="%Y-%m-%d")


class AlurForm(TextRuleMixin, forms.Form):
    pass


class AlurModelForm(TextRuleMixin, forms.ModelForm):
    """Give its Meta `formfield_callback = bounded_formfield` (Django reads only the form's own Meta)."""


class LoginForm(TextRuleMixin, AuthenticationForm):
    # Django's Indonesian message inserts the field's name into a sentence that already names it
    # ("Masukkan nama pengguna nama pengguna dan sandi …"); say it once.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Masukkan nama pengguna dan kata sandi yang benar. Huruf besar dan kecil dibedakan."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin OPD."),
    }


class AlurPasswordChangeForm(TextRuleMixin, PasswordChangeForm):
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
