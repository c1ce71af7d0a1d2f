"""Capaian (achievement, %) of one indicator for one period.

Sources (see /work/shared/domain.md §4): naik baik R/T×100; turun baik (2T−R)/T×100 floored at 0,
the formula of the public e-SAKIP systems, with T/R×100 as the per-indicator alternative. A value
above 100 is kept as computed; whether a category caps it is a property of the scale row.

Rentang (a target band [low, high]) — the rule chosen here: 100 inside the band, inclusive at both
edges. Outside, capaian = 100 − falloff × (distance to the nearest edge ÷ |that edge|) × 100,
floored at 0. With the default falloff 1 this is exactly the naik formula against the lower edge
below the band (R/low×100) and the e-SAKIP turun formula against the upper edge above it
((2·high−R)/high×100), so one band behaves like the two familiar formulas meeting at 100; a
falloff of 2 halves the tolerance. An edge at 0 has no relative distance: no number, with a reason.

Negative inputs: a negative target has no meaningful ratio (no number, with a reason); a negative
realisation under naik gives a negative ratio, floored at 0 like turun; under T/R×100 it has no
meaning (no number). Capaian is therefore never negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from alur.core.errors import ValidationError
from alur.core.kinerja.numbers import CONTEXT, HUNDRED, format_decimal, require_decimal

ZERO = Decimal(0)

REASON_NO_TARGET = "target belum ditetapkan: capaian tidak dihitung"
REASON_TARGET_ZERO = "target 0: capaian tidak dihitung"
REASON_TARGET_NEGATIVE = "target negatif: capaian tidak dihitung"
REASON_NO_REALISASI = "belum ada realisasi"
REASON_NO_BAND = "rentang target belum ditetapkan: capaian tidak dihitung"
REASON_RASIO_ZERO = "realisasi 0: rumus T/R×100 tidak dapat dihitung"
REASON_RASIO_NEGATIVE = "realisasi negatif: rumus T/R×100 tidak bermakna"


class Polarity(StrEnum):
    NAIK = "naik"  # higher is better
    TURUN = "turun"  # lower is better
    RENTANG = "rentang"  # within a band


class TurunFormula(StrEnum):
    SELISIH = "selisih"  # (2T−R)/T×100, floored at 0 (e-SAKIP default)
    RASIO = "rasio"  # T/R×100


FORMULA_NAIK = "R/T×100"
FORMULA_SELISIH = "(2T−R)/T×100, minimal 0"
FORMULA_RASIO = "T/R×100"


@dataclass(frozen=True)
class Band:
    """Target band of a *rentang* indicator: capaian 100 for low ≤ R ≤ high.

    ``falloff`` = points of capaian lost per percent of distance outside the band, relative to
    the nearest edge (see the module docstring).
    """

    low: Decimal
    high: Decimal
    falloff: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        for name in ("low", "high", "falloff"):
            value = require_decimal(getattr(self, name), f"Band.{name}")
            if value is None:
                raise ValidationError(f"Rentang target: {name} wajib diisi.", code="band_missing", field=name)
            object.__setattr__(self, name, value)
        if self.low > self.high:
            raise ValidationError(
                f"Rentang target: batas bawah {format_decimal(self.low)} lebih besar dari "
                f"batas atas {format_decimal(self.high)}.",
                code="band_order",
                field="low",
            )
        if self.falloff < 0:
            raise ValidationError(
                f"Rentang target: penurunan per persen ({format_decimal(self.falloff)}) tidak boleh negatif.",
                code="band_falloff",
                field="falloff",
            )

    def formula(self) -> str:
        low, high, k = format_decimal(self.low), format_decimal(self.high), format_decimal(self.falloff)
        return (
            f"100 jika {low} ≤ R ≤ {high}; di bawah: 100 − {k}×({low}−R)/{low}×100; "
            f"di atas: 100 − {k}×(R−{high})/{high}×100; minimal 0"
        )


@dataclass(frozen=True)
class Capaian:
    """The result: ``value`` None means no number, and ``reason`` says why (in Indonesian).

    ``formula`` names the formula applied (shown on every row of the pengukuran table);
    ``floored`` is True when the raw result was negative and 0 is reported instead.
    """

    value: Decimal | None
    reason: str = ""
    formula: str = ""
    floored: bool = False


def capaian(
    *,
    polarity: Polarity,
    target: Decimal | None,
    realisasi: Decimal | None,
    turun_formula: TurunFormula = TurunFormula.SELISIH,
    band: Band | None = None,
) -> Capaian:
    """Capaian of one indicator for one period; never raises for missing data, only for wrong types.

    For *rentang* the ``band`` takes the place of the target and ``target`` is not used.
    """
    polarity = Polarity(polarity)
    turun_formula = TurunFormula(turun_formula)
    target = require_decimal(target, "target")
    realisasi = require_decimal(realisasi, "realisasi")
    if polarity is Polarity.RENTANG:
        return _rentang(band, realisasi)
    formula = FORMULA_NAIK if polarity is Polarity.NAIK else _turun_formula_text(turun_formula)
    if target is None:
        return Capaian(None, REASON_NO_TARGET, formula)
    if target == 0:
        return Capaian(None, REASON_TARGET_ZERO, formula)
    if target < 0:
        return Capaian(None, REASON_TARGET_NEGATIVE, formula)
    if realisasi is None:
        return Capaian(None, REASON_NO_REALISASI, formula)
    if polarity is Polarity.NAIK:
        return _floored(CONTEXT.divide(realisasi * HUNDRED, target), formula)
    if turun_formula is TurunFormula.SELISIH:
        return _floored(CONTEXT.divide((2 * target - realisasi) * HUNDRED, target), formula)
    if realisasi == 0:
        return Capaian(None, REASON_RASIO_ZERO, formula)
    if realisasi < 0:
        return Capaian(None, REASON_RASIO_NEGATIVE, formula)
    return Capaian(CONTEXT.divide(target * HUNDRED, realisasi), "", formula)


def _turun_formula_text(turun_formula: TurunFormula) -> str:
    return FORMULA_SELISIH if turun_formula is TurunFormula.SELISIH else FORMULA_RASIO


def _floored(value: Decimal, formula: str) -> Capaian:
    if value < 0:
        return Capaian(ZERO, "", formula, floored=True)
    return Capaian(value, "", formula)


def _rentang(band: Band | None, realisasi: Decimal | None) -> Capaian:
    if band is None:
        return Capaian(None, REASON_NO_BAND, "100 jika R di dalam rentang target")
    formula = band.formula()
    if realisasi is None:
        return Capaian(None, REASON_NO_REALISASI, formula)
    if band.low <= realisasi <= band.high:
        return Capaian(HUNDRED, "", formula)
    edge = band.low if realisasi < band.low else band.high
    if edge == 0:
        return Capaian(
            None, "batas rentang 0: jarak relatif ke batas tidak dapat dihitung, capaian tidak dihitung", formula
        )
    relative = CONTEXT.divide(abs(realisasi - edge) * HUNDRED, abs(edge))
    return _floored(HUNDRED - band.falloff * relative, formula)
