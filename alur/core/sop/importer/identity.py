"""The identity page: labels and their variants, list sections, dates, the approver block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from alur.core.sop.importer.lines import Line

SCALAR = "scalar"
APPROVER = "approver"
LIST = "list"

# (field, kind, label pattern). Tried in order at the start of a cell, case-insensitively.
_LABELS: list[tuple[str, str, str]] = [
    ("nomor", SCALAR, r"(?:nomor|no\.?)\s*sop"),
    ("tanggal_pembuatan", SCALAR, r"(?:tgl\.?|tanggal)\s*pembuatan"),
    ("tanggal_revisi", SCALAR, r"(?:tgl\.?|tanggal)\s*revisi(?:\s*\(\s*ditinjau\s+kembali\s*\))?"),
    (
        "tanggal_pengesahan",
        SCALAR,
        r"(?:tgl\.?|tanggal)\s*(?:pengesahan(?:\s*/\s*efektif)?|efektif\s*/\s*pengesahan)",
    ),
    # "Tgl Efektif" alone is a date of its own (PermenPAN-RB 35/2012 names it); printed as its own row
    ("tanggal_efektif", SCALAR, r"(?:tgl\.?|tanggal)\s*efektif"),
    ("disahkan_oleh", APPROVER, r"disahkan\s+oleh"),
    ("nama", SCALAR, r"(?:nama|judul)\s*sop"),
    ("dasar_hukum", LIST, r"dasar\s+hukum"),
    ("kualifikasi_pelaksana", LIST, r"kualifikasi\s+pelaksana(?:an)?"),
    ("keterkaitan", LIST, r"keterkaitan"),
    ("peralatan", LIST, r"(?:peralatan\s*/?\s*perlengkapan|peralatan|perlengkapan)"),
    # Some offices head the equipment row "Persyaratan/Kelengkapan"; it is read as Peralatan.
    ("peralatan", LIST, r"persyaratan\s*/\s*kelengkapan"),
    ("peringatan", LIST, r"peringatan"),
    ("pencatatan", LIST, r"pencatatan(?:\s+dan\s+pendataan)?"),
]
_LABEL_RES = [
    (name, kind, re.compile(r"^\s*(?:" + pattern + r")(?![\w/])\s*(?P<rest>.*)$", re.I | re.S))
    for name, kind, pattern in _LABELS
]

LIST_FIELDS = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
)
FIELD_LABELS = {
    "nomor": "Nomor SOP",
    "nama": "Nama SOP",
    "tanggal_pembuatan": "Tanggal Pembuatan",
    "tanggal_revisi": "Tanggal Revisi",
    "tanggal_pengesahan": "Tanggal Pengesahan",
    "tanggal_efektif": "Tanggal Efektif",
    "disahkan_oleh": "Disahkan Oleh",
    "disahkan_oleh.jabatan": "Jabatan pengesah",
    "disahkan_oleh.nama": "Nama pengesah",
    "disahkan_oleh.nip": "NIP pengesah",
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan": "Pencatatan dan Pendataan",
}


def match_label(cell: str) -> tuple[str, str, str] | None:
    """(field, kind, value) when `cell` starts with an identity label, else None.

    A list label must stand alone or be followed by ':'; a scalar label may be followed by its
    value after ':' or a space ("Disahkan Oleh Kepala Dinas ...").
    """
    if not cell or len(cell) > 100_000:
        return None
    for name, kind, regex in _LABEL_RES:
        m = regex.match(cell[:400]) if len(cell) > 400 else regex.match(cell)
        if not m:
            continue
        rest = cell[m.start("rest") :] if len(cell) > 400 else m.group("rest")
        rest = rest.strip()
        has_colon = rest.startswith(":")
        value = rest[1:].strip() if has_colon else rest
        if kind == LIST and value and not has_colon:
            continue  # "Peralatan kantor lengkap" is content, not a label
        return name, kind, value
    return None


_TITLE_RE = re.compile(
    r"^\s*(standar(?:d)?\s+operasional\s+prosedur|standard\s+operating\s+procedure)\b", re.I
)
NIP_RE = re.compile(r"\bNIP\b\s*\.?\s*:?\s*(?P<nip>[0-9][0-9 .]*)?", re.I)


def is_title(line: Line) -> bool:
    cells = line.nonempty
    return len(cells) == 1 and bool(_TITLE_RE.match(cells[0]))


# -- lists ------------------------------------------------------------------------------------

_MARK_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\s*[.)]\s+")
_BULLET_RE = re.compile(r"^\s*[-•*–]\s+")
EMPTY_MARKS = {"-", "–", "—", "--", ".", "…"}


def split_items(text: str) -> list[tuple[bool, str]]:
    """Split list text into (numbered, item): "1. a 2. b" gives two items.

    Only a run of markers numbered one after another splits ("Nomor 8 Tahun 2006" stays whole).
    """
    text = (text or "").strip()
    if not text or text in EMPTY_MARKS:
        return []
    marks = list(_MARK_RE.finditer(text))
    chain: list[re.Match] = []
    for m in marks:
        n = int(m.group(1))
        if not chain:
            if m.start() == 0 or n == 1:
                chain.append(m)
        elif n == int(chain[-1].group(1)) + 1:
            chain.append(m)
    if not chain:
        bullet = _BULLET_RE.match(text)
        if bullet:
            return [(True, text[bullet.end() :].strip())] if text[bullet.end() :].strip() else []
        return [(False, text)]
    items: list[tuple[bool, str]] = []
    head = text[: chain[0].start()].strip()
    if head:
        items.append((False, head))
    for i, m in enumerate(chain):
        end = chain[i + 1].start() if i + 1 < len(chain) else len(text)
        item = text[m.end() : end].strip()
        if item and item not in EMPTY_MARKS:
            items.append((True, item))
    return items


# -- dates ------------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_DATE_WORDS = re.compile(r"^(\d{1,2})\s*[-/ .,]?\s*([A-Za-z]+)\.?\s*[-/ .,]?\s*(\d{4})$")
_DATE_NUM = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_tanggal(text: str) -> tuple[date | None, str | None]:
    """(date, None), (None, None) for empty/"-", or (None, message) when unreadable."""
    value = (text or "").strip().rstrip(".").strip()
    if not value or value in EMPTY_MARKS:
        return None, None
    if len(value) > 60:
        return None, f"Tanggal {value[:40]!r}… tidak dapat dibaca."
    value = re.sub(r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s*,\s*", "", value, flags=re.I)
    try:
        m = _DATE_WORDS.match(value)
        if m:
            month = _MONTHS.get(m.group(2).lower())
            if month is None:
                return None, f"Nama bulan {m.group(2)!r} pada tanggal {value!r} tidak dikenal."
            return date(int(m.group(3)), month, int(m.group(1))), None
        m = _DATE_NUM.match(value)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None
        m = _DATE_ISO.match(value)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
    except ValueError:
        return None, f"Tanggal {value!r} tidak ada di kalender."
    return None, f"Tanggal {value!r} tidak dapat dibaca; tulis mis. '4 Januari 2022'."


# -- approver ---------------------------------------------------------------------------------

_JABATAN_START = re.compile(
    r"^(kepala|plt\b|plh\b|pj\b|sekretaris|kabupaten|kota|provinsi|dinas|badan|kantor|camat|lurah|"
    r"bupati|wali\s*kota|walikota|gubernur|direktur|inspektur|a\.?n\.?\b)",
    re.I,
)
_DEGREE_RE = re.compile(r"^[A-Z][a-z]{0,4}\.(?:[A-Z][a-z]{0,4}\.?)*,?$")


def _name_token(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return token in {",", "."}
    if all(c.isupper() for c in letters):
        return True
    return bool(_DEGREE_RE.match(token))


def _caps_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not _DEGREE_RE.match(token)


def split_name(text: str) -> tuple[str, str]:
    """Split "Kepala Dinas … Barat H. YAN ERY, S.Pt, M.Si" into (jabatan, name).

    The name is the trailing run of upper-case words and degrees ("S.Pt", "M.Si"), and must hold
    at least one upper-case word of two letters or more.
    """
    tokens = text.split()
    start = len(tokens)
    while start > 0 and _name_token(tokens[start - 1]):
        start -= 1
    name_tokens = tokens[start:]
    if not any(_caps_word(t) for t in name_tokens):
        return text.strip(), ""
    # Keep a leading upper-case word of the jabatan ("DPMPTSP H. BUDI") out only if it is
    # separated by two spaces in the source; otherwise the run is the name.
    jabatan = " ".join(tokens[:start])
    double = text.rfind("  ")
    if double != -1 and text[double:].strip() and len(text[double:].split()) < len(name_tokens):
        jabatan = text[:double].strip()
        return jabatan, text[double:].strip()
    return jabatan, " ".join(name_tokens)


@dataclass
class ApproverRead:
    jabatan: str = ""
    nama: str = ""
    nip: str = ""
    nip_text: str = ""
    stamp: str = ""  # a leading office word before the name ("DPM"), probably from the stamp
    line: int = 0
    name_line: int = 0
    nip_line: int = 0
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, message)


def parse_approver(parts: list[tuple[int, str]], office_words: set[str]) -> ApproverRead:
    """Read jabatan, name and NIP from the text lines of the "Disahkan Oleh" block."""
    read = ApproverRead(line=parts[0][0] if parts else 0)
    texts: list[tuple[int, str]] = []
    for line_no, text in parts:
        m = NIP_RE.search(text)
        if m:
            before = text[: m.start()].strip()
            if before:
                texts.append((line_no, before))
            read.nip_text = (m.group("nip") or "").strip()
            read.nip = "".join(c for c in read.nip_text if c.isdigit())
            read.nip_line = line_no
            after = text[m.end() :].strip()
            if after and not read.nip:
                read.nip_text = after
            break
        if text.strip():
            texts.append((line_no, text.strip()))
    if not texts:
        return read
    last_no, last = texts[-1]
    if len(texts) >= 2 and not _JABATAN_START.match(last) and (read.nip_line or _looks_name(last)):
        read.jabatan = " ".join(t for _, t in texts[:-1])
        read.nama, read.name_line = last, last_no
    else:
        jab_last, name = split_name(last)
        read.jabatan = " ".join([t for _, t in texts[:-1]] + ([jab_last] if jab_last else []))
        if name:
            read.nama, read.name_line = name, last_no
    if read.nama:
        first, _, rest = read.nama.partition(" ")
        if rest and first.upper() == first and first.isalpha() and first.upper() in office_words:
            read.stamp = first
            read.notes.append(
                (
                    read.name_line,
                    "disahkan_oleh.nama",
                    f"Kata {first!r} di depan nama pengesah {read.nama!r} tampaknya sisa stempel dinas; "
                    "periksa nama pengesah.",
                )
            )
    return read


def _looks_name(text: str) -> bool:
    tokens = text.split()
    return (
        bool(tokens)
        and any(_caps_word(t) for t in tokens)
        and sum(map(_name_token, tokens)) >= len(tokens) - 1
    )
