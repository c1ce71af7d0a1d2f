"""Decimal input, rounding and display of the numbers a performance report prints: kept as the
kinerja core's door to ``alur.core.numbers``, the one place where Alur reads and writes numbers."""

from alur.core.numbers import (  # noqa: F401 - re-exported for the kinerja core and its callers
    CONTEXT,
    HUNDRED,
    MAX_WHOLE_DIGITS,
    format_decimal,
    require_decimal,
    round_percent,
    to_decimal,
    to_decimal_or_none,
)
