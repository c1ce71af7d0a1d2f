"""Words the SOP code shares, written once: known typos, month names, step text fields.

The vocabulary of step kinds and acts is `alur.core.sop.model.StepKind` / `Act`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

# Misspellings seen in SOPs of this kind, with what was meant. Matched as whole words, any case,
# by the importer (which reports them) and by the validator (which warns).
KNOWN_TYPOS: dict[str, str] = {
    "reuvi": "reviu",
    "reuiv": "reviu",
    "reuiu": "reviu",
    "meneima": "menerima",
    "kenerja": "kinerja",
    "manggandakan": "menggandakan",
    "dokument": "dokumen",
    "pengagen": "pengagendaan",
    "lkjlp": "LKjIP",
    "dpmpstp": "DPMPTSP",
    "dpmpstsp": "DPMPTSP",
    "indicator": "indikator",
    "bapeda": "Bappeda",
    "menganalisa": "menganalisis",
}
# Reported by the importer but not warned about by the validator: the curated seeds keep these
# spellings as the office writes them throughout ("Dokument", "Bapeda", …); correcting them is the
# office's decision, recorded with a `corrections` entry when made.
KEPT_AS_WRITTEN = frozenset({"dokument", "pengagen", "indicator", "bapeda", "menganalisa"})
VALIDATOR_TYPOS = {word: meant for word, meant in KNOWN_TYPOS.items() if word not in KEPT_AS_WRITTEN}


def typo_pattern(words) -> re.Pattern:
    """Whole words of `words`, any case, longest first."""
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I)


TYPO_RE = typo_pattern(KNOWN_TYPOS)
VALIDATOR_TYPO_RE = typo_pattern(VALIDATOR_TYPOS)

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

# The free-text columns of a step on the SOP table, in table order.
STEP_TEXT_FIELDS = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def tanggal(value: date) -> str:
    """`date(2022, 1, 4)` -> "4 Januari 2022": the one way Alur writes a date in its messages."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def tanggal_jam(value: datetime) -> str:
    """`datetime(2027, 1, 4, 14, 5)` -> "4 Januari 2027 14.05" (the clock as Indonesian writes it)."""
    return f"{tanggal(value)} {value:%H.%M}"
