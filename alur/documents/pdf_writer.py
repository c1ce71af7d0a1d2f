"""Content model → PDF: one Django template over the same blocks (charts inline as SVG, vector),
rendered by WeasyPrint (page numbers and the table of contents' page numbers from CSS). A landscape
section is a CSS named page ("wide") among portrait A4 pages.

Kept cheap for WeasyPrint (measured in bench/documents.py): tables with known column widths use a
fixed layout (no min/max-content pass over every cell), and the table of contents is a two-column
table with a dotted rule instead of CSS `leader()`, which WeasyPrint lays out dot by dot."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from alur.core.text import without_forbidden

from . import charts
from .content import Document, Orientation, signature_rows
from .docx_writer import WIDE_COLUMNS


def column_percentages(widths) -> list[str]:
    """A table's relative column widths (the DOCX grid's) as CSS percentages: the PDF then sets the
    table with a fixed layout, the same columns as the DOCX, without measuring every cell first."""
    total = sum(widths)
    return [f"{w * 100 / total:.2f}" for w in widths]


def html_of(doc: Document) -> str:
    blocks = []
    wide = False  # inside a landscape section (a <div class="wide"> on the named page "wide")
    last = len(doc.blocks)
    while last and isinstance(doc.blocks[last - 1], Orientation):  # a section with nothing in it: a blank page
        last -= 1
    for n, block in enumerate(doc.blocks[:last]):
        kind = type(block).__name__
        item = {"kind": kind, "b": block, "anchor": f"b{n}"}
        if kind == "Orientation":
            if block.landscape == wide:
                continue  # already so
            wide = block.landscape
        if kind == "Chart":
            item["svg"] = mark_safe(charts.svg(block))  # built from numbers and escaped labels
        elif kind == "Table" and block.widths and len(block.widths) == len(block.columns):
            item["cols"] = column_percentages(block.widths)
        elif kind == "Signatures":
            item["rows"] = signature_rows(block)
        blocks.append(item)
    if wide:
        blocks.append({"kind": "Orientation", "b": Orientation(landscape=False), "anchor": ""})
    logo = None
    if doc.logo:  # inline: WeasyPrint reads no file or URL here
        mime = "image/png" if doc.logo.startswith(b"\x89PNG") else "image/jpeg"
        logo = f"data:{mime};base64,{base64.b64encode(doc.logo).decode()}"
    toc = [item for item in blocks if item["kind"] == "Heading" and item["b"].in_toc
           and item["b"].level <= 3]
    landscape = not doc.has_sections and any(len(t.columns) >= WIDE_COLUMNS for t in doc.tables)
    return render_to_string("documents/document.html", {"doc": doc, "blocks": blocks, "toc": toc,
                                                         "landscape": landscape, "logo": logo})


def write_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_of(without_forbidden(doc))).write_pdf()
