"""Content model → PDF: one Django template over the same blocks (charts inline as SVG, vector),
rendered by WeasyPrint (page numbers and the table of contents' page numbers from CSS)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import charts
from .content import Document
from .docx_writer import WIDE_COLUMNS


def html_of(doc: Document) -> str:
    blocks = []
    for n, block in enumerate(doc.blocks):
        kind = type(block).__name__
        item = {"kind": kind, "b": block, "anchor": f"b{n}"}
        if kind == "Chart":
            item["svg"] = mark_safe(charts.svg(block))  # built from numbers and escaped labels
        blocks.append(item)
    toc = [item for item in blocks if item["kind"] == "Heading" and item["b"].in_toc]
    landscape = any(len(t.columns) >= WIDE_COLUMNS for t in doc.tables)
    return render_to_string("documents/document.html", {"doc": doc, "blocks": blocks, "toc": toc,
                                                         "landscape": landscape})


def write_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_of(doc)).write_pdf()
