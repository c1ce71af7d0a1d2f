"""Anchors: each office's chain head, signed and written where a database edit cannot reach.

Deleting the last entries of a chain and rolling its head back leaves a chain that is perfectly
consistent in itself. `alur audit anchor` (daily, from cron) appends one signed line per office —
office code, chain length, head hash, date — to a file outside the database (and can mail it);
`alur audit verify` then checks the chain still reaches the latest anchor with the same hash.
The signature is an HMAC-SHA256 with ALUR_ANCHOR_KEY (falling back to SECRET_KEY), so a line
cannot be forged or edited by someone who can only write the database or the file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from alur.core.hashchain import GENESIS

from .models import Chain, Entry
from .offices import office_model

if TYPE_CHECKING:
    from alur.org.models import Office

ANCHOR_FILE = "anchors.jsonl"


@dataclass(frozen=True)
class Anchor:
    office: str  # office code
    length: int
    head: str
    date: str  # ISO date the anchor was taken (local)
    at: str  # ISO timestamp

    def payload(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()


def anchor_dir() -> Path:
    return Path(settings.ALUR_ANCHOR_DIR)


def _key() -> bytes:
    return (settings.ALUR_ANCHOR_KEY or settings.SECRET_KEY).encode()


def sign(anchor: Anchor) -> str:
    return hmac.new(_key(), anchor.payload(), hashlib.sha256).hexdigest()


def take(now: datetime | None = None) -> list[Anchor]:
    """Anchor every office's current head; returns what was written."""
    now = now or timezone.now()
    heads = {c.office_id: c for c in Chain.objects.all()}
    anchors = []
    for office in office_model().objects.order_by("code"):
        chain = heads.get(office.pk)
        anchors.append(Anchor(office=office.code, length=chain.length if chain else 0,
                              head=chain.head_hash if chain else GENESIS,
                              date=timezone.localdate(now).isoformat(), at=now.isoformat()))
    folder = anchor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({**asdict(a), "sig": sign(a)}, sort_keys=True) for a in anchors]
    with open(folder / ANCHOR_FILE, "a", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in lines))
        out.flush()
        os.fsync(out.fileno())
    recipients = getattr(settings, "ALUR_ANCHOR_EMAIL", [])
    if recipients:
        send_mail(subject=f"Jangkar jejak audit Alur {timezone.localdate(now).isoformat()}",
                  message="\n".join(lines) + "\n", from_email=None, recipient_list=list(recipients))
    return anchors


@dataclass(frozen=True)
class AnchorCheck:
    anchor: Anchor | None
    problem: str | None  # None: the chain still holds the anchored head


def all_anchors() -> tuple[dict[str, list[Anchor]], list[str]]:
    """Every validly signed anchor of each office in the order they were taken, and the lines whose
    signature is wrong."""
    path = anchor_dir() / ANCHOR_FILE
    found: dict[str, list[Anchor]] = {}
    invalid: list[str] = []
    if not path.exists():
        return found, invalid
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                signature = data.pop("sig")
                anchor = Anchor(**data)
            except (ValueError, TypeError, KeyError):
                invalid.append(f"{path.name} baris {number}: bukan jangkar yang sah")
                continue
            if not hmac.compare_digest(signature, sign(anchor)):
                invalid.append(f"{path.name} baris {number}: tanda tangan jangkar {anchor.office} tidak cocok")
                continue
            found.setdefault(anchor.office, []).append(anchor)
    return found, invalid


def latest_anchors() -> tuple[dict[str, Anchor], list[str]]:
    """The last validly signed anchor of each office, and the lines whose signature is wrong."""
    found, invalid = all_anchors()
    return {office: taken[-1] for office, taken in found.items()}, invalid


def check_office(office: Office, anchor: Anchor | None) -> str | None:
    """Why the office's chain no longer reaches its anchor, or None."""
    if anchor is None or anchor.length == 0:
        return None
    entries = Entry.objects.filter(office=office)
    at_anchor = entries.filter(position=anchor.length).values_list("hash", flat=True).first()
    if at_anchor is None:
        count = entries.count()
        return (f"rantai hanya {count} entri, padahal jangkar {anchor.date} mencatat {anchor.length} "
                "(entri terakhir dihapus)")
    if at_anchor != anchor.head:
        return (f"entri #{anchor.length} berbeda dari kepala rantai yang dijangkarkan pada {anchor.date} "
                "(rantai ditulis ulang)")
    return None
