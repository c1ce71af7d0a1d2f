"""alur.core.numbers: one Indonesian notation, the precision each kind of figure needs, and a reader
that accepts everything Alur prints."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alur.core.errors import ValidationError
from alur.core.numbers import NOTATION_HELP, angka, persen, rupiah, to_decimal, xlsx_format


@pytest.mark.parametrize(("value", "places", "shown"), [
    (D("82.875"), None, "82,88"),  # as entered, but never more than two decimals (half up)
    (D("93.3375"), None, "93,34"),
    (D("12.50"), None, "12,5"),  # trailing zeros dropped: as entered
    (D("2300"), None, "2.300"),
    (D("1250000.75"), None, "1.250.000,75"),
    (D("98.4"), 2, "98,40"),
    (98.4, 2, "98,40"),  # a chart value (float) prints like a Decimal
    (D("-0.001"), None, "0"),  # never "-0"
    (D("-1234.5"), None, "-1.234,5"),
    (7, None, "7"),
])
def test_angka(value, places, shown):
    assert angka(value, places) == shown


def test_rupiah_is_whole_and_persen_has_two_decimals():
    assert rupiah(D("2784000000.00")) == "2.784.000.000"
    assert rupiah(D("1499.50")) == "1.500"
    assert persen(D("71.25")) == "71,25%"
    assert persen(D("90")) == "90,00%"
    assert persen(D("96.8518518")) == "96,85%"


def test_missing_figures_show_the_callers_empty_mark():
    assert angka(None) == "–" and rupiah(None) == "–" and persen(None) == "–"
    assert persen(None, empty="—") == "—"


@pytest.mark.parametrize(("written", "read"), [
    ("1.000", D("1000")),  # what Alur prints for one thousand reads back as one thousand
    ("2.300", D("2300")),
    ("1.000.000", D("1000000")),
    ("1.000,5", D("1000.5")),
    ("12,5", D("12.5")),
    ("12.5", D("12.5")),  # a dot before other than three digits can only be a decimal point
    ("12.50", D("12.50")),
    ("0.250", D("0.250")),  # after a leading 0 a dot is never a thousands group
])
def test_the_reading_rule(written, read):
    assert to_decimal(written) == read


def test_a_refusal_names_the_value_and_states_the_rule():
    with pytest.raises(ValidationError) as caught:
        to_decimal("1.25.000")
    assert "'1.25.000' bukan angka" in caught.value.message
    assert NOTATION_HELP in caught.value.message
    assert "1.000 = seribu" in NOTATION_HELP
    with pytest.raises(ValidationError) as caught:
        to_decimal("tujuh")  # a word is no notation slip: no rule lecture
    assert caught.value.message == "'tujuh' bukan angka"


@given(st.decimals(min_value=D("-1e12"), max_value=D("1e12"), places=2, allow_nan=False, allow_infinity=False))
def test_everything_alur_prints_reads_back(value):
    assert to_decimal(angka(value)) == value
    assert to_decimal(rupiah(value)) == value.quantize(D(1), rounding="ROUND_HALF_UP")


def test_xlsx_format_matches_the_printed_precision():
    assert xlsx_format(D("2300")) == "#,##0"
    assert xlsx_format(D("12.5")) == "#,##0.0"
    assert xlsx_format(D("82.875")) == "#,##0.00"
    assert xlsx_format(D("12.500")) == "#,##0.0"
    assert xlsx_format(D("5"), 2) == "#,##0.00"
    assert xlsx_format(None) == "General" and xlsx_format("–") == "General"
