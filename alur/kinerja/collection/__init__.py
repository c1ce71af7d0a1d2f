"""A data-kinerja run's collection of one triwulan's realisations: what the period asks of the
performance data (`period.py`, reads only) and the run's requests to the units (`requests.py`)."""

from .period import (
    ROMAN,
    SUBMITTED,
    PeriodIndicator,
    UnitShare,
    by_unit,
    missing_of,
    opened_on,
    period_by_unit,
    period_indicators,
    period_of_run,
    triwulan_roman,
)
from .requests import OpenRequest, hand_in_missing, open_collection, requests_for

__all__ = ["ROMAN", "SUBMITTED", "OpenRequest", "PeriodIndicator", "UnitShare", "by_unit", "hand_in_missing",
           "missing_of", "open_collection", "opened_on", "period_by_unit", "period_indicators", "period_of_run",
           "requests_for", "triwulan_roman"]
