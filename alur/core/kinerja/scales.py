"""Scales as data: a row is a category with its own boundary rule (> or ≥, < or ≤).

The constants below only seed the database; the app keeps the rows an office admin sees and a
superuser changes, and calls ``classify`` with whatever rows are stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from alur.core.contrast import text_colour_on
from alur.core.errors import ValidationError
from alur.core.kinerja.numbers import format_decimal, require_decimal


@dataclass(frozen=True)
class ScaleRow:
    """One category. ``lower``/``upper`` None means unbounded on that side.

    ``caps_at``: where set, a value in this row counts as at most ``caps_at`` when the row's value
    is used further (e.g. capaian 120 counted as 100); classification itself never caps.
    """

    label: str
    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    colour: str = ""
    caps_at: Decimal | None = None

    def __post_init__(self) -> None:
        for name in ("lower", "upper", "caps_at"):
            object.__setattr__(self, name, require_decimal(getattr(self, name), f"ScaleRow.{name}"))
        if not self.label.strip():
            raise ValidationError("Baris skala: label wajib diisi.", code="scale_label", field="label")
        if self.lower is not None and self.upper is not None:
            empty = self.lower > self.upper or (
                self.lower == self.upper and not (self.lower_inclusive and self.upper_inclusive)
            )
            if empty:
                raise ValidationError(
                    f"Baris skala '{self.label}': batas bawah dan batas atas ({self.rule_text()}) "
                    "tidak menyisakan satu nilai pun.",
                    code="scale_empty",
                    field="lower",
                )

    @property
    def text_colour(self) -> str:
        """The colour of a label printed on this row's colour: readable whatever colour was chosen."""
        return text_colour_on(self.colour or "#6c757d")

    def contains(self, value: Decimal) -> bool:
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return False
        if self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive)):
            return False
        return True

    def capped(self, value: Decimal) -> Decimal:
        """The value as this row counts it: ``min(value, caps_at)`` when the row caps."""
        if self.caps_at is not None and value > self.caps_at:
            return self.caps_at
        return value

    def rule_text(self) -> str:
        """The boundary rule in words a reader checks at a glance: "> 90 dan ≤ 100"."""
        parts = []
        if self.lower is not None:
            parts.append(f"{'≥' if self.lower_inclusive else '>'} {format_decimal(self.lower)}")
        if self.upper is not None:
            parts.append(f"{'≤' if self.upper_inclusive else '<'} {format_decimal(self.upper)}")
        return " dan ".join(parts) if parts else "semua nilai"


def classify(value: Decimal | None, rows: Sequence[ScaleRow]) -> ScaleRow | None:
    """The first row whose bounds contain ``value`` (each row's own > / ≥ rule); None if none does."""
    value = require_decimal(value, "value")
    if value is None:
        return None
    for row in rows:
        if row.contains(value):
            return row
    return None


def scale_problems(rows: Sequence[ScaleRow]) -> list[str]:
    """Overlaps and gaps between rows (Indonesian), for the page where a superuser edits a scale.

    Rows are compared in order of their lower bound; an overlap means ``classify`` would depend on
    row order, a gap means some values get no category.
    """
    problems: list[str] = []
    ordered = sorted(rows, key=lambda row: (row.lower is not None, row.lower or Decimal(0), not row.lower_inclusive))
    for below, above in zip(ordered, ordered[1:], strict=False):
        if below.upper is None or above.lower is None:
            problems.append(f"Baris '{below.label}' dan '{above.label}' tumpang tindih.")
            continue
        if below.upper > above.lower or (
            below.upper == above.lower and below.upper_inclusive and above.lower_inclusive
        ):
            problems.append(
                f"Baris '{below.label}' ({below.rule_text()}) dan '{above.label}' ({above.rule_text()}) tumpang tindih."
            )
        elif below.upper < above.lower or not (below.upper_inclusive or above.lower_inclusive):
            problems.append(
                f"Ada celah antara '{below.label}' ({below.rule_text()}) dan '{above.label}' "
                f"({above.rule_text()}): nilai di antaranya tidak masuk kategori mana pun."
            )
    return problems


# Capaian categories, commonly attributed to Permendagri 86/2017 (evaluation of the RKPD/Renja:
# 91–100 sangat tinggi, 76–90 tinggi, 66–75 sedang, 51–65 rendah, ≤50 sangat rendah). That table
# is written in whole numbers; capaian here is a decimal, so each lower bound is read as "more
# than the upper bound of the row below" — 90,5 is sangat tinggi, 90 is tinggi — leaving no gap.
# The top row is open above: capaian over 100 stays sangat tinggi and is not capped (set caps_at
# to 100 to count it as 100). The bottom row starts at 0 because capaian is never negative.
DEFAULT_CAPAIAN_SCALE: tuple[ScaleRow, ...] = (
    ScaleRow("Sangat tinggi", Decimal(90), None, lower_inclusive=False, colour="#1b7a3a"),
    ScaleRow("Tinggi", Decimal(75), Decimal(90), lower_inclusive=False, colour="#5fa843"),
    ScaleRow("Sedang", Decimal(65), Decimal(75), lower_inclusive=False, colour="#e0b000"),
    ScaleRow("Rendah", Decimal(50), Decimal(65), lower_inclusive=False, colour="#e07020"),
    ScaleRow("Sangat rendah", Decimal(0), Decimal(50), colour="#c0392b"),
)

# Predikat of the SAKIP evaluation score (0–100), PermenPAN-RB 88/2021 (Pedoman Evaluasi AKIP):
# AA >90–100, A >80–90, BB >70–80, B >60–70, CC >50–60, C >30–50, D 0–30. Each row excludes its
# lower bound and includes its upper bound, as the regulation's ">" says; D includes 0.
DEFAULT_PREDIKAT_SCALE: tuple[ScaleRow, ...] = (
    ScaleRow("AA", Decimal(90), Decimal(100), lower_inclusive=False, colour="#1b7a3a"),
    ScaleRow("A", Decimal(80), Decimal(90), lower_inclusive=False, colour="#3f9142"),
    ScaleRow("BB", Decimal(70), Decimal(80), lower_inclusive=False, colour="#7bb342"),
    ScaleRow("B", Decimal(60), Decimal(70), lower_inclusive=False, colour="#c5b300"),
    ScaleRow("CC", Decimal(50), Decimal(60), lower_inclusive=False, colour="#e0a000"),
    ScaleRow("C", Decimal(30), Decimal(50), lower_inclusive=False, colour="#e07020"),
    ScaleRow("D", Decimal(0), Decimal(30), colour="#c0392b"),
)
