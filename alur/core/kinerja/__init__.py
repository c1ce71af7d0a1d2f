"""Pure core of performance data (SAKIP): capaian, aggregation of periods, scales, efficiency.

No Django here. All arithmetic is Decimal; a float passed to a formula raises TypeError (use
``to_decimal`` at the edge, which reads Indonesian notation and converts floats via ``str()``).
Rounding only through ``round_percent``, at presentation.

API as agreed in brief F0, plus these additions: ``Capaian.floored``, ``Band.formula()``,
``ScaleRow.contains/capped/rule_text``, ``scale_problems``, ``EfficiencyRule.source/description``,
``to_decimal_or_none``, ``format_decimal``, ``period_name``.
"""

from alur.core.kinerja.aggregation import Aggregation, aggregate, period_name, quarter_target_warnings
from alur.core.kinerja.capaian import Band, Capaian, Polarity, TurunFormula, capaian
from alur.core.kinerja.efficiency import DEFAULT_EFFICIENCY_RULE, EfficiencyRule, efficiency, serapan
from alur.core.kinerja.numbers import format_decimal, round_percent, to_decimal, to_decimal_or_none
from alur.core.kinerja.scales import (
    DEFAULT_CAPAIAN_SCALE,
    DEFAULT_PREDIKAT_SCALE,
    ScaleRow,
    classify,
    scale_problems,
)

__all__ = [
    "DEFAULT_CAPAIAN_SCALE",
    "DEFAULT_PREDIKAT_SCALE",
    "DEFAULT_EFFICIENCY_RULE",
    "Aggregation",
    "Band",
    "Capaian",
    "EfficiencyRule",
    "Polarity",
    "ScaleRow",
    "TurunFormula",
    "aggregate",
    "capaian",
    "classify",
    "efficiency",
    "format_decimal",
    "period_name",
    "quarter_target_warnings",
    "round_percent",
    "scale_problems",
    "serapan",
    "to_decimal",
    "to_decimal_or_none",
]
