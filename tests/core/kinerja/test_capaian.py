from decimal import Decimal as D

import pytest

from alur.core.errors import ValidationError
from alur.core.kinerja import Band, Capaian, Polarity, TurunFormula, capaian


def naik(target, realisasi):
    return capaian(polarity=Polarity.NAIK, target=target, realisasi=realisasi)


def turun(target, realisasi, formula=TurunFormula.SELISIH):
    return capaian(polarity=Polarity.TURUN, target=target, realisasi=realisasi, turun_formula=formula)


BAND = Band(D(10), D(20))


def rentang(realisasi, band=BAND):
    return capaian(polarity=Polarity.RENTANG, target=None, realisasi=realisasi, band=band)


@pytest.mark.parametrize("polarity", [Polarity.NAIK, Polarity.TURUN])
def test_target_zero_gives_no_number_and_the_reason(polarity):
    result = capaian(polarity=polarity, target=D(0), realisasi=D(5))
    assert result.value is None
    assert result.reason == "target 0: capaian tidak dihitung"
    assert result.formula


@pytest.mark.parametrize("polarity", [Polarity.NAIK, Polarity.TURUN])
def test_no_realisation_gives_no_number_and_the_reason(polarity):
    result = capaian(polarity=polarity, target=D(10), realisasi=None)
    assert result == Capaian(None, "belum ada realisasi", result.formula)


def test_missing_target_and_negative_target_give_no_number():
    assert naik(None, D(5)).reason == "target belum ditetapkan: capaian tidak dihitung"
    assert naik(D(-4), D(5)).value is None
    assert naik(D(-4), D(5)).reason == "target negatif: capaian tidak dihitung"


def test_target_reason_comes_before_realisation_reason():
    assert naik(D(0), None).reason == "target 0: capaian tidak dihitung"


def test_naik_below_target():
    assert naik(D(80), D(60)) == Capaian(D(75), "", "R/T×100")


def test_naik_above_target_is_kept_above_100():
    assert naik(D(80), D(100)).value == D(125)


def test_naik_exact_and_repeating_decimal():
    value = naik(D(3), D(1)).value
    assert D("33.33333333333333333333") < value < D("33.33333333333333333334")  # no premature rounding
    assert naik(D("12.5"), D("12.5")).value == D(100)


def test_naik_negative_realisation_is_floored_and_says_so():
    result = naik(D(5), D(-3))
    assert result.value == D(0)
    assert result.floored is True


def test_turun_selisih_better_than_target():
    # lama izin target 10 hari, realisasi 8 hari: (20−8)/10×100 = 120
    result = turun(D(10), D(8))
    assert result.value == D(120)
    assert result.formula == "(2T−R)/T×100, minimal 0"
    assert result.floored is False


def test_turun_selisih_worse_than_target():
    assert turun(D(10), D(12)).value == D(80)


def test_turun_selisih_floored_at_zero():
    result = turun(D(10), D(25))
    assert result.value == D(0)
    assert result.floored is True
    assert turun(D(10), D(20)).value == D(0)
    assert turun(D(10), D(20)).floored is False


def test_turun_selisih_realisation_zero_is_200():
    assert turun(D(10), D(0)).value == D(200)


def test_turun_rasio_better_and_worse_than_target():
    assert turun(D(10), D(8), TurunFormula.RASIO) == Capaian(D(125), "", "T/R×100")
    assert turun(D(10), D(0), TurunFormula.SELISIH).formula != turun(D(10), D(0), TurunFormula.RASIO).formula
    assert turun(D(10), D("12.5"), TurunFormula.RASIO).value == D(80)


def test_turun_rasio_realisation_zero_has_no_number():
    result = turun(D(10), D(0), TurunFormula.RASIO)
    assert result.value is None
    assert result.reason == "realisasi 0: rumus T/R×100 tidak dapat dihitung"


def test_turun_rasio_negative_realisation_has_no_number():
    assert turun(D(10), D(-1), TurunFormula.RASIO).value is None


def test_turun_formula_accepts_its_string_value():
    assert capaian(polarity="turun", target=D(10), realisasi=D(8), turun_formula="rasio").value == D(125)


@pytest.mark.parametrize("realisasi", [D(10), D(15), D(20)])
def test_rentang_inside_band_including_edges_is_100(realisasi):
    assert rentang(realisasi).value == D(100)


def test_rentang_below_band_falls_off_relative_to_lower_edge():
    assert rentang(D(8)).value == D(80)  # 2 under 10 = 20 % → 100 − 20


def test_rentang_above_band_falls_off_relative_to_upper_edge():
    assert rentang(D(22)).value == D(90)  # 2 over 20 = 10 % → 100 − 10


def test_rentang_falloff_setting_scales_the_penalty():
    assert rentang(D(22), Band(D(10), D(20), falloff=D(2))).value == D(80)
    assert rentang(D(22), Band(D(10), D(20), falloff=D(0))).value == D(100)


def test_rentang_far_outside_is_floored_at_zero():
    result = rentang(D(100))
    assert result.value == D(0)
    assert result.floored


def test_rentang_formula_names_the_band():
    assert "10 ≤ R ≤ 20" in rentang(D(15)).formula


def test_rentang_without_band_or_realisation():
    assert capaian(polarity=Polarity.RENTANG, target=None, realisasi=D(3)).value is None
    assert "rentang target belum ditetapkan" in capaian(polarity=Polarity.RENTANG, target=None, realisasi=D(3)).reason
    assert rentang(None).reason == "belum ada realisasi"


def test_rentang_edge_zero_has_no_relative_distance():
    result = rentang(D(-1), Band(D(0), D(5)))
    assert result.value is None
    assert "batas rentang 0" in result.reason


def test_rentang_negative_band():
    # suhu −5…−2: −6 is 1 below an edge of magnitude 5 → 20 % → 80
    assert rentang(D(-6), Band(D(-5), D(-2))).value == D(80)


def test_band_rejects_reversed_edges_and_negative_falloff():
    with pytest.raises(ValidationError, match="batas bawah 20 lebih besar dari batas atas 10"):
        Band(D(20), D(10))
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        Band(D(1), D(2), falloff=D(-1))


def test_float_input_is_refused():
    with pytest.raises(TypeError, match="to_decimal"):
        naik(D(10), 8.5)
    with pytest.raises(TypeError):
        Band(1.0, D(2))


def test_int_input_is_accepted_and_result_is_decimal():
    result = naik(4, 3)
    assert result.value == D(75)
    assert type(result.value) is D


def test_nan_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="NaN"):
        naik(D("NaN"), D(1))


def test_unknown_polarity_is_refused():
    with pytest.raises(ValueError):
        capaian(polarity="naik-turun", target=D(1), realisasi=D(1))
