"""The official SOP AP document as an editable Word file (python-docx).

Same content as the HTML/PDF: an A4-landscape identity page, then the flow table (No, Kegiatan,
one column per Pelaksana, Mutu Baku: Kelengkapan | Waktu | Output, Keterangan) whose two header
rows repeat on every page (w:tblHeader), and the total standard time.

The flowchart itself is *not* drawn: connectors between table cells cannot be laid out reliably
in Word. Instead the actor cell of each step is shaded and holds a marker of the step's symbol
and its number: "▢" terminator (capsule), "▭" process, "◇" decision (with "Ya → n / Tidak → m"
below). For the drawn flowchart use the PDF or the SVG.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from alur.core.sop.model import Sop, Step, StepKind
from alur.sop.render.common import (
    MINUTES_PER_DAY,
    OfficeHeader,
    format_nip,
    numbered,
    or_dash,
    tanggal,
    total_waktu,
)
from alur.sop.render.svg import flow_layout, symbol_kind

MARKERS = {StepKind.TERMINATOR: "▢", StepKind.PROCESS: "▭", StepKind.DECISION: "◇"}
FONT = "Arial"
SYMBOL_FONT = "DejaVu Sans"
CONTENT_WIDTH_MM = 277


def _set_landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(10))


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _row_flag(row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _write(cell, text: str, *, bold=False, size=8, align=None, underline=False, font=None) -> None:
    paragraph = cell.paragraphs[0]
    if paragraph.text or paragraph.runs:
        paragraph = cell.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    run.underline = underline
    run.font.size = Pt(size)
    if font:
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if align is not None:
        paragraph.alignment = align


def _widths(table, widths_mm) -> None:
    table.autofit = False
    for row in table.rows:
        for idx, width in enumerate(widths_mm):
            if idx < len(row.cells):
                row.cells[idx].width = Mm(width)
    for idx, width in enumerate(widths_mm):
        table.columns[idx].width = Mm(width)


def _numbered_list(cell, items: list[str], size=9) -> None:
    if not items:
        _write(cell, "-", size=size)
        return
    for i, item in enumerate(items, 1):
        _write(cell, f"{i}. {item}", size=size)


def _identity(document, sop: Sop, office: OfficeHeader) -> None:
    table = document.add_table(rows=6, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (138.5, 41.5, 97)
    _widths(table, widths)
    left = table.cell(0, 0).merge(table.cell(5, 0))
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    logo = office.logo_bytes()
    if logo and office.logo_mime() in ("image/png", "image/jpeg", "image/gif"):
        paragraph = left.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(io.BytesIO(logo), height=Mm(25))
    for line in office.lines:
        _write(left, line.upper(), bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    if office.address:
        _write(left, office.address, size=9, align=WD_ALIGN_PARAGRAPH.CENTER)

    approver = sop.disahkan_oleh
    rows = [
        ("Nomor SOP", or_dash(sop.nomor)),
        ("Tgl Pembuatan", tanggal(sop.tanggal_pembuatan)),
        ("Tgl Revisi", tanggal(sop.tanggal_revisi)),
        ("Tgl Pengesahan", tanggal(sop.tanggal_pengesahan)),
        ("Disahkan Oleh", None),
        ("Nama SOP", or_dash(sop.nama)),
    ]
    for r, (label, value) in enumerate(rows):
        _write(table.cell(r, 1), label, bold=True, size=10)
        cell = table.cell(r, 2)
        if value is not None:
            _write(cell, value, size=10, bold=(label == "Nama SOP"))
            continue
        center = WD_ALIGN_PARAGRAPH.CENTER
        _write(cell, or_dash(approver.jabatan), size=10, align=center)
        for _ in range(3):
            _write(cell, "", size=10)
        _write(cell, approver.nama or " ", size=10, bold=True, underline=True, align=center)
        _write(cell, format_nip(approver.nip), size=10, align=center)

    pairs = [
        ("Dasar Hukum", sop.dasar_hukum, "Kualifikasi Pelaksana", sop.kualifikasi_pelaksana),
        ("Keterkaitan", sop.keterkaitan, "Peralatan/Perlengkapan", sop.peralatan),
        ("Peringatan", sop.peringatan, "Pencatatan dan Pendataan", sop.pencatatan),
    ]
    for left_label, left_items, right_label, right_items in pairs:
        head = table.add_row()
        body = table.add_row()
        for row in (head, body):
            merged = row.cells[1].merge(row.cells[2])
            merged.width = Mm(widths[1] + widths[2])
            row.cells[0].width = Mm(widths[0])
        _write(head.cells[0], f"{left_label}:", bold=True, size=10)
        _write(head.cells[1], f"{right_label}:", bold=True, size=10)
        _numbered_list(body.cells[0], numbered(left_items))
        _numbered_list(body.cells[1], numbered(right_items))


def _decision_note(step: Step) -> str:
    parts = []
    if step.next_yes is not None:
        parts.append(f"Ya → {step.next_yes}")
    if step.next_no is not None:
        parts.append(f"Tidak → {step.next_no}")
    return " / ".join(parts)


def _flow(document, sop: Sop, minutes_per_day: int) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"Standar Operasional Prosedur {sop.nama}")
    run.bold = True
    run.font.size = Pt(11)
    meta = document.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta.add_run(f"Nomor SOP: {or_dash(sop.nomor)}").font.size = Pt(8)

    layout = flow_layout(sop)
    actors = list(sop.actors) or ["-"]
    n = len(actors)
    widths = [layout.no, layout.kegiatan, *layout.actor_widths[:n], layout.kelengkapan, layout.waktu,
              layout.output, layout.keterangan]
    if len(widths) < 6 + n:  # no actors at all
        widths[2:2] = [layout.actor_widths[0]] * (6 + n - len(widths))
    cols = 2 + n + 4
    table = document.add_table(rows=2, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    h1, h2 = table.rows
    center = WD_ALIGN_PARAGRAPH.CENTER

    def head(cell, text, size=8):
        _write(cell, text, bold=True, size=size, align=center)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, "E8E8E8")

    head(h1.cells[0].merge(h2.cells[0]), "No")
    head(h1.cells[1].merge(h2.cells[1]), "Kegiatan")
    head(h1.cells[2].merge(h1.cells[1 + n]) if n > 1 else h1.cells[2], "Pelaksana")
    for i, actor in enumerate(actors):
        head(h2.cells[2 + i], actor, size=7)
    head(h1.cells[2 + n].merge(h1.cells[4 + n]), "Mutu Baku")
    for i, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        head(h2.cells[2 + n + i], label)
    head(h1.cells[5 + n].merge(h2.cells[5 + n]), "Keterangan")
    for row in (h1, h2):
        _row_flag(row, "w:tblHeader")
        _row_flag(row, "w:cantSplit")

    for step in sorted(sop.steps, key=lambda s: s.no):
        row = table.add_row()
        row.height = Mm(11)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _row_flag(row, "w:cantSplit")
        cells = row.cells
        _write(cells[0], f"{step.no}.", size=8, align=center)
        _write(cells[1], step.kegiatan or "-", size=8)
        kind = symbol_kind(sop, step)
        for actor in step.actors:
            if actor not in sop.actors:
                continue
            cell = cells[2 + sop.actors.index(actor)]
            if cell.text:
                continue
            _shade(cell, "D9D9D9")
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _write(cell, f"{MARKERS[kind]} {step.no}", size=11, bold=True, align=center, font=SYMBOL_FONT)
            if step.is_decision and _decision_note(step):
                _write(cell, _decision_note(step), size=7, align=center)
        _write(cells[2 + n], or_dash(step.kelengkapan), size=8)
        _write(cells[3 + n], str(step.waktu) if step.waktu else "-", size=8, align=center)
        _write(cells[4 + n], or_dash(step.output), size=8)
        _write(cells[5 + n], or_dash(step.keterangan), size=8)
    _widths(table, widths)

    total = total_waktu(sop, minutes_per_day)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    run = paragraph.add_run(f"Total waktu baku: {total.per_unit()}")
    run.bold = True
    run.font.size = Pt(9)
    line = f"Setara {total.working_days()} (1 hari kerja = {total.day_length()})"
    if total.steps_without_waktu:
        line += "; langkah tanpa waktu baku: " + ", ".join(map(str, total.steps_without_waktu))
    document.add_paragraph().add_run(line + ".").font.size = Pt(9)
    legend = document.add_paragraph()
    legend.add_run(
        "Simbol: ▢ awal/akhir, ▭ kegiatan, ◇ keputusan. Diagram alir lengkap tersedia pada dokumen PDF."
    ).font.size = Pt(7)


def render_sop_docx(sop: Sop, office: OfficeHeader, *, minutes_per_day: int = MINUTES_PER_DAY) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    _set_landscape(document.sections[0])
    document.core_properties.title = f"SOP {sop.nama}"
    document.core_properties.subject = sop.nomor
    document.core_properties.language = "id-ID"

    _identity(document, sop, office)
    _set_landscape(document.add_section(WD_SECTION.NEW_PAGE))
    _flow(document, sop, minutes_per_day)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
