"""Appending to and verifying the trail. Call `record` inside the transaction of the act itself,
so an act and its trail entry are stored together or not at all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from alur.core.hashchain import GENESIS, Broken, entry_hash, verify_chain
from alur.org.models import Office

from .models import Chain, Entry


def record(*, office: Office, kind: str, data: dict, user=None, run_id: int | None = None, at=None) -> Entry:
    return record_many(office=office, user=user, run_id=run_id, at=at, items=[(kind, data)])[0]


def record_many(*, office: Office, items: list[tuple[str, dict]], user=None, run_id: int | None = None,
                at=None) -> list[Entry]:
    """Append several entries (kind, data) of one act under a single lock of the office's chain."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the act's transaction")
    chain = _locked_chain(office)
    at = at or timezone.now()
    entries, prev = [], chain.head_hash
    for offset, (kind, data) in enumerate(items, start=1):
        entry = Entry(office=office, position=chain.length + offset, kind=kind, run_id=run_id, user=user, at=at,
                      data=data, prev_hash=prev)
        entry.hash = entry_hash(entry.prev_hash, entry.content())
        entries.append(entry)
        prev = entry.hash
    Entry.objects.bulk_create(entries)
    chain.length += len(entries)
    chain.head_hash = prev
    chain.save(update_fields=["length", "head_hash"])
    return entries


def _locked_chain(office: Office) -> Chain:
    chain = Chain.objects.select_for_update().filter(office=office).first()
    if chain is None:
        try:
            with transaction.atomic():
                Chain.objects.create(office=office, head_hash=GENESIS)
        except IntegrityError:  # created by a concurrent first act of this office
            pass
        chain = Chain.objects.select_for_update().get(office=office)
    return chain


@dataclass(frozen=True)
class VerifyResult:
    office: Office
    entries: int
    broken: Broken | None
    head_matches: bool


def verify_office(office: Office) -> VerifyResult:
    entries = list(Entry.objects.filter(office=office).order_by("position"))
    walked = ((e.pk, e.content(), e.prev_hash, e.hash) for e in entries)
    broken = verify_chain(walked)
    chain = Chain.objects.filter(office=office).first()
    head_ok = chain is None and not entries or bool(
        chain and entries and chain.head_hash == entries[-1].hash and chain.length == len(entries)
    )
    if broken is None and entries:
        positions = [e.position for e in entries]
        if positions != list(range(1, len(entries) + 1)):
            missing = next(i for i, p in enumerate(positions, start=1) if p != i)
            broken = Broken(missing - 1, entries[missing - 1].pk, "urutan entri terputus (ada entri yang hilang)")
    return VerifyResult(office=office, entries=len(entries), broken=broken, head_matches=head_ok)
