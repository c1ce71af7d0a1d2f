"""What changed between two revisions of an SOP, in Bahasa Indonesia, for the revision history.

Steps are matched by their Kegiatan text (not by number), so inserting a step reads as "Langkah 4
ditambahkan" plus renumbered steps, not as every later step changed.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from alur.core.sop import kinds
from alur.core.sop.model import Act, Sop, Step, StepKind, Waktu
from alur.core.sop.vocabulary import tanggal

ADDED = "tambah"
REMOVED = "hapus"
CHANGED = "ubah"
RENUMBERED = "pindah"

_IDENTITY_TEXT = (
    ("nomor", "Nomor SOP"),
    ("nama", "Nama SOP"),
    ("tanggal_pembuatan", "Tanggal pembuatan"),
    ("tanggal_revisi", "Tanggal revisi"),
    ("tanggal_pengesahan", "Tanggal pengesahan"),
    ("tanggal_efektif", "Tanggal efektif"),
)
_APPROVER = (("jabatan", "Jabatan pengesah"), ("nama", "Nama pengesah"), ("nip", "NIP pengesah"))
_IDENTITY_LISTS = (
    ("dasar_hukum", "Dasar hukum"),
    ("kualifikasi_pelaksana", "Kualifikasi pelaksana"),
    ("keterkaitan", "Keterkaitan"),
    ("peralatan", "Peralatan/perlengkapan"),
    ("peringatan", "Peringatan"),
    ("pencatatan", "Pencatatan dan pendataan"),
)
_STEP_FIELDS = (
    ("kegiatan", "kegiatan"),
    ("kind", "simbol"),
    ("actors", "pelaksana"),
    ("act", "tindakan"),
    ("kelengkapan", "kelengkapan"),
    ("waktu", "waktu"),
    ("output", "output"),
    ("keterangan", "keterangan"),
    ("sop_links", "tautan SOP"),
    ("next_yes", "langkah bila Ya"),
    ("next_no", "langkah bila Tidak"),
    ("actor_reason", "alasan pemilihan pelaksana"),
    ("corrections", "koreksi salah ketik"),
)
_KIND_WORDS = {
    StepKind.TERMINATOR: "terminator (awal/akhir)",
    StepKind.PROCESS: "kegiatan",
    StepKind.DECISION: "keputusan",
}


class _ActWords(Mapping):
    """How the diff names each step kind: a view of the kind registry (alur.core.sop.kinds)."""

    def __getitem__(self, value: str) -> str:
        return kinds.kind_info(value).word

    def __iter__(self):
        return iter(kinds.values())

    def __len__(self) -> int:
        return len(kinds.values())


_ACT_WORDS = _ActWords()
_PAIRING_RATIO = 0.5


@dataclass(frozen=True)
class Change:
    kind: str  # "tambah", "hapus", "ubah", "pindah"
    field: str  # a path: "nama", "disahkan_oleh.nip", "actors", "steps[3].waktu" (index in `new`)
    message: str  # in Bahasa Indonesia, one sentence
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        return self.message


def diff_sops(old: Sop, new: Sop) -> list[Change]:
    """Every difference from `old` to `new`: identity, actors, then steps in order."""
    changes: list[Change] = []
    for key, label in _IDENTITY_TEXT:
        _compare(changes, key, label, getattr(old, key), getattr(new, key))
    for key, label in _APPROVER:
        a, b = getattr(old.disahkan_oleh, key), getattr(new.disahkan_oleh, key)
        _compare(changes, f"disahkan_oleh.{key}", label, a, b)
    for key, label in _IDENTITY_LISTS:
        _compare_list(changes, key, label, getattr(old, key), getattr(new, key))
    _compare_list(
        changes, "corrections", "Koreksi identitas",
        tuple(map(_correction_text, getattr(old, "corrections", ()))),
        tuple(map(_correction_text, getattr(new, "corrections", ()))),
    )
    _compare_list(changes, "actors", "Pelaksana", old.actors, new.actors)
    _compare_steps(changes, old.steps, new.steps)
    return changes


# -- values in words --------------------------------------------------------------------------


def _words(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "(kosong)"
    if isinstance(value, StepKind):
        return _KIND_WORDS[value]
    if isinstance(value, Act | kinds.KindValue):
        return _ACT_WORDS[value]
    if isinstance(value, date):
        return tanggal(value)
    if isinstance(value, Waktu):
        return str(value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, tuple):
        return ", ".join(_words(v) if not isinstance(v, str) else f"'{v}'" for v in value)
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _correction_text(pair) -> str:
    field, original = pair
    return f"{field}: semula '{original}'"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _compare(changes: list[Change], path: str, label: str, a: Any, b: Any, prefix: str = "") -> None:
    if a == b:
        return
    if _empty(a):
        message = f"{prefix}{label} diisi: {_words(b)}."
    elif _empty(b):
        message = f"{prefix}{label} dikosongkan (sebelumnya {_words(a)})."
    else:
        message = f"{prefix}{label} diubah dari {_words(a)} menjadi {_words(b)}."
    changes.append(Change(CHANGED, path, _capitalize(message), a, b))


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _compare_list(changes: list[Change], path: str, label: str, a: tuple, b: tuple, prefix: str = "") -> None:
    if tuple(a) == tuple(b):
        return
    before, after = Counter(a), Counter(b)
    removed = list((before - after).elements())
    added = list((after - before).elements())
    for item in removed:
        changes.append(Change(REMOVED, path, _capitalize(f"{prefix}{label} dihapus: '{item}'."), item, None))
    for item in added:
        message = _capitalize(f"{prefix}{label} ditambahkan: '{item}'.")
        changes.append(Change(ADDED, path, message, None, item))
    if not removed and not added:
        changes.append(
            Change(CHANGED, path, _capitalize(f"{prefix}urutan {label.lower()} diubah: {_words(tuple(b))}."),
                   tuple(a), tuple(b))
        )


# -- steps ------------------------------------------------------------------------------------


def _key(step: Step) -> str:
    return " ".join(step.kegiatan.lower().split())


def _pairs(old: tuple[Step, ...], new: tuple[Step, ...]):
    """Yield (old_index | None, new_index | None) in order, matching steps by Kegiatan."""
    matcher = difflib.SequenceMatcher(None, [_key(s) for s in old], [_key(s) for s in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        i, j = i1, j1
        while i < i2 and j < j2:
            ratio = difflib.SequenceMatcher(None, _key(old[i]), _key(new[j])).ratio()
            if ratio >= _PAIRING_RATIO:
                yield i, j
                i, j = i + 1, j + 1
            elif (i2 - i) >= (j2 - j):
                yield i, None
                i += 1
            else:
                yield None, j
                j += 1
        yield from ((k, None) for k in range(i, i2))
        yield from ((None, k) for k in range(j, j2))


def _compare_steps(changes: list[Change], old: tuple[Step, ...], new: tuple[Step, ...]) -> None:
    for i, j in _pairs(old, new):
        if j is None:
            step = old[i]
            changes.append(
                Change(REMOVED, f"steps[{i}]", f"Langkah {step.no} dihapus: '{step.kegiatan}'.", step, None)
            )
            continue
        if i is None:
            step = new[j]
            changes.append(
                Change(ADDED, f"steps[{j}]", f"Langkah {step.no} ditambahkan: '{step.kegiatan}'.", None, step)
            )
            continue
        a, b = old[i], new[j]
        if a.no != b.no:
            changes.append(
                Change(RENUMBERED, f"steps[{j}].no", f"Langkah {a.no} kini menjadi langkah {b.no}.",
                       a.no, b.no)
            )
        prefix = f"Langkah {b.no}: "
        for key, label in _STEP_FIELDS:
            x, y = getattr(a, key), getattr(b, key)
            if key == "corrections":
                x, y = tuple(map(_correction_text, x)), tuple(map(_correction_text, y))
            _compare(changes, f"steps[{j}].{key}", label, x, y, prefix)
        if a.actor_confirmed != b.actor_confirmed:
            message = "pelaksana dikonfirmasi." if b.actor_confirmed else "konfirmasi pelaksana dibatalkan."
            changes.append(
                Change(CHANGED, f"steps[{j}].actor_confirmed", prefix + message, a.actor_confirmed,
                       b.actor_confirmed)
            )
