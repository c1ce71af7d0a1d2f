import random

import pytest

from alur.core.realism import percentile
from alur.dashboard import buckets


def test_every_minute_falls_in_its_bucket_and_buckets_are_ordered():
    previous = -1
    for minutes in range(0, 20_000):
        bucket = buckets.bucket_of(minutes)
        lower, upper = buckets.bounds(bucket)
        assert lower <= minutes < upper + 1e-9
        assert bucket >= previous
        previous = bucket
    assert buckets.bucket_of(-5) == 0


@pytest.mark.parametrize("seed", range(20))
def test_percentiles_from_buckets_against_exact_values(seed):
    rng = random.Random(seed)
    values = [int(rng.lognormvariate(5.5, 1.2)) for _ in range(rng.randint(1, 300))]
    counts = [(buckets.bucket_of(v), 1) for v in values]  # one pair per task: merging must add them up
    figures = buckets.percentiles(counts, (0.5, 0.8))
    for q in (0.5, 0.8):
        exact = percentile(values, q)
        if exact < buckets.EXACT:
            assert figures[q] == exact
        else:
            assert abs(figures[q] - exact) <= buckets.RELATIVE_ERROR * exact
            assert abs(figures[q] - exact) > 0 or figures[q] == exact


def test_small_values_are_exact_and_an_empty_histogram_has_no_percentile():
    assert buckets.percentiles([(3, 1), (7, 2), (40, 1)], (0.5, 0.8)) == {0.5: 7.0, 0.8: 40.0}
    assert buckets.percentiles([], (0.5,)) == {}
    assert buckets.percentiles([(5, 0)], (0.5,)) == {}
