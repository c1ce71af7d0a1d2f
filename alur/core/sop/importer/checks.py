"""Checks that report (never correct): known typos, the NIP, names spelled differently across SOPs."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from alur.core.errors import ValidationError
from alur.core.nip import parse_nip
from alur.core.sop.vocabulary import KNOWN_TYPOS
from alur.core.sop.vocabulary import TYPO_RE as _TYPO_RE


def find_typos(text: str) -> list[tuple[str, str]]:
    """(as written, meant) for each distinct known typo in `text`."""
    if not text:
        return []
    seen: dict[str, str] = {}
    for m in _TYPO_RE.finditer(text):
        word = m.group(1)
        meant = KNOWN_TYPOS[word.lower()]
        if word[:1].isupper() and meant.islower():
            meant = meant.capitalize()
        seen.setdefault(word, meant)
    return list(seen.items())


def nip_problem(nip_digits: str) -> str | None:
    try:
        parse_nip(nip_digits)
    except ValidationError as error:
        message = error.message
        message = message[0].lower() + message[1:] if message else message
        return f"NIP {nip_digits} tidak valid: {message}"
    return None


def _norm_name(name: str) -> str:
    return " ".join(name.split())


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def similar_names(a: str, b: str) -> bool:
    if len(a) > 200 or len(b) > 200:
        return False
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    return ka == kb or difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.8


def cross_sop_approver(entries: list[dict]) -> list[tuple[int, dict]]:
    """Warnings for approvers whose name (or NIP) is written differently across the SOPs.

    `entries`: one per SOP {"index", "nomor", "nama", "nip", "name_line", "nip_line"} and optionally
    "nama_key" (the name without a stamp word, used only to group). Returns
    (sop index, warning dict). Names are grouped when similar or sharing a NIP; in each group the
    most frequent spelling is taken as the reference and every other spelling is reported.
    """
    out: list[tuple[int, dict]] = []
    named = [e for e in entries if e["nama"]]
    groups: list[list[dict]] = []
    for entry in named:
        for group in groups:
            if any(
                similar_names(entry.get("nama_key") or entry["nama"], other.get("nama_key") or other["nama"])
                or (entry["nip"] and entry["nip"] == other["nip"])
                for other in group
            ):
                group.append(entry)
                break
        else:
            groups.append([entry])
    for group in groups:
        spellings = Counter(_norm_name(e["nama"]) for e in group)
        if len(spellings) > 1:
            reference = _most_common_first(spellings, group)
            ref_sops = ", ".join(e["nomor"] or "?" for e in group if _norm_name(e["nama"]) == reference)
            for entry in group:
                if _norm_name(entry["nama"]) != reference:
                    out.append(
                        (
                            entry["index"],
                            {
                                "line": entry["name_line"],
                                "field": "disahkan_oleh.nama",
                                "message": (
                                    f"Nama pengesah ditulis berbeda: '{reference}' (SOP {ref_sops}) vs "
                                    f"'{_norm_name(entry['nama'])}' (SOP {entry['nomor'] or '?'})."
                                ),
                            },
                        )
                    )
        nips = Counter(e["nip"] for e in group if e["nip"])
        if len(nips) > 1:
            reference = _most_common_first(nips, group, key="nip")
            for entry in group:
                if entry["nip"] and entry["nip"] != reference:
                    out.append(
                        (
                            entry["index"],
                            {
                                "line": entry["nip_line"],
                                "field": "disahkan_oleh.nip",
                                "message": (
                                    f"NIP pengesah berbeda dengan SOP lain: {entry['nip']} vs {reference} "
                                    f"(nama '{_norm_name(entry['nama'])}')."
                                ),
                            },
                        )
                    )
    return out


def _most_common_first(counter: Counter, group: list[dict], key: str = "nama") -> str:
    best = max(counter.values())
    for entry in group:  # ties: the first SOP in the file
        value = _norm_name(entry[key]) if key == "nama" else entry[key]
        if counter[value] == best:
            return value
    return next(iter(counter))
