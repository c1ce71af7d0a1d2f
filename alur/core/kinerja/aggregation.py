"""Aggregation of period values (triwulan I–IV) into the year, and the check of quarterly targets.

Quarterly targets follow the same rule as realisations: under *kumulatif* the quarters add up to
the annual target, under *nilai akhir* the last quarter equals it, under *rata-rata* their mean
does. A missing quarter (None) means "not yet / not set": kumulatif gives the sum so far
(year-to-date), nilai akhir the latest value, rata-rata the mean of the quarters present.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from alur.core.kinerja.numbers import CONTEXT, format_decimal, require_decimal

PERIOD_NAMES = ("I", "II", "III", "IV")


class Aggregation(StrEnum):
    KUMULATIF = "kumulatif"  # sum of the periods
    NILAI_AKHIR = "nilai_akhir"  # the last period's value (e.g. an index measured at year end)
    RATA_RATA = "rata_rata"  # mean of the periods present


def _checked(values: Sequence[Decimal | None], name: str) -> list[Decimal | None]:
    return [require_decimal(value, f"{name}[{index}]") for index, value in enumerate(values)]


def aggregate(values: Sequence[Decimal | None], how: Aggregation) -> Decimal | None:
    """The year's value from its periods, in order; None when no period has a value yet."""
    how = Aggregation(how)
    present = [value for value in _checked(values, "values") if value is not None]
    if not present:
        return None
    if how is Aggregation.NILAI_AKHIR:
        return present[-1]
    total = sum(present, Decimal(0))
    if how is Aggregation.KUMULATIF:
        return total
    return CONTEXT.divide(total, len(present))


def period_name(index: int) -> str:
    """'I'…'IV' for a quarter index 0–3, otherwise 'periode n'."""
    return PERIOD_NAMES[index] if 0 <= index < len(PERIOD_NAMES) else f"periode {index + 1}"


def quarter_target_warnings(quarters: Sequence[Decimal | None], annual: Decimal | None, how: Aggregation) -> list[str]:
    """Warnings (Indonesian) when the quarterly targets do not match the annual one under ``how``.

    No quarterly targets at all is not a warning (the breakdown is optional); a partial breakdown
    is, except under nilai akhir where only the last quarter has to be set.
    """
    how = Aggregation(how)
    quarters = _checked(quarters, "quarters")
    annual = require_decimal(annual, "annual")
    filled = [value is not None for value in quarters]
    if not any(filled):
        return []
    warnings: list[str] = []
    if annual is None:
        warnings.append("Target tahunan belum diisi, padahal target triwulan sudah ada.")
    if how is Aggregation.NILAI_AKHIR:
        last = quarters[-1]
        if last is None:
            warnings.append(
                f"Target triwulan {period_name(len(quarters) - 1)} belum diisi: untuk agregasi nilai akhir, "
                "target triwulan terakhir harus sama dengan target tahunan."
            )
        elif annual is not None and last != annual:
            warnings.append(
                f"Target triwulan {period_name(len(quarters) - 1)} ({format_decimal(last)}) tidak sama dengan "
                f"target tahunan ({format_decimal(annual)}); untuk agregasi nilai akhir keduanya harus sama."
            )
        return warnings
    missing = [period_name(index) for index, is_filled in enumerate(filled) if not is_filled]
    if missing:
        warnings.append(f"Target triwulan {', '.join(missing)} belum diisi.")
        return warnings
    if annual is None:
        return warnings
    total = sum(quarters, Decimal(0))  # type: ignore[arg-type]  # all filled here
    if how is Aggregation.KUMULATIF and total != annual:
        warnings.append(
            f"Jumlah target triwulan ({format_decimal(total)}) tidak sama dengan target tahunan "
            f"({format_decimal(annual)}); untuk agregasi kumulatif jumlahnya harus sama."
        )
    # Compare sum with annual × n so that a mean such as 10/3 is checked exactly.
    if how is Aggregation.RATA_RATA and total != annual * len(quarters):
        mean = CONTEXT.divide(total, len(quarters))
        warnings.append(
            f"Rata-rata target triwulan ({format_decimal(mean, 2)}) tidak sama dengan target tahunan "
            f"({format_decimal(annual)}); untuk agregasi rata-rata keduanya harus sama."
        )
    return warnings
