"""Which SOP step produces which SAKIP document (the six seed SOPs), read by the SOP's name.

A small table here rather than a field in the SOP YAML: the SOP format stays the office's text;
the mapping is what Alur knows how to generate."""

from __future__ import annotations

# (fragment of the SOP's nama, steps, document kind)
STEP_DOCUMENTS: tuple[tuple[str, frozenset[int], str], ...] = (
    ("Indikator Kinerja (IKU)", frozenset({3, 4}), "iku"),  # 4: the draft retyped after a Tidak at 5
    ("Rencana Kerja (RENJA)", frozenset(range(2, 7)), "renja"),
    ("Rencana Strategis (RENSTRA)", frozenset(range(2, 7)), "renstra"),
    ("Laporan Akuntabilitas Instansi Pemerintah (LAKIP)", frozenset(range(2, 7)), "lkjip"),
    ("Laporan Kinerja Instansi Pemerintah (LkjIP)", frozenset(range(2, 7)), "lkjip"),
    ("Mekanisme Pengumpulan Data Kinerja", frozenset({3}), "data_kinerja"),
)


def document_for(sop_name: str, step_no: int) -> str | None:
    """The document kind the step produces, or None."""
    for fragment, steps, kind in STEP_DOCUMENTS:
        if fragment.lower() in sop_name.lower() and step_no in steps:
            return kind
    return None


def kind_of_run(sop_name: str) -> str | None:
    """The document kind a run of this SOP produces (any mapped step), or None."""
    for fragment, _steps, kind in STEP_DOCUMENTS:
        if fragment.lower() in sop_name.lower():
            return kind
    return None
