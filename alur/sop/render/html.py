"""The official SOP AP document (PermenPAN-RB 35/2012) as HTML: identity page and flow pages.

`render_sop_html` gives a whole A4-landscape document (CSS inlined) for printing and for the PDF;
with ``standalone=False`` it gives the fragment to include in an app page, which must then link
``{% static 'sop/document.css' %}``. Views that include ``sop/document.html`` themselves can
build its context with `document_context`.
"""

from __future__ import annotations

from pathlib import Path

from alur.core.durations import WorkingDay
from alur.core.sop.model import Sop
from alur.sop.render.common import (
    EMPTY,
    MINUTES_PER_DAY,
    OfficeHeader,
    format_nip,
    numbered,
    or_dash,
    tanggal,
    total_waktu,
)
from alur.sop.render.svg import flow_pages, flowchart_row_svgs, symbol_kind

CSS_PATH = Path(__file__).resolve().parent.parent / "static" / "sop" / "document.css"
TEMPLATE = "sop/document.html"


def document_css() -> str:
    """The document stylesheet, read from the app's static folder (never over HTTP)."""
    return CSS_PATH.read_text(encoding="utf-8")


def _mm(value: float) -> str:
    return f"{value:.2f}mm"


def document_context(
    sop: Sop,
    office: OfficeHeader,
    *,
    steps_per_page: int = 10,
    standalone: bool = True,
    minutes_per_day: int = MINUTES_PER_DAY,
    working_day: WorkingDay | None = None,
) -> dict:
    from django.utils.safestring import mark_safe

    pages = flow_pages(sop, steps_per_page=steps_per_page)
    flow = []
    for page in pages:
        layout = page.layout
        svgs = flowchart_row_svgs(sop, page)
        rows = [
            {
                "no": step.no,
                "kind": symbol_kind(sop, step).value,
                "kegiatan": step.kegiatan or EMPTY,
                "kelengkapan": or_dash(step.kelengkapan),
                "waktu": str(step.waktu) if step.waktu else EMPTY,
                "output": or_dash(step.output),
                "keterangan": or_dash(step.keterangan),
                "height": _mm(height),
                "svg": mark_safe(svg),  # noqa: S308 - generated here, text escaped in svg.py
                "unconfirmed": not step.actor_confirmed,
            }
            for (step, _top, height), svg in zip(page.rows(), svgs, strict=True)
        ]
        flow.append({"number": page.number, "count": page.count, "rows": rows, "is_last": page.is_last})

    layout = pages[0].layout if pages else None
    cols = []
    if layout is not None:
        cols = (
            [("no", layout.no), ("kegiatan", layout.kegiatan)]
            + [("actor", w) for w in layout.actor_widths]
            + [("kelengkapan", layout.kelengkapan), ("waktu", layout.waktu), ("output", layout.output),
               ("keterangan", layout.keterangan)]
        )
    approver = sop.disahkan_oleh
    total = total_waktu(sop, minutes_per_day, working_day)
    return {
        "standalone": standalone,
        "css": mark_safe(document_css()) if standalone else "",
        "sop": sop,
        "office_lines": [line for line in office.lines if line],
        "office_address": office.address,
        "logo_uri": office.logo_data_uri(),
        "nomor": or_dash(sop.nomor),
        "nama": or_dash(sop.nama),
        "tgl_pembuatan": tanggal(sop.tanggal_pembuatan),
        "tgl_revisi": tanggal(sop.tanggal_revisi),
        "tgl_pengesahan": tanggal(sop.tanggal_pengesahan),
        "tgl_efektif": tanggal(sop.tanggal_efektif) if sop.tanggal_efektif else None,  # a row only when set
        "approver_jabatan": or_dash(approver.jabatan),
        "approver_nama": approver.nama.strip(),
        "approver_nip": format_nip(approver.nip),
        "lists": [
            ("Dasar Hukum", numbered(sop.dasar_hukum), "Kualifikasi Pelaksana",
             numbered(sop.kualifikasi_pelaksana)),
            ("Keterkaitan", numbered(sop.keterkaitan), "Peralatan/Perlengkapan", numbered(sop.peralatan)),
            ("Peringatan", numbered(sop.peringatan), "Pencatatan dan Pendataan", numbered(sop.pencatatan)),
        ],
        "actors": list(sop.actors),
        "actor_count": max(1, len(sop.actors)),
        "cols": [{"kind": kind, "width": _mm(width)} for kind, width in cols],
        "table_width": _mm(sum(width for _k, width in cols)) if cols else "100%",
        "flow_pages": flow,
        "total": total,
        "total_per_unit": total.per_unit(),
        "total_working_days": total.working_days(),
        "day_length": total.day_length(),
    }


def render_sop_html(
    sop: Sop,
    office: OfficeHeader,
    *,
    steps_per_page: int = 10,
    standalone: bool = True,
    minutes_per_day: int = MINUTES_PER_DAY,
    working_day: WorkingDay | None = None,
) -> str:
    """`working_day` (the office calendar's standard day) sets the length of a "Hari" and the hours
    the document names; without it `minutes_per_day` is used and no hours are named."""
    from django.template.loader import render_to_string

    context = document_context(
        sop, office, steps_per_page=steps_per_page, standalone=standalone, minutes_per_day=minutes_per_day,
        working_day=working_day,
    )
    return render_to_string(TEMPLATE, context)
