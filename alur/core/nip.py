"""NIP (Nomor Induk Pegawai) check: 18 digits = birth date, appointment year-month, sex, sequence.

Layout: YYYYMMDD (lahir) YYYYMM (pengangkatan) S (1 pria, 2 wanita) NNN (urut).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from alur.core.errors import ValidationError

MIN_APPOINTMENT_AGE = 17


@dataclass(frozen=True)
class Nip:
    lahir: date
    pengangkatan_tahun: int
    pengangkatan_bulan: int
    jenis_kelamin: int  # 1 pria, 2 wanita
    urut: str

    def formatted(self) -> str:
        return format_nip(self.raw)

    @property
    def raw(self) -> str:
        return (
            f"{self.lahir:%Y%m%d}{self.pengangkatan_tahun:04d}{self.pengangkatan_bulan:02d}"
            f"{self.jenis_kelamin}{self.urut}"
        )


def normalize_nip(value: str) -> str:
    """Drop the spaces and dots people write inside a NIP ("19700930 199703 1 003")."""
    return re.sub(r"[\s.]", "", value or "")


def format_nip(value: str) -> str:
    """The one way Alur writes a NIP: "197009301997031003" -> "19700930 199703 1 003". Text that is
    not 18 digits (a typo kept as written) comes back trimmed, unchanged."""
    raw = normalize_nip(value)
    if raw.isdigit() and len(raw) == 18:
        return f"{raw[:8]} {raw[8:14]} {raw[14]} {raw[15:]}"
    return (value or "").strip()


def parse_nip(value: str) -> Nip:
    """Return the parts of a valid NIP or raise ValidationError naming the wrong part."""
    raw = normalize_nip(value)
    if not raw:
        raise ValidationError("NIP wajib diisi.", code="nip_required")
    if not raw.isdigit():
        raise ValidationError(f"NIP {value!r} hanya boleh berisi angka.", code="nip_digits")
    if len(raw) != 18:
        raise ValidationError(
            f"NIP harus 18 digit, bukan {len(raw)} digit ({raw}).", code="nip_length"
        )
    lahir_text, angkat_text, sex_text, urut = raw[:8], raw[8:14], raw[14], raw[15:]
    try:
        lahir = date(int(lahir_text[:4]), int(lahir_text[4:6]), int(lahir_text[6:]))
    except ValueError:
        raise ValidationError(
            f"Tanggal lahir {lahir_text} tidak valid (digit 1–8 NIP harus tanggal TTTTBBHH).",
            code="nip_birth_date",
        ) from None
    year, month = int(angkat_text[:4]), int(angkat_text[4:])
    if not 1 <= month <= 12:
        raise ValidationError(
            f"Bulan pengangkatan {angkat_text} tidak valid (digit 9–14 NIP harus TTTTBB).",
            code="nip_appointment",
        )
    if year < lahir.year + MIN_APPOINTMENT_AGE:
        raise ValidationError(
            f"Tahun pengangkatan {year} terlalu awal: pegawai lahir {lahir.year} belum berusia "
            f"{MIN_APPOINTMENT_AGE} tahun.",
            code="nip_appointment_age",
        )
    if sex_text not in ("1", "2"):
        raise ValidationError(
            f"Digit jenis kelamin {sex_text} tidak valid (digit 15 NIP harus 1 atau 2).",
            code="nip_sex",
        )
    return Nip(lahir=lahir, pengangkatan_tahun=year, pengangkatan_bulan=month,
               jenis_kelamin=int(sex_text), urut=urut)


def validate_nip(value: str) -> str:
    """Validate and return the NIP as 18 plain digits."""
    return parse_nip(value).raw
