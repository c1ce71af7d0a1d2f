"""What the kinerja services share: the lock of an indicator (level 2 of the one lock order) and
the day an act happens on."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from alur.audit.locking import lock_rows

from ..models import Indicator


def office_of_indicator(indicator: Indicator):
    return indicator.renstra.office


def today_or(day: date | None) -> date:
    return day or timezone.localdate()


def lock_indicators(pks) -> None:
    """Level 2 of the lock order (alur/audit/locking.py) for every act on an indicator's
    realisations and targets: the indicator rows, in key order, before their realisations or
    targets (level 3) — so an import, which records an entry per row, never waits for a row after
    holding the chain."""
    list(lock_rows(Indicator.objects.filter(pk__in=list(pks)).order_by("pk")).values_list("pk", flat=True))
