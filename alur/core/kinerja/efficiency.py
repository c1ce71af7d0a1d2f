"""Efficiency: capaian set against budget absorption (serapan = realisasi anggaran / pagu × 100).

The label rule is a setting (``EfficiencyRule``), not law: with d = capaian − serapan (points),
d > margin is the first label (efisien), −margin ≤ d ≤ margin the second (cukup efisien — the
edges ±margin belong here), d < −margin the third (tidak efisien).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from alur.core.errors import ValidationError
from alur.core.kinerja.numbers import CONTEXT, HUNDRED, format_decimal, require_decimal


@dataclass(frozen=True)
class EfficiencyRule:
    margin: Decimal = Decimal(5)
    labels: tuple[str, str, str] = ("Efisien", "Cukup efisien", "Tidak efisien")  # (efisien, cukup, tidak)
    name: str = "Aturan efisiensi"
    source: str = ""  # where the rule comes from, shown beside the label

    def __post_init__(self) -> None:
        margin = require_decimal(self.margin, "EfficiencyRule.margin")
        if margin is None or margin < 0:
            raise ValidationError("Aturan efisiensi: margin wajib diisi dan tidak boleh negatif.", code="margin")
        object.__setattr__(self, "margin", margin)
        if len(self.labels) != 3 or not all(label.strip() for label in self.labels):
            raise ValidationError(
                "Aturan efisiensi: perlu tepat tiga label (efisien, cukup efisien, tidak efisien).", code="labels"
            )
        object.__setattr__(self, "labels", tuple(self.labels))

    def description(self) -> str:
        m = format_decimal(self.margin)
        efisien, cukup, tidak = self.labels
        return (
            f"{efisien}: capaian lebih dari {m} poin di atas serapan; {cukup}: selisih dalam ±{m} poin; "
            f"{tidak}: capaian lebih dari {m} poin di bawah serapan."
        )


# Alur's starting rule, not a national one (no regulation sets the margin): more than 5 points above
# serapan is efisien, within ±5 cukup efisien, below tidak — a practice seen in kabupaten LKjIPs. An
# office replaces it under Pengaturan kinerja; its own rule then carries the name it gives it.
DEFAULT_EFFICIENCY_RULE = EfficiencyRule(
    margin=Decimal(5),
    labels=("Efisien", "Cukup efisien", "Tidak efisien"),
    name="Aturan efisiensi bawaan Alur (±5 poin)",
    source="Bawaan Alur, bukan ketentuan nasional; OPD dapat mengubahnya di Pengaturan kinerja",
)


def serapan(realisasi_anggaran: Decimal | None, pagu: Decimal | None) -> Decimal | None:
    """Budget absorption in percent; None when either is missing or pagu is 0 (nothing to absorb).

    Negative amounts are bad data and raise ValidationError (forms must refuse them on entry).
    """
    realisasi_anggaran = require_decimal(realisasi_anggaran, "realisasi_anggaran")
    pagu = require_decimal(pagu, "pagu")
    for name, amount in (("Realisasi anggaran", realisasi_anggaran), ("Pagu", pagu)):
        if amount is not None and amount < 0:
            raise ValidationError(f"{name} tidak boleh negatif ({format_decimal(amount)}).", code="negative_amount")
    if realisasi_anggaran is None or pagu is None or pagu == 0:
        return None
    return CONTEXT.divide(realisasi_anggaran * HUNDRED, pagu)


def efficiency(*, capaian: Decimal | None, serapan: Decimal | None, rule: EfficiencyRule) -> str | None:
    """The rule's label for this capaian and serapan, or None when either is missing."""
    capaian = require_decimal(capaian, "capaian")
    serapan = require_decimal(serapan, "serapan")
    if capaian is None or serapan is None:
        return None
    difference = capaian - serapan
    efisien, cukup, tidak = rule.labels
    if difference > rule.margin:
        return efisien
    if difference < -rule.margin:
        return tidak
    return cukup
