"""The vocabulary of step kinds (what a step asks of its actor when the SOP runs), open to apps.

A step's `act` is one registered kind's value. The nine built-ins are `Act` members and registered
here; an app that brings a kind of its own registers its `KindInfo` (from its `AppConfig.ready()`,
through `alur.runs.kinds.registry.register`), and SOPs may then name it. The JSON schema's enum,
the diff's words and the editor's labels are read from this registry, so a kind is named in one
place. Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum


class Act(StrEnum):
    """The built-in step kinds; decides the task form and its records."""

    DISPOSISI = "disposisi"  # instruction: a lembar disposisi
    KERJA = "kerja"  # produce or revise a document (upload)
    KOORDINASI = "koordinasi"  # meeting / collection with several actors
    PERIKSA = "periksa"  # review; with kind=decision it approves (Ya) or sends back (Tidak)
    PARAF = "paraf"  # initial one document version
    TANDA_TANGAN = "tanda_tangan"  # sign one document version
    AGENDA = "agenda"  # outgoing-letter number, copies, distribution
    ARSIP = "arsip"  # distribute and archive
    PENGUMPULAN = "pengumpulan"  # collect a triwulan's realisations from the units responsible


class KindValue(str):
    """The value of a registered kind that is not built in; has `.value` as an `Act` member does."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)


@dataclass(frozen=True)
class KindInfo:
    value: str  # as written in the SOP's `act`
    label: str  # the SOP editor's label (Indonesian)
    word: str  # how the SOP diff names it ("diubah dari kerja menjadi …")


BUILT_IN = (
    KindInfo(Act.DISPOSISI, "Disposisi", "disposisi"),
    KindInfo(Act.KERJA, "Kerja (menyusun/mengunggah dokumen)", "kerja"),
    KindInfo(Act.KOORDINASI, "Koordinasi/rapat", "koordinasi"),
    KindInfo(Act.PERIKSA, "Periksa", "periksa"),
    KindInfo(Act.PARAF, "Paraf", "paraf"),
    KindInfo(Act.TANDA_TANGAN, "Tanda tangan", "tanda tangan"),
    KindInfo(Act.AGENDA, "Agenda/penggandaan/distribusi", "agenda"),
    KindInfo(Act.ARSIP, "Arsip", "arsip"),
    KindInfo(Act.PENGUMPULAN, "Pengumpulan data kinerja", "pengumpulan data kinerja"),
)

_KINDS: dict[str, KindInfo] = {}


def register_kind(info: KindInfo) -> KindInfo:
    """Add a kind to the vocabulary; registering the same value twice must say the same thing."""
    if not info.value or not info.value.replace("_", "").isalnum() or info.value != info.value.lower():
        raise ValueError(f"step kind value {info.value!r}: lower-case letters, digits and '_' only")
    known = _KINDS.get(str(info.value))
    if known is not None and known != info:
        raise ValueError(f"step kind {info.value!r} is already registered as {known!r}")
    _KINDS[str(info.value)] = info
    return info


def unregister_kind(value: str) -> None:
    _KINDS.pop(str(value), None)


@contextmanager
def temporarily(info: KindInfo) -> Iterator[KindInfo]:
    """The kind is in the vocabulary inside the block only (for tests); a built-in it replaces returns."""
    before = _KINDS.get(str(info.value))
    _KINDS[str(info.value)] = info
    try:
        yield info
    finally:
        if before is None:
            _KINDS.pop(str(info.value), None)
        else:
            _KINDS[str(info.value)] = before


def all_kinds() -> tuple[KindInfo, ...]:
    """Every registered kind, built-ins first, in the order of registration."""
    return tuple(_KINDS.values())


def values() -> tuple[str, ...]:
    return tuple(_KINDS)


def built_in(value: str) -> KindInfo:
    """The built-in kind `value` (KeyError if it is not one)."""
    for info in BUILT_IN:
        if info.value == value:
            return info
    raise KeyError(value)


def kind_info(value: str) -> KindInfo:
    """The registered kind `value` (KeyError if none)."""
    return _KINDS[str(value)]


def act_of(value: str) -> Act | KindValue:
    """A step's `act` as read from data: an `Act` member for a built-in, else the registered value
    (ValueError, as `Act(value)` gives, for a kind nobody registered)."""
    if value in Act._value2member_map_:
        return Act(value)
    if value in _KINDS:
        return KindValue(value)
    raise ValueError(f"{value!r} is not a registered step kind")


for _info in BUILT_IN:
    register_kind(_info)
