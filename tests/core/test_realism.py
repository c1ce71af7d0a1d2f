import pytest

from alur.core.realism import (
    Rule,
    bottleneck,
    histogram,
    lead_time_shares,
    minutes_text,
    nearest_rank,
    percentile,
    share_within,
    unit_minutes,
)
from alur.core.sop.model import Waktu, WaktuUnit

DAY = 510  # 07:30-16:00


@pytest.mark.parametrize(("count", "q", "rank"), [
    (1, 0.8, 1), (5, 0.8, 4), (10, 0.8, 8), (10, 0.7, 7), (3, 0.5, 2), (4, 0.5, 2), (0, 0.8, 0),
])
def test_nearest_rank(count, q, rank):
    # 0.7 * 10 is 7.000000000000001 in floating point: the rank must still be 7, not 8
    assert nearest_rank(count, q) == rank


@pytest.mark.parametrize("q", [0, -0.1, 1.5])
def test_quantile_out_of_range_is_refused(q):
    with pytest.raises(ValueError):
        nearest_rank(3, q)


def test_percentile_is_an_observed_value():
    values = [30, 10, 50, 20, 40]
    assert percentile(values, 0.5) == 30
    assert percentile(values, 0.8) == 40
    assert percentile(values, 1.0) == 50
    assert percentile([], 0.8) is None


def test_unit_minutes_and_share_within():
    assert unit_minutes(WaktuUnit.HARI, DAY) == 510
    assert unit_minutes("jam", DAY) == 60
    assert share_within([10, 20, 30, 40], 20) == 0.5
    assert share_within([], 20) is None
    assert share_within([1], None) is None


def test_rule_rounds_p80_up_to_the_steps_unit():
    rule = Rule(min_runs=5)
    one_day = Waktu(1, WaktuUnit.HARI)
    # P80 of 1.2 office days becomes 2 Hari
    suggestion = rule.propose(step_no=3, current=one_day, count=5, quantile_minutes=1.2 * DAY,
                              standard_day_minutes=DAY)
    assert suggestion.proposed == Waktu(2, WaktuUnit.HARI) and suggestion.longer
    # exactly one day stays one day: no proposal
    assert rule.propose(step_no=3, current=one_day, count=5, quantile_minutes=DAY, standard_day_minutes=DAY) is None
    # a step far quicker than its standard gets a shorter one, never below one unit
    shorter = rule.propose(step_no=1, current=Waktu(3, WaktuUnit.HARI), count=9, quantile_minutes=20,
                           standard_day_minutes=DAY)
    assert shorter.proposed == Waktu(1, WaktuUnit.HARI) and not shorter.longer
    minutes = rule.propose(step_no=2, current=Waktu(10, WaktuUnit.MENIT), count=5, quantile_minutes=14.2,
                           standard_day_minutes=DAY)
    assert minutes.proposed == Waktu(15, WaktuUnit.MENIT)


def test_rule_needs_enough_data_and_a_standard():
    rule = Rule(min_runs=10)
    assert rule.propose(step_no=1, current=Waktu(1, WaktuUnit.JAM), count=9, quantile_minutes=300,
                        standard_day_minutes=DAY) is None
    assert rule.propose(step_no=1, current=None, count=50, quantile_minutes=300, standard_day_minutes=DAY) is None
    with pytest.raises(ValueError):
        Rule(min_runs=0)


def test_shares_and_bottleneck():
    minutes = {1: 100.0, 2: 300.0, 3: 100.0}
    assert lead_time_shares(minutes) == {1: 0.2, 2: 0.6, 3: 0.2}
    assert bottleneck(minutes) == 2
    assert bottleneck({1: 50.0, 2: 50.0}) == 1  # a tie names the earlier step
    assert bottleneck({1: 0.0}) is None
    assert lead_time_shares({1: 0.0}) == {1: 0.0}


def test_histogram_counts_every_value_once():
    bins = histogram([0, 5, 10, 95, 400], bins=10, upper=100)
    assert [count for _, _, count in bins] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert sum(count for _, _, count in bins) == 5
    assert histogram([], bins=3) == []


def test_minutes_text_in_the_steps_unit():
    assert minutes_text(765, "hari", DAY) == "1,5 Hari"
    assert minutes_text(45, "menit", DAY) == "45 Menit"
    assert minutes_text(90, "jam", DAY) == "1,5 Jam"
    assert minutes_text(None, "hari", DAY) == "—"
