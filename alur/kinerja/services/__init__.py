"""Every write to an office's performance data. Keyword-only, atomic, permission-checked through
`policies`, and appended to the office's trail (`alur.audit`) with the old and new values.

One module per subject; the names are re-exported here so that `kinerja.services.X` keeps working:
`realisasi` (realisations and evidence), `renstra` (definitions, targets, pagu, penetapan), `pk`,
`iku`, `scales`, `imports` (spreadsheets); `structure` (the Renstra's tree), `renja`, `budget` and
`settings` are imported as modules."""

from __future__ import annotations

from .iku import iku_set_approve, iku_set_propose
from .imports import program_import, realisasi_import, renstra_matrix_import
from .pk import pk_create, pk_sign
from .realisasi import (
    ANALYSIS_FIELDS,
    evidence_add,
    realisasi_approve,
    realisasi_approve_many,
    realisasi_save,
    realisasi_send_back,
    realisasi_submit,
    realisasi_verify,
)
from .renstra import INDICATOR_FIELDS, indicator_update, pagu_set, renstra_open_revision, renstra_tetapkan, target_set
from .scales import SCALE_FIELDS, scale_row_update

__all__ = [
    "ANALYSIS_FIELDS", "INDICATOR_FIELDS", "SCALE_FIELDS",
    "evidence_add", "iku_set_approve", "iku_set_propose", "indicator_update", "pagu_set", "pk_create", "pk_sign",
    "program_import", "realisasi_approve", "realisasi_approve_many", "realisasi_import", "realisasi_save",
    "realisasi_send_back",
    "realisasi_submit", "realisasi_verify", "renstra_matrix_import", "renstra_open_revision", "renstra_tetapkan",
    "scale_row_update", "target_set",
]
