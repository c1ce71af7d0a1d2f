"""The ditetapkan lock: which signed documents fix a piece of an office's performance data.

A document generated from the data inside a run (alur.documents `Generated`, tied to a runs
`DocumentVersion`) fixes that data once a version built from it carries a signature (tanda tangan).
A later change to the data is then allowed only as a recorded revision: the service asks for a
reason and names the document(s) on the trail.

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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core.text import text_error

KINDS = ("iku", "pk", "renja", "data_kinerja")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
# Indicator fields the IKU document shows or that decide its capaian; the rest (baseline, the
# national standard) belong to the Renstra and LKjIP, which are not locks here.
IKU_DEFINITION_FIELDS = ("name", "definisi", "formula", "kind", "satuan", "sumber_data", "unit", "position",
                         "polarity", "turun_formula", "band_low", "band_high", "band_falloff", "aggregation",
                         "is_iku", "sasaran")


@dataclass(frozen=True)
class Lock:
    """One signed document that fixes the data asked about."""

    kind: str
    year: int
    triwulan: int | None
    version_id: int
    document_id: int
    run_id: int
    signed_at: datetime

    @property
    def label(self) -> str:
        names = {"iku": _("Dokumen IKU"), "pk": _("Perjanjian Kinerja"), "renja": _("Renja"),
                 "data_kinerja": _("Laporan Data Kinerja")}
        label = f"{names[self.kind]} {self.year}"
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


def locks_on(office, *, kind: str, year: int | Iterable[int], triwulan: int | None = None) -> list[Lock]:
    """The signed documents of `kind` for `year` (one year or several) and, for data kinerja,
    `triwulan`, that fix data of `office` — one per run document, the newest signature. Two queries."""
    from alur.documents.models import Generated
    from alur.runs.models import SignOff

    if kind not in KINDS:
        raise ValueError(f"locks_on: unknown kind {kind!r}")
    years = [year] if isinstance(year, int) else list(year)
    generated = Generated.objects.filter(version__document__run__office=office, kind=kind, year__in=years)
    if kind == "data_kinerja" and triwulan is not None:
        generated = generated.filter(triwulan=triwulan)
    made = list(generated.values_list("version__document_id", "version__number", "year", "triwulan",
                                      "version__document__run_id"))
    if not made:
        return []
    by_document: dict[int, list[tuple]] = {}
    for row in made:
        by_document.setdefault(row[0], []).append(row)
    signatures = (SignOff.objects.filter(kind=SignOff.Kind.TANDA_TANGAN, version__document_id__in=by_document)
                  .values_list("version__document_id", "version__number", "version_id", "signed_at")
                  .order_by("version__document_id", "-signed_at"))
    locks, seen = [], set()
    for document_id, number, version_id, signed_at in signatures:
        if document_id in seen:
            continue
        # The signed version itself, or the generated version it was edited from (uploaded after it).
        source = max((row for row in by_document[document_id] if row[1] <= number), key=lambda row: row[1],
                     default=None)
        if source is None:
            continue
        seen.add(document_id)
        locks.append(Lock(kind=kind, year=source[2], triwulan=source[3], version_id=version_id,
                          document_id=document_id, run_id=source[4], signed_at=signed_at))
    return sorted(locks, key=lambda lock: (lock.year, lock.triwulan or 0, lock.signed_at))


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
