"""Appending to and verifying the trail. Call `record` inside the transaction of the act itself,
so an act and its trail entry are stored together or not at all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from alur.core.hashchain import GENESIS, Broken, entry_hash, verify_chain
from alur.org.models import Office

from .models import CONTENT_FIELDS, Chain, Entry, entry_content


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


def verify_office(office: Office, *, chunk_size: int = 2000) -> VerifyResult:
    """Walk the office's chain in position order, streaming (memory does not grow with its length)."""
    walk = _ChainWalk()
    rows = (Entry.objects.filter(office=office).order_by("position")
            .values_list("pk", "prev_hash", "hash", *CONTENT_FIELDS).iterator(chunk_size=chunk_size))
    broken = verify_chain(walk.feed(rows))
    if broken is None and walk.gap is not None:
        broken = walk.gap
    chain = Chain.objects.filter(office=office).first()
    if chain is None:
        head_ok = walk.count == 0
    else:
        head_ok = walk.count > 0 and chain.head_hash == walk.last_hash and chain.length == walk.count
    return VerifyResult(office=office, entries=walk.count, broken=broken, head_matches=head_ok)


class _ChainWalk:
    """Feeds (id, content, prev_hash, hash) to verify_chain while noting count, last hash and the
    first missing position."""

    def __init__(self):
        self.count = 0
        self.last_hash = GENESIS
        self.gap: Broken | None = None

    def feed(self, rows):
        for pk, prev_hash, stored_hash, *content in rows:
            self.count += 1
            if self.gap is None and content[1] != self.count:
                self.gap = Broken(self.count - 1, pk, "urutan entri terputus (ada entri yang hilang)")
            self.last_hash = stored_hash
            yield pk, entry_content(*content), prev_hash, stored_hash
