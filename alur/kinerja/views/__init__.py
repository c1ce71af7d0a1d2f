"""Pages of an office's performance data. Every page resolves the office through
`visible_offices` (another office: 404 unless granted read); every act goes through `services`.

One module per subject (`pengukuran`, `renstra`, `iku`, `realisasi`, `pk`, and `structure`, `renja`,
`budget`, `indicator`, `settings`); what they share is in `common`. The page functions are
re-exported here for `kinerja.urls`."""

from __future__ import annotations

from .iku import iku, iku_approve, iku_propose
from .pengukuran import index, pengukuran
from .pk import perjanjian, pk_create, pk_sign
from .realisasi import (
    approve_many,
    decide,
    entry,
    evidence_add,
    evidence_download,
    mine,
    queue,
    realisasi_import,
    realisasi_list,
    realisasi_template,
    submit,
)
from .renstra import indicator_detail, program_import, program_template, renstra_import, renstra_template, renstra_tree

__all__ = [
    "approve_many", "decide", "entry", "evidence_add", "evidence_download", "iku", "iku_approve", "iku_propose",
    "index",
    "indicator_detail", "mine", "pengukuran", "perjanjian", "pk_create", "pk_sign", "program_import",
    "program_template", "queue", "realisasi_import", "realisasi_list", "realisasi_template", "renstra_import",
    "renstra_template", "renstra_tree", "submit",
]
