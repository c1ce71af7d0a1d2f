"""The ditetapkan lock: which signed documents fix a piece of an office's performance data.

A signed document fixes the data it was built from: a later change to the data is then allowed only
as a recorded revision, the service asks for a reason and names the document(s) on the trail.
Which documents are signed is not kinerja's to know: a lock source (`register_source`, filled by the
documents app from its `ready()`: signed generated documents of each kind that locks) answers
`locks_on`. kinerja's services ask by the document kind's key.

What each document kind fixes:
- "iku" of year Y: the definitions of the IKU indicators of the Renstra covering Y;
- "pk" of year Y: that year's targets (annual and quarterly) and budget pagu (the signed
  PerjanjianKinerja keeps freezing its own snapshot besides this);
- "renja" of year Y: the lines of Renja Y;
- "data_kinerja" of (Y, triwulan): the realisations of that period and their evidence.
The LKjIP and Renstra documents are not locks here (the LKjIP's narratives live outside kinerja;
the Renstra has its own ditetapkan/revision status).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core.text import text_error

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
# Indicator fields the IKU document shows or that decide its capaian; the rest (baseline, the
# national standard) belong to the Renstra and LKjIP, which are not locks here.
IKU_DEFINITION_FIELDS = ("name", "definisi", "formula", "kind", "satuan", "sumber_data", "unit", "position",
                         "polarity", "turun_formula", "band_low", "band_high", "band_falloff", "aggregation",
                         "is_iku", "sasaran", "alasan")


@dataclass(frozen=True)
class Lock:
    """One signed document that fixes the data asked about."""

    kind: str
    name: str  # what the document is called in messages ("Dokumen IKU"), from its kind
    year: int
    triwulan: int | None
    version_id: int
    document_id: int
    run_id: int
    signed_at: datetime

    @property
    def label(self) -> str:
        label = f"{self.name} {self.year}"
        if self.triwulan:
            label += f" {_('Triwulan')} {ROMAN.get(self.triwulan, self.triwulan)}"
        return label

    @property
    def signed_text(self) -> str:
        local = timezone.localtime(self.signed_at)
        return f"{local.day} {MONTHS[local.month - 1]} {local.year}"

    @property
    def message(self) -> str:
        return _("Data ini sudah ditetapkan dalam %(doc)s (ditandatangani %(date)s)") % {
            "doc": self.label, "date": self.signed_text}

    def trail(self) -> dict:
        return {"dokumen": self.label, "jenis": self.kind, "tahun": self.year, "triwulan": self.triwulan,
                "versi": self.version_id, "alur": self.run_id, "ditandatangani": self.signed_at.isoformat()}


# (office, *, kind, years, triwulan) -> list[Lock], or None when the source does not know `kind`
LockSource = Callable[..., "list[Lock] | None"]
_SOURCES: list[LockSource] = []


def register_source(source: LockSource) -> LockSource:
    """Add a source of locks (once; the documents app registers its signed generated documents)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def locks_on(office, *, kind: str, year: int | Iterable[int], triwulan: int | None = None) -> list[Lock]:
    """The signed documents of `kind` for `year` (one year or several) and, for a quarterly kind,
    `triwulan`, that fix data of `office`: one per document, the newest signature. Every source
    asked once (the documents source: two queries)."""
    years = [year] if isinstance(year, int) else list(year)
    found: list[Lock] = []
    known = False
    for source in _SOURCES:
        locks = source(office, kind=kind, years=years, triwulan=triwulan)
        if locks is not None:
            known = True
            found.extend(locks)
    if not known:
        raise ValueError(f"locks_on: unknown kind {kind!r}")
    return sorted(found, key=lambda lock: (lock.year, lock.triwulan or 0, lock.signed_at))


def indicator_locks(indicator, fields: Iterable[str] = IKU_DEFINITION_FIELDS) -> list[Lock]:
    """Signed IKU documents of the indicator's Renstra years, when the change touches its IKU
    definition (an IKU indicator, or one being made or unmade IKU)."""
    fields = set(fields)
    if not fields & set(IKU_DEFINITION_FIELDS):
        return []
    if not indicator.is_iku and "is_iku" not in fields:
        return []
    return locks_on(indicator.renstra.office, kind="iku", year=indicator.renstra.years)


def require_reason(locks: list[Lock], reason: str | None) -> dict:
    """Refuse a change to ditetapkan data without a reason, naming the document(s); with one,
    the entries the trail keeps ({} when nothing is locked)."""
    if not locks:
        return {}
    reason = (reason or "").strip()
    problem = text_error(reason)  # the one text rule (alur.core.text): the reason goes on the trail
    if problem is not None:
        raise ValidationError({"reason": problem})
    if not reason:
        messages = "; ".join(lock.message for lock in locks)
        raise ValidationError({"reason": _("%(locks)s: isi alasan perubahan") % {"locks": messages}})
    return {"ditetapkan": [lock.trail() for lock in locks], "alasan": reason}
