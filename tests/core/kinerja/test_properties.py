"""Hypothesis properties of the kinerja formulas (issue 10: "The pure core")."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from alur.core.kinerja import (
    DEFAULT_CAPAIAN_SCALE,
    Aggregation,
    Band,
    Polarity,
    TurunFormula,
    aggregate,
    capaian,
    classify,
    format_decimal,
    quarter_target_warnings,
    round_percent,
    serapan,
    to_decimal,
)

# Figures as offices write them: up to 12 digits before and 4 after the decimal separator.
figures = st.decimals(min_value=D("-1e9"), max_value=D("1e12"), places=4, allow_nan=False, allow_infinity=False)
non_negative = st.decimals(min_value=D(0), max_value=D("1e12"), places=4, allow_nan=False, allow_infinity=False)
optional = st.one_of(st.none(), figures)
polarities = st.sampled_from(list(Polarity))
formulas = st.sampled_from(list(TurunFormula))
aggregations = st.sampled_from(list(Aggregation))


@st.composite
def bands(draw):
    low, high = sorted((draw(figures), draw(figures)))
    falloff = draw(st.decimals(min_value=D(0), max_value=D(10), places=2))
    return Band(low, high, falloff)


@given(polarity=polarities, target=optional, realisasi=optional, formula=formulas, band=st.one_of(st.none(), bands()))
def test_capaian_is_never_negative_and_always_decimal_or_explained(polarity, target, realisasi, formula, band):
    result = capaian(polarity=polarity, target=target, realisasi=realisasi, turun_formula=formula, band=band)
    assert result.formula
    if result.value is None:
        assert result.reason
    else:
        assert type(result.value) is D
        assert result.value >= 0
        assert result.reason == ""


@given(target=non_negative.filter(bool), r1=figures, r2=figures)
def test_naik_is_monotone_non_decreasing_in_realisation(target, r1, r2):
    low, high = sorted((r1, r2))
    a = capaian(polarity=Polarity.NAIK, target=target, realisasi=low).value
    b = capaian(polarity=Polarity.NAIK, target=target, realisasi=high).value
    assert a <= b


@given(target=non_negative.filter(bool), r1=non_negative.filter(bool), r2=non_negative.filter(bool), formula=formulas)
def test_turun_is_monotone_non_increasing_in_realisation(target, r1, r2, formula):
    low, high = sorted((r1, r2))
    a = capaian(polarity=Polarity.TURUN, target=target, realisasi=low, turun_formula=formula).value
    b = capaian(polarity=Polarity.TURUN, target=target, realisasi=high, turun_formula=formula).value
    assert a >= b


@given(target=non_negative.filter(bool))
def test_realisation_equal_to_target_is_exactly_100(target):
    for polarity, formula in (
        (Polarity.NAIK, TurunFormula.SELISIH),
        (Polarity.TURUN, TurunFormula.SELISIH),
        (Polarity.TURUN, TurunFormula.RASIO),
    ):
        assert capaian(polarity=polarity, target=target, realisasi=target, turun_formula=formula).value == 100


@given(band=bands(), realisasi=figures)
def test_rentang_is_100_exactly_inside_and_at_most_100_outside(band, realisasi):
    result = capaian(polarity=Polarity.RENTANG, target=None, realisasi=realisasi, band=band)
    if band.low <= realisasi <= band.high:
        assert result.value == 100
    else:
        assert result.value is None or 0 <= result.value <= 100


@given(value=optional, how=aggregations)
def test_aggregation_of_one_quarter_is_that_quarter(value, how):
    assert aggregate([value], how) == value
    assert aggregate([value, None, None, None], how) == value


@given(quarters=st.lists(figures, min_size=1, max_size=4))
def test_kumulatif_of_quarters_is_their_sum(quarters):
    assert aggregate(quarters, Aggregation.KUMULATIF) == sum(quarters, D(0))


@given(quarters=st.lists(optional, max_size=4), how=aggregations)
def test_aggregate_is_decimal_never_float(quarters, how):
    result = aggregate(quarters, how)
    assert result is None or type(result) is D
    if result is not None and how is not Aggregation.KUMULATIF:
        present = [q for q in quarters if q is not None]
        assert min(present) <= result <= max(present)


@given(quarters=st.lists(figures, min_size=1, max_size=4), how=aggregations)
def test_quarterly_targets_agree_with_their_own_aggregate(quarters, how):
    # The annual target implied by the quarters never warns (except a mean that does not terminate).
    annual = aggregate(quarters, how)
    if how is Aggregation.RATA_RATA and annual * len(quarters) != sum(quarters, D(0)):
        return
    assert quarter_target_warnings(quarters, annual, how) == []
    assert quarter_target_warnings(quarters, annual + D("0.01"), how) != []


@given(value=non_negative)
def test_every_capaian_gets_a_default_category(value):
    assert classify(value, DEFAULT_CAPAIAN_SCALE) is not None


@given(spent=non_negative, pagu=non_negative.filter(bool))
def test_serapan_is_decimal_and_non_negative(spent, pagu):
    result = serapan(spent, pagu)
    assert type(result) is D and result >= 0


@given(value=figures, places=st.integers(min_value=0, max_value=4))
def test_round_percent_is_within_half_a_unit(value, places):
    rounded = round_percent(value, places)
    assert type(rounded) is D
    assert abs(rounded - value) <= D(1).scaleb(-places) / 2


@given(value=figures)
def test_indonesian_formatting_reads_back(value):
    text = format_decimal(value)
    assert to_decimal(text) == value  # whatever Alur prints reads back as the same number


@given(value=st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_float_converts_through_its_shortest_text(value):
    assert to_decimal(value) == D(repr(value))
