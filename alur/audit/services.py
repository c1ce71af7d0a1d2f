"""Appending to and verifying the trail. Call `record` inside the transaction of the act itself,
so an act and its trail entry are stored together or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from alur.audit.locking import lock_rows
from alur.core.hashchain import GENESIS, Broken, entry_hash, verify_chain

from . import records
from .models import CONTENT_FIELDS, Chain, Entry, entry_content

if TYPE_CHECKING:
    from alur.org.models import Office


@dataclass(frozen=True)
class Head:
    """An office chain's length and head hash, as a statement of the act read them."""

    length: int
    hash: str


def head_columns(office_field: str = "office_id") -> dict[str, Subquery]:
    """Annotations that read, inside another statement of the act (e.g. the one that locks the run),
    the chain head of the office the row's `office_field` names: `chain_length` and `chain_head`.
    Hand `seen_head(row)` to `record_many`, which then needs no statement to read the head."""
    chains = Chain.objects.filter(office=OuterRef(office_field))
    return {"chain_length": Subquery(chains.values("length")[:1]),
            "chain_head": Subquery(chains.values("head_hash")[:1])}


def seen_head(row) -> Head | None:
    """The head `head_columns` read beside `row` (None when the office has no chain yet)."""
    head = getattr(row, "chain_head", None)
    return Head(row.chain_length, head) if head else None


def record(*, office: Office, kind: str, data: dict, user=None, run_id: int | None = None, at=None) -> Entry:
    return record_many(office=office, user=user, run_id=run_id, at=at, items=[(kind, data)])[0]


def record_many(*, office: Office, items: list[tuple], user=None, run_id: int | None = None,
                at=None, seen: Head | None = None) -> list[Entry]:
    """Append several entries (kind, data) of one act to the office's chain.

    The fingerprints of the tracked rows the act wrote in this office (alur.audit.records) go on the
    last entry; an item (kind, data, records) brings fingerprints of its own (the baseline).

    The head moves first, by an UPDATE that matches only the head the entries were linked to and
    so takes the chain row's lock; the entries are inserted after it, in the same transaction. Two
    acts therefore never link to the same predecessor (no fork) nor skip a position (no gap): the
    second waits for the first's lock, then finds the head moved. With `seen` (the head read
    earlier in the act, unlocked) that is two statements; when `seen` is missing or stale, the
    row is locked and read first (three)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the act's transaction")
    if not items:
        return []
    at = at or timezone.now()
    written = records.take_pending(office.pk)
    if written:
        kind, data, *own = items[-1]
        items = [*items[:-1], (kind, data, {**(own[0] if own else {}), **written})]
    entries = None
    if seen is not None:
        entries = _linked(office, items, seen, user=user, run_id=run_id, at=at)
        if not _move_head(office, seen, entries):
            entries = None  # another act appended since `seen` was read
    if entries is None:
        head = _locked_chain(office)
        entries = _linked(office, items, head, user=user, run_id=run_id, at=at)
        if not _move_head(office, head, entries):  # the row is ours: it cannot have moved
            raise RuntimeError(f"audit chain of office {office.pk} moved under its lock")
    Entry.objects.bulk_create(entries)
    return entries


def _linked(office: Office, items, head: Head, *, user, run_id, at) -> list[Entry]:
    """The entries, positioned and hashed after `head`."""
    entries, prev = [], head.hash
    for offset, (kind, data, *own) in enumerate(items, start=1):
        entry = Entry(office=office, position=head.length + offset, kind=kind, run_id=run_id, user=user, at=at,
                      data=data, records=(own[0] or None) if own else None, prev_hash=prev)
        entry.hash = entry_hash(entry.prev_hash, entry.content())
        entries.append(entry)
        prev = entry.hash
    return entries


def _move_head(office: Office, head: Head, entries: list[Entry]) -> bool:
    """Move the chain from `head` to the last entry, if `head` is still the chain's head (one UPDATE,
    which locks the row until the act commits)."""
    moved = Chain.objects.filter(office=office, length=head.length, head_hash=head.hash).update(
        length=head.length + len(entries), head_hash=entries[-1].hash)
    return moved == 1


def _locked_chain(office: Office) -> Head:
    """Lock the office's chain row (creating it for the office's first entry) and read its head."""
    locked = lock_rows(Chain.objects).filter(office=office).values_list("length", "head_hash")
    row = locked.first()
    if row is None:
        try:
            with transaction.atomic():
                Chain.objects.create(office=office, head_hash=GENESIS)
        except IntegrityError:  # created by a concurrent first act of this office
            pass
        row = locked.get()
    return Head(*row)


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
