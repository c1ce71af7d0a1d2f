"""Django-side validators: the pure NIP check from alur.core, and the letter-number template."""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core import errors
from alur.core.nip import normalize_nip, validate_nip


def nip_validator(value: str) -> None:
    try:
        validate_nip(value)
    except errors.ValidationError as exc:
        raise ValidationError(exc.message, code=exc.code) from None


def clean_nip(value: str) -> str:
    nip_validator(value)
    return normalize_nip(value)


# The letter-number template is Python's str.format, so it must be held to what the agenda step
# fills in: three named fields, and widths small enough that a number cannot become a gigabyte.
LETTER_NUMBER_FIELDS = ("nomor", "kode", "tahun")
NUMBER_SPEC = re.compile(r"(0?[1-6])?d")  # "", "d", "4d", "03d" … up to width 6
LETTER_NUMBER_MAX_LENGTH = 120
# The longest values the fields can take: six-digit sequence, a 40-character office code, a year.
_WIDEST = {"nomor": 999999, "kode": "K" * 40, "tahun": 9999}


def validate_letter_number_template(value: str) -> None:
    """Refuse anything but {nomor}, {kode}, {tahun} with small numeric formats; name the wrong part."""
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError:
        raise ValidationError(
            _("Kurung kurawal tidak berpasangan. Tulis {{ atau }} untuk kurung kurawal biasa."),
            code="braces",
        ) from None
    used = set()
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if field not in LETTER_NUMBER_FIELDS:
            raise ValidationError(
                _("Kolom %(field)s tidak dikenal. Kolom yang tersedia: {nomor}, {kode}, {tahun}.")
                % {"field": shown},
                code="unknown_field",
            )
        if conversion:
            raise ValidationError(
                _("%(field)s: tanda \"!%(conv)s\" tidak diperbolehkan.") % {"field": shown, "conv": conversion},
                code="conversion",
            )
        if spec and (field == "kode" or not NUMBER_SPEC.fullmatch(spec)):
            allowed = _("tanpa format") if field == "kode" else _(
                "tanpa format, \"d\", atau \"0Nd\" dengan N paling besar 6 (mis. {nomor:03d})")
            raise ValidationError(
                _("Format %(field)s tidak diperbolehkan; %(field_name)s hanya boleh %(allowed)s.")
                % {"field": shown, "field_name": "{" + field + "}", "allowed": allowed},
                code="format_spec",
            )
        used.add(field)
    if "nomor" not in used:
        raise ValidationError(_("Format harus memuat {nomor}, nomor urut surat."), code="no_number")
    widest = value.format(**_WIDEST)
    if len(widest) > LETTER_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("Nomor surat yang dihasilkan bisa sepanjang %(length)s karakter; paling banyak %(max)s.")
            % {"length": len(widest), "max": LETTER_NUMBER_MAX_LENGTH},
            code="too_long",
        )


def render_letter_number(template: str, *, nomor: int, kode: str, tahun: int) -> str:
    """The number a template produces; callers validate the template first."""
    return template.format(nomor=nomor, kode=kode, tahun=tahun)
