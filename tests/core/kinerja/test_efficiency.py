from decimal import Decimal as D

import pytest

from alur.core.errors import ValidationError
from alur.core.kinerja import DEFAULT_EFFICIENCY_RULE, EfficiencyRule, efficiency, serapan

RULE = DEFAULT_EFFICIENCY_RULE


@pytest.mark.parametrize(
    ("capaian", "serapan_", "expected"),
    [
        (D("95.01"), D(90), "Efisien"),  # more than 5 above
        (D("95"), D(90), "Cukup efisien"),  # exactly +5
        (D("90"), D(90), "Cukup efisien"),
        (D("85"), D(90), "Cukup efisien"),  # exactly −5
        (D("84.99"), D(90), "Tidak efisien"),
    ],
)
def test_default_rule_labels_at_the_margin(capaian, serapan_, expected):
    assert efficiency(capaian=capaian, serapan=serapan_, rule=RULE) == expected


def test_default_rule_says_it_is_not_national_and_names_no_other_kabupaten():
    """Issue 18 item 19: shown to every office, it says whose it is (Alur's starting rule, which
    the office may replace) and that it is not a national rule; no kabupaten's name."""
    assert "bawaan alur" in RULE.name.lower()
    assert "bukan ketentuan nasional" in RULE.source.lower()
    assert "kabupaten" not in (RULE.name + RULE.source).lower()
    assert RULE.margin == D(5)
    assert "±5" in RULE.description()


def test_missing_figure_gives_no_label():
    assert efficiency(capaian=None, serapan=D(50), rule=RULE) is None
    assert efficiency(capaian=D(50), serapan=None, rule=RULE) is None


def test_custom_rule_labels_and_margin():
    rule = EfficiencyRule(margin=D(10), labels=("Hemat", "Wajar", "Boros"), name="Aturan contoh")
    assert efficiency(capaian=D(100), serapan=D(89), rule=rule) == "Hemat"
    assert efficiency(capaian=D(100), serapan=D(90), rule=rule) == "Wajar"
    assert efficiency(capaian=D(79), serapan=D(90), rule=rule) == "Boros"


def test_rule_refuses_bad_settings():
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        EfficiencyRule(margin=D(-1))
    with pytest.raises(ValidationError, match="tepat tiga label"):
        EfficiencyRule(labels=("a", "b"))


def test_serapan_percent():
    assert serapan(D(750_000_000), D(1_000_000_000)) == D(75)
    assert serapan(D(0), D(100)) == D(0)


def test_serapan_with_pagu_zero_or_missing_is_none():
    assert serapan(D(0), D(0)) is None
    assert serapan(D(10), D(0)) is None
    assert serapan(None, D(10)) is None
    assert serapan(D(10), None) is None


def test_serapan_refuses_negative_amounts():
    with pytest.raises(ValidationError, match="Pagu tidak boleh negatif"):
        serapan(D(1), D(-5))
    with pytest.raises(ValidationError, match="Realisasi anggaran tidak boleh negatif"):
        serapan(D(-1), D(5))


def test_serapan_can_exceed_100_when_overspent():
    assert serapan(D(110), D(100)) == D(110)
