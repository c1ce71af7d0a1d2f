"""Parse the Waktu (time standard) column: "10 Menit", "2 Jam", "1 Hari", "1,5 jam"."""

from __future__ import annotations

import re

from alur.core.errors import ValidationError
from alur.core.sop.model import Waktu, WaktuUnit

_UNIT_WORDS = {
    "menit": WaktuUnit.MENIT,
    "mnt": WaktuUnit.MENIT,
    "jam": WaktuUnit.JAM,
    "hari": WaktuUnit.HARI,
    "hari kerja": WaktuUnit.HARI,
}
_PATTERN = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z ]+?)\s*\.?\s*$")


def parse_waktu(text: str) -> Waktu:
    """Return the Waktu in `text` or raise ValidationError saying what is wrong."""
    match = _PATTERN.match(text or "")
    if not match:
        raise ValidationError(
            f"Waktu {text!r} tidak dapat dibaca; tulis jumlah dan satuan, mis. '30 Menit', '2 Jam', "
            "'1 Hari'.",
            code="waktu_format",
        )
    amount = float(match.group(1).replace(",", "."))
    unit = _UNIT_WORDS.get(re.sub(r"\s+", " ", match.group(2).strip().lower()))
    if unit is None:
        raise ValidationError(
            f"Satuan waktu {match.group(2)!r} tidak dikenal; gunakan Menit, Jam atau Hari.",
            code="waktu_unit",
        )
    if amount <= 0:
        raise ValidationError(f"Waktu {text!r} harus lebih dari nol.", code="waktu_zero")
    return Waktu(amount, unit)
