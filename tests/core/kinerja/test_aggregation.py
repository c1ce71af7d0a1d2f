from decimal import Decimal as D

import pytest

from alur.core.kinerja import Aggregation, aggregate, quarter_target_warnings

Q = [D(10), D(20), D(30), D(40)]


def test_kumulatif_sums_the_quarters():
    assert aggregate(Q, Aggregation.KUMULATIF) == D(100)


def test_nilai_akhir_is_the_last_quarter():
    assert aggregate(Q, Aggregation.NILAI_AKHIR) == D(40)


def test_rata_rata_is_the_mean():
    assert aggregate(Q, Aggregation.RATA_RATA) == D(25)
    assert aggregate([D(1), D(2), D(2)], Aggregation.RATA_RATA).quantize(D("0.0001")) == D("1.6667")


@pytest.mark.parametrize("how", list(Aggregation))
def test_one_quarter_is_that_quarter(how):
    assert aggregate([D("7.5")], how) == D("7.5")
    assert aggregate([D("7.5"), None, None, None], how) == D("7.5")


@pytest.mark.parametrize("how", list(Aggregation))
def test_no_quarter_yet_is_none(how):
    assert aggregate([None, None, None, None], how) is None
    assert aggregate([], how) is None


def test_missing_quarters_kumulatif_is_year_to_date():
    assert aggregate([D(10), D(20), D(30), None], Aggregation.KUMULATIF) == D(60)


def test_missing_quarters_nilai_akhir_is_the_latest_value():
    assert aggregate([D(70), D(72), None, None], Aggregation.NILAI_AKHIR) == D(72)
    assert aggregate([D(70), None, D(75), None], Aggregation.NILAI_AKHIR) == D(75)


def test_missing_quarters_rata_rata_over_present_only():
    assert aggregate([D(10), None, D(20), None], Aggregation.RATA_RATA) == D(15)


def test_zero_is_a_value_not_a_gap():
    assert aggregate([D(5), D(0)], Aggregation.NILAI_AKHIR) == D(0)
    assert aggregate([D(6), D(0)], Aggregation.RATA_RATA) == D(3)


def test_aggregation_accepts_string_values():
    assert aggregate([D(1), D(2)], "kumulatif") == D(3)


def test_float_quarter_is_refused():
    with pytest.raises(TypeError, match=r"values\[1\]"):
        aggregate([D(1), 2.0], Aggregation.KUMULATIF)


# --- quarterly targets -----------------------------------------------------------------------


def test_kumulatif_quarters_adding_up_give_no_warning():
    assert quarter_target_warnings([D(25), D(25), D(25), D(25)], D(100), Aggregation.KUMULATIF) == []


def test_kumulatif_quarters_not_adding_up_are_named():
    warnings = quarter_target_warnings([D(25), D(25), D(25), D("30.5")], D(100), Aggregation.KUMULATIF)
    assert warnings == [
        "Jumlah target triwulan (105,5) tidak sama dengan target tahunan (100); "
        "untuk agregasi kumulatif jumlahnya harus sama."
    ]


def test_nilai_akhir_compares_the_last_quarter_only():
    assert quarter_target_warnings([D(70), D(71), D(72), D(75)], D(75), Aggregation.NILAI_AKHIR) == []
    assert quarter_target_warnings([None, None, None, D(75)], D(75), Aggregation.NILAI_AKHIR) == []
    warnings = quarter_target_warnings([D(70), D(71), D(72), D(74)], D(75), Aggregation.NILAI_AKHIR)
    assert warnings == [
        "Target triwulan IV (74) tidak sama dengan target tahunan (75); untuk agregasi nilai akhir keduanya harus sama."
    ]


def test_nilai_akhir_without_last_quarter_is_named():
    warnings = quarter_target_warnings([D(70), D(71), D(72), None], D(75), Aggregation.NILAI_AKHIR)
    assert len(warnings) == 1
    assert warnings[0].startswith("Target triwulan IV belum diisi")


def test_rata_rata_compared_exactly_even_for_thirds():
    # mean of 10, 10, 11 = 10.333…: annual 10,33 is not equal, and the text shows the mean rounded
    warnings = quarter_target_warnings([D(10), D(10), D(11)], D("10.33"), Aggregation.RATA_RATA)
    assert warnings == [
        "Rata-rata target triwulan (10,33) tidak sama dengan target tahunan (10,33); "
        "untuk agregasi rata-rata keduanya harus sama."
    ]
    assert quarter_target_warnings([D(80), D(85), D(90), D(85)], D(85), Aggregation.RATA_RATA) == []


def test_partial_breakdown_names_the_missing_quarters():
    warnings = quarter_target_warnings([D(25), None, D(25), None], D(100), Aggregation.KUMULATIF)
    assert warnings == ["Target triwulan II, IV belum diisi."]


def test_no_quarterly_targets_is_not_a_warning():
    assert quarter_target_warnings([None, None, None, None], D(100), Aggregation.KUMULATIF) == []
    assert quarter_target_warnings([], D(100), Aggregation.RATA_RATA) == []


def test_quarters_without_annual_target_warn():
    warnings = quarter_target_warnings([D(1), D(1), D(1), D(1)], None, Aggregation.KUMULATIF)
    assert warnings == ["Target tahunan belum diisi, padahal target triwulan sudah ada."]
