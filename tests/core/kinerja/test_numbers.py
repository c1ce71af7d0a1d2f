from decimal import Decimal as D

import pytest

from alur.core.errors import ValidationError
from alur.core.kinerja import format_decimal, round_percent, to_decimal, to_decimal_or_none


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12,5", D("12.5")),
        ("1.250,75", D("1250.75")),
        ("1.250.000", D("1250000")),
        ("1.250.000,5", D("1250000.5")),
        ("1250,75", D("1250.75")),
        ("0,5", D("0.5")),
        ("12.5", D("12.5")),  # what an HTML number field sends
        ("1.250", D("1250")),  # Alur's own notation: a dot before exactly three digits groups thousands
        ("100.000", D("100000")),
        ("2.300", D("2300")),
        ("0.250", D("0.250")),  # a leading 0 is never a thousands group
        ("1,250.75", D("1250.75")),  # both separators: the last one is the decimal
        ("  85  ", D("85")),
        ("\u00a085", D("85")),
        ("-3,5", D("-3.5")),
        ("\u22123,5", D("-3.5")),  # the Unicode minus Word puts in
        ("+7", D("7")),
        ("0", D("0")),
    ],
)
def test_indonesian_and_plain_notations(written, expected):
    result = to_decimal(written)
    assert result == expected
    assert type(result) is D


@pytest.mark.parametrize(
    ("garbage", "message"),
    [
        ("tujuh", "'tujuh' bukan angka"),
        ("12,5,3", "'12,5,3' bukan angka (koma hanya boleh sekali"),
        ("1,250,000", "koma hanya boleh sekali"),
        ("1.25.000", "titik sebagai pemisah ribuan"),
        ("1.2500,5", "pemisah ribuan dan desimal tidak beraturan"),
        ("85%", "tulis tanpa tanda %"),
        ("Rp 1.000", "tulis tanpa 'Rp'"),
        ("1e5", "'1e5' bukan angka"),
        ("NaN", "'NaN' bukan angka"),
        ("Infinity", "bukan angka"),
        ("12 5", "bukan angka"),
        (",5", "bukan angka"),
        ("5,", "bukan angka"),
        ("-", "bukan angka"),
        ("--5", "bukan angka"),
        ("1" + "0" * 18, "lebih dari 18 angka sebelum koma"),
        ("", "Nilai kosong"),
        ("   ", "Nilai kosong"),
    ],
)
def test_garbage_is_refused_with_a_message_naming_the_value(garbage, message):
    with pytest.raises(ValidationError) as caught:
        to_decimal(garbage)
    assert message in caught.value.message


def test_numbers_pass_through():
    assert to_decimal(D("3.25")) == D("3.25")
    assert to_decimal(12) == D(12)


def test_float_is_converted_through_its_shortest_text():
    assert to_decimal(12.5) == D("12.5")
    assert to_decimal(0.1) == D("0.1")  # not 0.1000000000000000055511151231257827
    assert to_decimal(1e20) == D("1e20")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), D("NaN"), D("-Infinity"), True, None, [1], object()])
def test_non_numbers_are_refused(bad):
    with pytest.raises(ValidationError, match="bukan angka"):
        to_decimal(bad)


def test_blank_means_not_filled_in():
    assert to_decimal_or_none(None) is None
    assert to_decimal_or_none("  ") is None
    assert to_decimal_or_none("1,5") == D("1.5")
    with pytest.raises(ValidationError):
        to_decimal_or_none("lima")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("2.345"), 2, D("2.35")),  # half up, not banker's rounding
        (D("2.335"), 2, D("2.34")),
        (D("-2.345"), 2, D("-2.35")),  # half away from zero
        (D("99.995"), 2, D("100.00")),
        (D("66.6666"), 0, D("67")),
        (D("12"), 2, D("12.00")),
    ],
)
def test_round_percent_half_up(value, places, expected):
    result = round_percent(value, places)
    assert result == expected
    assert str(result) == str(expected)


def test_round_percent_of_a_large_figure_does_not_overflow_the_context():
    assert round_percent(D("1e45"), 2) == D("1e45")
    assert round_percent(D("123456789012345678901234567890123456789.125"), 2) == D(
        "123456789012345678901234567890123456789.13"
    )


def test_eighteen_whole_digits_are_accepted():
    assert to_decimal("9" * 18 + ",5") == D("9" * 18 + ".5")


def test_round_percent_keeps_none_and_refuses_float():
    assert round_percent(None) is None
    with pytest.raises(TypeError):
        round_percent(2.345)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("1250.75"), None, "1.250,75"),
        (D("1250000"), None, "1.250.000"),
        (D("100.00"), None, "100"),
        (D("12.50"), None, "12,5"),
        (D("33.3333"), 2, "33,33"),
        (D("-0.5"), None, "-0,5"),
        (None, None, "—"),
    ],
)
def test_format_decimal_indonesian(value, places, expected):
    assert format_decimal(value, places) == expected


def test_format_then_read_round_trips():
    for value in (D("1250.75"), D("0.5"), D("1250000"), D("-3.25")):
        assert to_decimal(format_decimal(value)) == value
