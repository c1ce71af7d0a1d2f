"""Restoring a backup: how far the restored chains reach, and recording a legitimate restore.

A backup restored after a later anchor was taken leaves each office's chain shorter than that anchor:
to `alur audit verify` it looks exactly like entries deleted from the database. `state_of` says, per
office, the newest anchor the restored chain still reaches (same hash at that length), the anchors
taken later that it no longer reaches, and how many anchored entries are gone (`alur audit
check-restore`). `record_restore` (`alur audit record-restore --reason …`) appends one
`audit.pemulihan` entry per office naming the anchor it was restored to and the anchors and entries
lost; verify then checks the newest anchor not lost by a recorded restore.

The entry is signed with the anchor key (HMAC, as the anchors are): someone who can write only the
database cannot cut a chain and excuse the cut with a forged restore entry.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from alur.core.hashchain import canonical

from . import anchors
from .anchors import Anchor
from .locking import lock_rows
from .models import Chain, Entry
from .services import record

if TYPE_CHECKING:
    from alur.org.models import Office

KIND = "audit.pemulihan"


def anchor_key(anchor: Anchor) -> str:
    return f"{anchor.at}|{anchor.length}|{anchor.head}"


@dataclass(frozen=True)
class RestoreState:
    length: int  # entries in the office's chain now
    reached: Anchor | None  # the newest anchor the chain still reaches
    lost: tuple[Anchor, ...]  # anchors taken after it that the chain no longer reaches
    missing: int  # anchored entries no longer in the chain (at least)


def state_of(office: Office, taken: list[Anchor]) -> RestoreState:
    chain = Chain.objects.filter(office=office).values_list("length", flat=True).first() or 0
    reached, lost = None, []
    for anchor in reversed(taken):
        if anchors.check_office(office, anchor) is None:
            reached = anchor
            break
        lost.append(anchor)
    lost.reverse()
    newest = max((a.length for a in lost), default=0)
    if not lost:
        missing = 0
    elif chain < newest:
        missing = newest - chain  # the restored chain stops before the newest anchor
    else:  # as long, but different after the anchor it reaches: everything anchored after that is gone
        missing = newest - (reached.length if reached else 0)
    return RestoreState(length=chain, reached=reached, lost=tuple(lost), missing=missing)


def _signature(data: dict) -> str:
    unsigned = {key: value for key, value in data.items() if key != "tanda_tangan"}
    return hmac.new(anchors._key(), canonical(unsigned).encode(), hashlib.sha256).hexdigest()


def excused(office: Office) -> set[str]:
    """The anchors (anchor_key) that validly signed restore entries of the office declare lost."""
    keys: set[str] = set()
    for data in Entry.objects.filter(office=office, kind=KIND).values_list("data", flat=True):
        if isinstance(data, dict) and hmac.compare_digest(str(data.get("tanda_tangan", "")), _signature(data)):
            keys.update(data.get("jangkar_hilang") or [])
    return keys


def anchor_to_check(office: Office, taken: list[Anchor]) -> tuple[Anchor | None, int]:
    """The newest anchor of the office that no recorded restore declared lost, and how many were."""
    if not taken:
        return None, 0
    lost = excused(office)
    kept = [anchor for anchor in taken if anchor_key(anchor) not in lost]
    return (kept[-1] if kept else None), len(taken) - len(kept)


class NotARestore(Exception):
    """The chain reaches none of the office's anchors: rewritten, not restored."""


def record_restore(office: Office, taken: list[Anchor], *, reason: str, user=None) -> Entry | None:
    """Append the signed `audit.pemulihan` entry of the office (None: nothing was lost)."""

    with transaction.atomic():
        lock_rows(Chain.objects.filter(office=office)).first()  # chain (last in the lock order): no appends meanwhile
        state = state_of(office, taken)
        if not state.lost:
            return None
        if state.reached is None and any(a.length for a in taken):
            raise NotARestore(f"rantai OPD {office.code} tidak mencapai jangkar mana pun; ini bukan pemulihan "
                              "cadangan, periksa dengan `alur audit verify`")
        data = {
            "alasan": reason,
            "jangkar": asdict(state.reached) if state.reached else None,
            "jangkar_hilang": [anchor_key(a) for a in state.lost],
            "jangkar_terakhir": asdict(state.lost[-1]),
            "entri_hilang": state.missing,
            "panjang_rantai": state.length,
        }
        data["tanda_tangan"] = _signature(data)
        return record(office=office, kind=KIND, user=user, data=data)
