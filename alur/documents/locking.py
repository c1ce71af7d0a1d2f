"""The lock source documents gives kinerja (`alur.kinerja.locks.register_source`): a signed version
of a document generated from the data fixes that data, for every kind whose `locks` names it.

A generated version (`Generated`, tied to a runs `DocumentVersion`) fixes its kind and period once
it, or a version uploaded after it as its edit, carries a signature (tanda tangan)."""

from __future__ import annotations

from alur.kinerja.locks import Lock, register_source
from alur.runs.models import SignOff

from . import kinds
from .models import Generated


def signed_generated(office, *, kind: str, years: list[int], triwulan: int | None) -> list[Lock] | None:
    """The signed documents of `kind` for `years` (and, for a quarterly kind, `triwulan`) of the
    office, one per run document with its newest signature; None when `kind` fixes nothing. Two queries."""
    found = kinds.get(kind)
    if found is None or found.locks is None:
        return None
    generated = Generated.objects.filter(version__document__run__office=office, kind=kind, year__in=years)
    if found.quarterly and triwulan is not None:
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
        locks.append(Lock(kind=kind, name=found.locks, year=source[2], triwulan=source[3], version_id=version_id,
                          document_id=document_id, run_id=source[4], signed_at=signed_at))
    return locks


def register() -> None:
    register_source(signed_generated)
