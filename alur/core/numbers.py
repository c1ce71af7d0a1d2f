"""The one place where Alur reads and writes numbers (pure: no Django).

One Indonesian notation everywhere — pages, DOCX, PDF, chart labels, messages: a dot groups
thousands and a comma marks decimals ("1.250.000", "97,40"). Precision follows what a figure is:
``rupiah`` whole rupiah; ``persen`` (percentages, capaian, serapan) two decimals; ``angka`` (targets,
realisations) as entered, at most two decimals; XLSX cells get the matching ``xlsx_format``.

Reading (``to_decimal``) accepts what Alur prints. The rule, the same in every field:
- a comma is the decimal separator and may appear once ("12,5");
- a dot followed by exactly three digits groups thousands ("1.000" is one thousand, "2.300.000");
- a dot that cannot be a thousands group — not followed by exactly three digits ("12.5"), or after
  a leading 0 ("0.250") — is a decimal point, as a browser's number field or an English
  spreadsheet writes it;
- with both signs present the last one is the decimal separator ("1,250.75" = "1.250,75").
So "1.250" is one thousand two hundred and fifty, never 1,25: Alur itself prints that figure so,
and reading back what it prints must give the same number. ``NOTATION_HELP`` says this to people.

Policy on float: ``to_decimal`` is the one door from the outside world and converts a float
through ``str()`` (12.5 becomes Decimal("12.5"), not 12.4999…); formulas reject a float with
TypeError (``require_decimal``). Rounding is ROUND_HALF_UP, only at presentation.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from alur.core.errors import ValidationError

# The help text of every number field and the hint of every notation error.
NOTATION_HELP = ("Titik memisahkan ribuan dan koma memisahkan desimal, seperti Alur mencetaknya: "
                 "1.250,5 (1.000 = seribu).")

# Wide enough that no formula input a person can type loses digits in + − ×; divisions round here.
CONTEXT = Context(prec=40, rounding=ROUND_HALF_UP)

HUNDRED = Decimal(100)

# A pagu in rupiah is at most about 10^13; 18 whole digits is generous and still catches a pasted
# row of digits (and keeps every figure within the precision above).
MAX_WHOLE_DIGITS = 18

_MINUS_SIGNS = "-\u2212\u2013"  # ASCII hyphen, the Unicode minus, and the en dash Word puts in
_SPACES = " \u00a0\u202f\u2009"  # ordinary, no-break, narrow no-break and thin space
_DIGITS = re.compile(r"\d+")


def _is_grouped(text: str, separator: str) -> bool:
    """True when ``text`` is digits written in thousands groups with ``separator`` ("1.250.000")."""
    return re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(separator)}\d{{3}})+", text) is not None


def _not_a_number(shown: str, detail: str = "", notation: bool = False) -> ValidationError:
    """`notation`: the digits are there but the separators break the rule, so the rule is stated."""
    message = f"'{shown}' bukan angka"
    if detail:
        message += f" ({detail})"
    return ValidationError(f"{message}. {NOTATION_HELP}" if notation else message, code="not_a_number")


def to_decimal(text_or_number: object) -> Decimal:
    """Read a number the way an Indonesian office writes it, or raise ValidationError.

    Accepted: Decimal, int, float (via ``str()``), and text such as "12,5", "1.250,75",
    "1.250.000", "-3", "12.5" (a lone dot not followed by exactly three digits is a decimal point,
    as an HTML number field sends it), "1.250" (one thousand two hundred and fifty, as Alur prints
    it; see the module's rule). Rejected with a message naming the value: empty text, words,
    NaN/infinity, exponents, "%" and currency signs, irregular groups.
    """
    if isinstance(text_or_number, bool):
        raise _not_a_number(str(text_or_number), "nilai benar/salah, bukan angka")
    if isinstance(text_or_number, Decimal):
        return _finite(text_or_number, str(text_or_number))
    if isinstance(text_or_number, int):
        return Decimal(text_or_number)
    if isinstance(text_or_number, float):
        return _finite(Decimal(str(text_or_number)), str(text_or_number))
    if not isinstance(text_or_number, str):
        raise _not_a_number(str(text_or_number), f"jenis {type(text_or_number).__name__}")
    return _parse_text(text_or_number)


def to_decimal_or_none(text_or_number: object) -> Decimal | None:
    """Like ``to_decimal`` but an empty cell or blank text means "not filled in" (None)."""
    if text_or_number is None:
        return None
    if isinstance(text_or_number, str) and not text_or_number.strip(_SPACES + "\t\r\n"):
        return None
    return to_decimal(text_or_number)


def _finite(value: Decimal, shown: str) -> Decimal:
    if not value.is_finite():
        raise _not_a_number(shown, "nilai tak hingga atau NaN tidak dapat dihitung")
    return value


def _parse_text(raw: str) -> Decimal:
    text = raw.strip(_SPACES + "\t\r\n")
    if not text:
        raise ValidationError("Nilai kosong: isi dengan angka.", code="empty")
    sign = ""
    if text[0] in _MINUS_SIGNS or text[0] == "+":
        sign = "-" if text[0] in _MINUS_SIGNS else ""
        text = text[1:]
    if "%" in text:
        raise _not_a_number(raw, "tulis tanpa tanda %")
    if text.lower().startswith("rp"):
        raise _not_a_number(raw, "tulis tanpa 'Rp'")
    plain = _plain_digits(text, raw)
    if len(plain.partition(".")[0].lstrip("0")) > MAX_WHOLE_DIGITS:
        raise _not_a_number(raw, f"lebih dari {MAX_WHOLE_DIGITS} angka sebelum koma; periksa kembali")
    try:
        return Decimal(sign + plain)
    except InvalidOperation:  # pragma: no cover - _plain_digits only lets digits and one dot through
        raise _not_a_number(raw) from None


def _plain_digits(text: str, raw: str) -> str:
    """Turn the written number (without sign) into "1234.5" form, or raise naming the problem."""
    if not text or not set(text) <= set("0123456789.,"):
        raise _not_a_number(raw)
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = text.rpartition(decimal_sep)
        if not _is_grouped(whole, group_sep) or not _DIGITS.fullmatch(fraction):
            raise _not_a_number(raw, "pemisah ribuan dan desimal tidak beraturan; contoh yang benar: 1.250,75",
                                notation=True)
        return whole.replace(group_sep, "") + "." + fraction
    if has_comma:
        whole, _, fraction = text.partition(",")
        if not _DIGITS.fullmatch(whole) or not _DIGITS.fullmatch(fraction):
            raise _not_a_number(raw, "koma hanya boleh sekali, sebagai pemisah desimal, dengan angka di kedua sisinya",
                                notation=True)
        return whole + "." + fraction
    if has_dot:
        if text.count(".") > 1:
            if not _is_grouped(text, "."):
                raise _not_a_number(raw, "titik sebagai pemisah ribuan harus diikuti tepat tiga angka", notation=True)
            return text.replace(".", "")
        whole, _, fraction = text.partition(".")
        if not _DIGITS.fullmatch(whole) or not _DIGITS.fullmatch(fraction):
            raise _not_a_number(raw)
        if _is_grouped(text, "."):
            return whole + fraction  # Alur's own notation: "1.000" is one thousand
        return text  # "12.5": a dot not followed by exactly three digits can only be a decimal point
    return text


def require_decimal(value: object, name: str) -> Decimal | None:
    """The type check every formula applies to its inputs: Decimal or int (or None), never float."""
    if value is None or isinstance(value, Decimal) and value.is_finite():
        return value  # type: ignore[return-value]
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{name} must be Decimal or int, not {type(value).__name__}; convert with to_decimal()")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        raise ValidationError(f"{name}: nilai tak hingga atau NaN tidak dapat dihitung.", code="not_finite")
    raise TypeError(f"{name} must be Decimal or int, not {type(value).__name__}")


def round_percent(value: Decimal | None, places: int = 2) -> Decimal | None:
    """Round half up to ``places`` decimals for display or storage of a printed figure (None stays None)."""
    value = require_decimal(value, "value")
    if value is None:
        return None
    if places < 0:
        raise ValueError("places must be >= 0")
    # Enough precision for every digit the result keeps, so a large figure never raises.
    context = Context(prec=max(CONTEXT.prec, value.adjusted() + places + 2), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=context)


def _to_shown(value: object) -> Decimal:
    """A figure to print: Decimal/int as is, a float (a chart value) through its shortest text."""
    if isinstance(value, float):
        return _finite(Decimal(str(value)), str(value))
    return require_decimal(value, "value")


def _indonesian(value: Decimal) -> str:
    english = f"{value:,f}"
    return english.translate(str.maketrans({",": ".", ".": ","}))


def angka(value: Decimal | int | float | None, places: int | None = None, empty: str = "–") -> str:
    """A target or a realisation: "1.250,5". ``places`` None keeps the figure as entered, at most two
    decimals (trailing zeros dropped: 12,50 prints 12,5); a number fixes the decimals ("98,40")."""
    if value is None:
        return empty
    value = _to_shown(value)
    if places is None:
        value = round_percent(value, 2)
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize(CONTEXT)
    else:
        value = round_percent(value, places)
    if value == 0:
        value = abs(value)  # never "-0"
    return _indonesian(value)


def rupiah(value: Decimal | int | float | None, empty: str = "–") -> str:
    """Money in whole rupiah: "2.784.000.000" (no "Rp": the column or sentence says it)."""
    return angka(value, 0, empty)


def persen(value: Decimal | int | float | None, empty: str = "–") -> str:
    """A percentage (capaian, serapan, a share) with two decimals: "71,25%"."""
    return empty if value is None else f"{angka(value, 2)}%"


def xlsx_format(value: Decimal | int | float | None, places: int | None = None) -> str:
    """The XLSX number format matching ``angka(value, places)``: "#,##0" for a whole figure, else
    "#,##0.0" / "#,##0.00" (the spreadsheet program shows its own locale's separators)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        return "General"  # an empty or text cell keeps the sheet's default
    if places is None:
        shown = round_percent(_to_shown(value), 2).normalize(CONTEXT)
        places = max(0, -shown.as_tuple().exponent)
    return "#,##0" + ("." + "0" * places if places else "")


XLSX_RUPIAH = "#,##0"
XLSX_PERSEN = "0.00%"  # of a fraction: 0.7125 shows 71,25 %


def format_decimal(value: Decimal | None, places: int | None = None, empty: str = "—") -> str:
    """The exact figure for a message ("melebihi pagu (Rp 1.250.000,75)"): every decimal the value has,
    or ``places`` rounded half up. Tables and pages print through ``angka``/``rupiah``/``persen``."""
    value = require_decimal(value, "value")
    if value is None:
        return empty
    if places is not None:
        value = round_percent(value, places)
    elif value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize(CONTEXT)
    return _indonesian(value)
