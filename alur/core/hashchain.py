"""Hash chain of trail entries: each entry's hash covers its content and the previous hash.

Pure functions so that the database layer, the verify command and the tests share one rule.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical(content: Mapping) -> str:
    """Stable JSON text of an entry's content (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(prev_hash: str, content: Mapping) -> str:
    return hashlib.sha256((prev_hash + canonical(content)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Broken:
    """The first entry whose stored hashes do not match its content or its predecessor."""

    position: int  # 0-based place in the walked sequence
    entry_id: object
    reason: str


def verify_chain(entries: Iterable[tuple[object, Mapping, str, str]]) -> Broken | None:
    """Walk (id, content, prev_hash, hash) in chain order; None when every link holds."""
    expected_prev = GENESIS
    for position, (entry_id, content, prev_hash, stored_hash) in enumerate(entries):
        if prev_hash != expected_prev:
            return Broken(position, entry_id, "hash entri sebelumnya tidak cocok (entri dihapus atau disisipkan)")
        if entry_hash(prev_hash, content) != stored_hash:
            return Broken(position, entry_id, "isi entri tidak cocok dengan hash-nya (entri diubah)")
        expected_prev = stored_hash
    return None
