from decimal import Decimal as D

import pytest

from alur.core.errors import ValidationError
from alur.core.kinerja import DEFAULT_CAPAIAN_SCALE, DEFAULT_PREDIKAT_SCALE, ScaleRow, classify, scale_problems


def label(value, rows=DEFAULT_CAPAIAN_SCALE):
    row = classify(value, rows)
    return row.label if row else None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("125"), "Sangat tinggi"),  # above 100 stays in the top row, not capped
        (D("100"), "Sangat tinggi"),
        (D("90.01"), "Sangat tinggi"),
        (D("90"), "Tinggi"),  # > 90 is sangat tinggi, 90 itself is not
        (D("75.5"), "Tinggi"),
        (D("75"), "Sedang"),
        (D("65"), "Rendah"),
        (D("50.0001"), "Rendah"),
        (D("50"), "Sangat rendah"),
        (D("0"), "Sangat rendah"),
    ],
)
def test_capaian_scale_boundaries(value, expected):
    assert label(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("100"), "AA"),
        (D("90.5"), "AA"),
        (D("90"), "A"),
        (D("80"), "BB"),
        (D("80.01"), "A"),
        (D("70"), "B"),
        (D("60"), "CC"),
        (D("50"), "C"),
        (D("30.01"), "C"),
        (D("30"), "D"),
        (D("0"), "D"),
        (D("100.01"), None),  # an evaluation score cannot exceed 100
        (D("-1"), None),
    ],
)
def test_predikat_scale_boundaries(value, expected):
    assert label(value, DEFAULT_PREDIKAT_SCALE) == expected


def test_default_scales_have_no_gap_or_overlap():
    assert scale_problems(DEFAULT_CAPAIAN_SCALE) == []
    assert scale_problems(DEFAULT_PREDIKAT_SCALE) == []


def test_none_is_unclassified():
    assert classify(None, DEFAULT_CAPAIAN_SCALE) is None


def test_inclusive_flags_decide_the_boundary():
    ge = ScaleRow("ge", D(50), None)
    gt = ScaleRow("gt", D(50), None, lower_inclusive=False)
    le = ScaleRow("le", None, D(50))
    lt = ScaleRow("lt", None, D(50), upper_inclusive=False)
    assert classify(D(50), [ge]) is ge
    assert classify(D(50), [gt]) is None
    assert classify(D(50), [le]) is le
    assert classify(D(50), [lt]) is None


def test_rule_text_states_the_boundary_rule():
    assert DEFAULT_PREDIKAT_SCALE[0].rule_text() == "> 90 dan ≤ 100"
    assert DEFAULT_CAPAIAN_SCALE[0].rule_text() == "> 90"
    assert DEFAULT_CAPAIAN_SCALE[-1].rule_text() == "≥ 0 dan ≤ 50"
    assert ScaleRow("semua", None, None).rule_text() == "semua nilai"


def test_caps_at_caps_the_counted_value_not_the_category():
    row = ScaleRow("Sangat tinggi", D(90), None, lower_inclusive=False, caps_at=D(100))
    assert classify(D(130), [row]) is row
    assert row.capped(D(130)) == D(100)
    assert row.capped(D(95)) == D(95)
    assert DEFAULT_CAPAIAN_SCALE[0].capped(D(130)) == D(130)


def test_overlap_and_gap_are_reported():
    overlap = [ScaleRow("a", D(0), D(50)), ScaleRow("b", D(50), D(100))]
    assert scale_problems(overlap) == ["Baris 'a' (≥ 0 dan ≤ 50) dan 'b' (≥ 50 dan ≤ 100) tumpang tindih."]
    gap = [ScaleRow("a", D(0), D(50)), ScaleRow("b", D(51), D(100))]
    assert scale_problems(gap)[0].startswith("Ada celah antara 'a'")
    open_point = [
        ScaleRow("a", D(0), D(50), upper_inclusive=False),
        ScaleRow("b", D(50), D(100), lower_inclusive=False),
    ]
    assert len(scale_problems(open_point)) == 1
    unbounded = [ScaleRow("a", D(0), None), ScaleRow("b", D(50), D(100))]
    assert "tumpang tindih" in scale_problems(unbounded)[0]


def test_empty_row_is_refused():
    with pytest.raises(ValidationError, match="tidak menyisakan satu nilai pun"):
        ScaleRow("x", D(60), D(50))
    with pytest.raises(ValidationError):
        ScaleRow("x", D(50), D(50), lower_inclusive=False)
    assert ScaleRow("titik", D(50), D(50)).contains(D(50))
    with pytest.raises(ValidationError, match="label wajib diisi"):
        ScaleRow(" ", D(0), D(1))


def test_default_rows_are_decimal_data_with_colours():
    for row in DEFAULT_CAPAIAN_SCALE + DEFAULT_PREDIKAT_SCALE:
        assert row.colour.startswith("#")
        assert all(bound is None or type(bound) is D for bound in (row.lower, row.upper))
