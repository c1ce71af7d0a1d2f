"""One handler per step kind (`alur.core.sop.model.Act`): see `base.StepHandler` for what a kind owns.

Adding a kind: its value in `Act` (alur/core/sop/model.py), one module here with a `StepHandler`
subclass, and one line in `HANDLERS` below.
"""

from __future__ import annotations

from alur.core.sop.model import Act, Step

from .agenda import Agenda
from .arsip import Arsip
from .base import SAMPLE_PDF, Completion, Context, Output, StepHandler
from .disposisi import Disposisi
from .kerja import Kerja
from .koordinasi import Koordinasi
from .paraf import Paraf
from .pengumpulan import Pengumpulan
from .periksa import Periksa
from .tanda_tangan import TandaTangan

HANDLERS: dict[Act, StepHandler] = {
    handler.act: handler
    for handler in (
        Disposisi(),
        Kerja(),
        Koordinasi(),
        Periksa(),
        Paraf(),
        TandaTangan(),
        Agenda(),
        Arsip(),
        Pengumpulan(),
    )
}


def handler_for(step: Step) -> StepHandler:
    return HANDLERS[step.act]


__all__ = ["HANDLERS", "SAMPLE_PDF", "Completion", "Context", "Output", "StepHandler", "handler_for"]
