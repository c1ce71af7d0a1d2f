"""The step kinds runs brings, registered from `RunsConfig.ready()` (pengumpulan is kinerja's:
alur/kinerja/steps/)."""

from __future__ import annotations

from .agenda import Agenda
from .arsip import Arsip
from .disposisi import Disposisi
from .kerja import Kerja
from .koordinasi import Koordinasi
from .paraf import Paraf
from .periksa import Periksa
from .registry import register
from .tanda_tangan import TandaTangan

BUILT_IN = (Disposisi, Kerja, Koordinasi, Periksa, Paraf, TandaTangan, Agenda, Arsip)


def register_built_ins() -> None:
    for kind in BUILT_IN:
        register(kind())
