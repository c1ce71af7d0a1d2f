"""Shared pieces of the SOP renderers: the office header, Indonesian formatting, text measuring.

Nothing here imports Django, so the SVG, DOCX and BPMN renderers stay usable without settings.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from alur.core.durations import FALLBACK_MINUTES_PER_DAY, WorkingDay, format_clock_length, format_working_minutes
from alur.core.nip import format_nip as core_format_nip
from alur.core.numbers import angka
from alur.core.sop.model import Sop, WaktuUnit
from alur.core.sop.vocabulary import MONTHS
from alur.core.sop.vocabulary import tanggal as vocabulary_tanggal

MINUTES_PER_DAY = FALLBACK_MINUTES_PER_DAY  # only when no calendar is given: pass WorkingDay.minutes

BULAN = MONTHS  # the name the renderers used; the list lives in alur.core.sop.vocabulary
EMPTY = "-"


@dataclass(frozen=True)
class OfficeHeader:
    """Who issues the SOP: the lines of the office name (top to bottom), address and logo.

    `logo` is the image itself (PNG, JPEG or SVG bytes); `logo_path` a file to read it from.
    """

    lines: tuple[str, ...] = ()
    address: str = ""
    logo: bytes | None = None
    logo_path: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "lines", tuple(self.lines))

    def logo_bytes(self) -> bytes | None:
        if self.logo:
            return self.logo
        if self.logo_path:
            path = Path(self.logo_path)
            if path.is_file():
                return path.read_bytes()
        return None

    def logo_mime(self) -> str | None:
        data = self.logo_bytes()
        if not data:
            return None
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            return "image/png"
        if data[:3] == b"\xff\xd8\xff":
            return "image/jpeg"
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return "image/gif"
        head = data[:512].lstrip().lower()
        if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
            return "image/svg+xml"
        return "application/octet-stream"

    def logo_data_uri(self) -> str | None:
        data = self.logo_bytes()
        if not data:
            return None
        return f"data:{self.logo_mime()};base64,{base64.b64encode(data).decode('ascii')}"


def tanggal(value: date | None) -> str:
    """`date(2022, 1, 4)` -> "4 Januari 2022"; None -> "-"."""
    if value is None:
        return EMPTY
    return vocabulary_tanggal(value)


def format_nip(value: str) -> str:
    """The document's NIP line: "NIP. " + `alur.core.nip.format_nip`; empty stays empty."""
    text = core_format_nip(value)
    if not text:
        return ""
    return text if text.upper().startswith("NIP") else f"NIP. {text}"


def or_dash(text: str | None) -> str:
    text = (text or "").strip()
    return text or EMPTY


def _num(value: float) -> str:
    return angka(value)  # the one notation: "1,5", "2.300"


@dataclass(frozen=True)
class TotalWaktu:
    """The sum of the steps' Waktu: per unit as written, and as working days at `minutes_per_day`."""

    hari: float
    jam: float
    menit: float
    minutes_per_day: int
    steps_without_waktu: tuple[int, ...]
    office_hours: str = ""  # "07.30–16.00": the calendar's day the length comes from

    @property
    def total_minutes(self) -> float:
        return self.hari * self.minutes_per_day + self.jam * 60 + self.menit

    def per_unit(self) -> str:
        """Days and hours as written; minutes of 60 and more carried into hours (an hour is
        always 60 minutes, whereas a working day's length is a setting)."""
        jam, menit = self.jam, self.menit
        if menit >= 60:
            carry = int(menit // 60)
            jam, menit = jam + carry, menit - carry * 60
        parts = [
            f"{_num(amount)} {label}"
            for amount, label in ((self.hari, "Hari"), (jam, "Jam"), (menit, "Menit"))
            if amount
        ]
        return ", ".join(parts) if parts else EMPTY

    def working_days(self) -> str:
        minutes = round(self.total_minutes)
        return format_working_minutes(minutes, self.minutes_per_day) if minutes > 0 else EMPTY

    def day_length(self) -> str:
        """"8 jam 30 menit, 07.30–16.00" (the hours when the calendar's day is known)."""
        length = format_clock_length(self.minutes_per_day)
        return f"{length}, {self.office_hours}" if self.office_hours else length


def total_waktu(sop: Sop, minutes_per_day: int = MINUTES_PER_DAY, working_day: WorkingDay | None = None) -> TotalWaktu:
    """The SOP's total; with `working_day` (from the office calendar) its length and hours win."""
    if working_day is not None:
        minutes_per_day = working_day.minutes
    sums = {WaktuUnit.HARI: 0.0, WaktuUnit.JAM: 0.0, WaktuUnit.MENIT: 0.0}
    missing = []
    for step in sop.steps:
        if step.waktu is None:
            missing.append(step.no)
        else:
            sums[step.waktu.unit] += float(step.waktu.amount)
    return TotalWaktu(
        hari=sums[WaktuUnit.HARI], jam=sums[WaktuUnit.JAM], menit=sums[WaktuUnit.MENIT],
        minutes_per_day=minutes_per_day, steps_without_waktu=tuple(missing),
        office_hours=working_day.hours_text if working_day is not None else "",
    )


def numbered(items: Iterable[str]) -> list[str]:
    return [item for item in (str(i).strip() for i in items) if item]


# -- text measuring ----------------------------------------------------------------------------
# Row heights of the flow table are computed here, so that the flowchart drawn per row lines up
# with the text. Widths come from Liberation Sans (metric-compatible with Arial), which the CSS
# names first; a conservative average is used if the font file is missing.

PT_TO_MM = 25.4 / 72
_FONT_FILES = {
    False: ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",),
    True: ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",),
}


@lru_cache(maxsize=2)
def _advances(bold: bool):
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools comes with weasyprint
        return None
    for name in _FONT_FILES[bold]:
        if Path(name).is_file():
            font = TTFont(name, lazy=True)
            cmap = font.getBestCmap()
            hmtx = font["hmtx"]
            upem = font["head"].unitsPerEm
            widths = {cp: hmtx[glyph][0] / upem for cp, glyph in cmap.items()}
            return widths
    return None


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    widths = _advances(bold)
    if widths is None:
        return len(text) * 0.56 * size_pt * PT_TO_MM
    return sum(widths.get(ord(ch), 0.6) for ch in text) * size_pt * PT_TO_MM


def wrap_text(text: str, width_mm: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as a browser does it; words longer than the width are cut anywhere."""
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        current = ""
        # a hyphen is a break opportunity too ("Bidang-|Bidang"), as in browsers
        pieces = [
            (piece, k > 0)
            for word in paragraph.split()
            for k, piece in enumerate(re.findall(r"[^-]*-+|[^-]+", word))
        ]
        for word, glued in pieces:
            candidate = (f"{current}{word}" if glued else f"{current} {word}") if current else word
            if text_width_mm(candidate, size_pt, bold) <= width_mm:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while text_width_mm(word, size_pt, bold) > width_mm and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width_mm(word[:cut], size_pt, bold) > width_mm:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines or [""]


def text_lines(text: str, width_mm: float, size_pt: float, bold: bool = False) -> int:
    return len(wrap_text(text, width_mm, size_pt, bold))
