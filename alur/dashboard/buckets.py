"""Fixed buckets of working minutes, so that medians and P80 come from small per-month histograms
(models.MinutesBucket) instead of every task row. Pure Python (no Django).

Below `EXACT` minutes every whole minute is its own bucket (percentiles there are exact); from
`EXACT` up, bucket edges grow by `RATIO`, so a percentile read from a bucket (its geometric middle)
is within ±RELATIVE_ERROR of the exact value. The pages say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from alur.core.realism import nearest_rank

EXACT = 60
RATIO = 1.05
RELATIVE_ERROR = math.sqrt(RATIO) - 1  # ≈ 2.5 %: the middle of a bucket to either edge


def bucket_of(minutes: float) -> int:
    """The bucket number of a working time in minutes (negative times count as 0)."""
    minutes = max(0.0, float(minutes))
    if minutes < EXACT:
        return int(minutes)
    return EXACT + int(math.floor(math.log(minutes / EXACT) / math.log(RATIO) + 1e-12))


def bounds(bucket: int) -> tuple[float, float]:
    """[lower, upper) minutes of a bucket."""
    if bucket < EXACT:
        return float(bucket), float(bucket + 1)
    step = bucket - EXACT
    return EXACT * RATIO ** step, EXACT * RATIO ** (step + 1)


def value(bucket: int) -> float:
    """The figure a bucket stands for: the whole minute below EXACT, the geometric middle above."""
    if bucket < EXACT:
        return float(bucket)
    lower, upper = bounds(bucket)
    return math.sqrt(lower * upper)


def percentiles(counts: Iterable[tuple[int, int]], quantiles: Iterable[float]) -> dict[float, float]:
    """Nearest-rank percentiles ({q: minutes}) of a histogram given as (bucket, count) pairs, in any
    order and with repeated buckets (months merged). Empty histogram: {}."""
    merged: dict[int, int] = {}
    for bucket, n in counts:
        merged[bucket] = merged.get(bucket, 0) + n
    total = sum(merged.values())
    if not total:
        return {}
    ordered = sorted(merged.items())
    result = {}
    for q in quantiles:
        rank, seen = nearest_rank(total, q), 0
        for bucket, n in ordered:
            seen += n
            if seen >= rank:
                result[q] = value(bucket)
                break
    return result
