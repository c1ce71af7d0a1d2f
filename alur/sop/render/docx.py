"""The official SOP AP document as an editable Word file (python-docx).

Same content and the same pages as the HTML/PDF: an A4-landscape identity page, then one flow
page per `svg.flow_pages` page, each a title and a table (No, Kegiatan, one column per Pelaksana,
Mutu Baku: Kelengkapan | Waktu | Output, Keterangan) whose text cells stay real, editable Word
cells; then the total standard time.

The flowchart is the PDF's own drawing: on each page the actor cells of all step rows are merged
into one cell holding a picture of that page's flowchart (`svg.flowchart_page_svg`), embedded as
SVG (`asvg:svgBlip`, drawn by Word 2016 and later) with a PNG fallback rendered by CairoSVG (the
`a:blip` that LibreOffice and older Word draw). The rows have the PDF's exact heights, so the
symbols sit in the rows of their steps.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from alur.core.sop.model import Sop
from alur.core.text import without_forbidden
from alur.kit.docx_svg import ASVG_NS, add_svg_picture  # noqa: F401 (ASVG_NS: read by the SOP tests)
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
from alur.sop.render.svg import (
    CELL_PAD_X,
    CELL_PAD_Y,
    FONT_PT,
    LINE_HEIGHT,
    FlowPage,
    flow_pages,
    flowchart_page_svg,
)

FONT = "Arial"
FLOW_FONT_PT = FONT_PT
SUBJECT = "SOP Administrasi Pemerintahan"
PNG_DPI = 200  # sharp on paper; a five-actor page is about 100 kB
TWIPS_PER_MM = 1440 / 25.4


def _set_landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(10))


# Word rejects, and LibreOffice ignores, property elements out of their schema order: each is
# inserted before the first of the elements that must follow it.
_TC_PR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_AFTER = {
    "w:shd": _TC_PR_AFTER_SHD,
    "w:tcMar": _TC_PR_AFTER_SHD[2:],
    "w:tblCellMar": ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
}


def _insert(parent, child) -> None:
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    followers = {qn(name) for name in _AFTER[f"w:{etree.QName(tag).localname}"]}
    for existing in parent:
        if existing.tag in followers:
            existing.addprevious(child)
            return
    parent.append(child)


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    _insert(cell._tc.get_or_add_tcPr(), shd)


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
        cells = row.cells  # computed by python-docx on each access
        for cell, width in zip(cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for idx, width in enumerate(widths_mm):
        table.columns[idx].width = Mm(width)


def _numbered_list(cell, items: list[str], size=10) -> None:
    if not items:
        _write(cell, "-", size=size)
        return
    for i, item in enumerate(items, 1):
        _write(cell, f"{i}.\t{item}", size=size)
        paragraph = cell.paragraphs[-1].paragraph_format
        # a hanging number, as the PDF's <ol>: wrapped lines align with the text, not the number
        paragraph.left_indent = Mm(5)
        paragraph.first_line_indent = Mm(-5)
        paragraph.tab_stops.add_tab_stop(Mm(5))
        paragraph.space_after = Mm(0.6)


def _identity(document, sop: Sop, office: OfficeHeader) -> None:
    approver = sop.disahkan_oleh
    rows = [
        ("Nomor SOP", or_dash(sop.nomor)),
        ("Tgl Pembuatan", tanggal(sop.tanggal_pembuatan)),
        ("Tgl Revisi", tanggal(sop.tanggal_revisi)),
        ("Tgl Pengesahan", tanggal(sop.tanggal_pengesahan)),
        *([("Tgl Efektif", tanggal(sop.tanggal_efektif))] if sop.tanggal_efektif else []),  # where the source has it
        ("Disahkan Oleh", None),
        ("Nama SOP", or_dash(sop.nama)),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (138.5, 41.5, 97)
    _widths(table, widths)
    _margins(table._tbl.tblPr, "w:tblCellMar", top=1.2, bottom=1.2, left=2.0, right=2.0)
    left = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _margins(left._tc.get_or_add_tcPr(), "w:tcMar", left=6.0, right=6.0)
    logo = office.logo_bytes()
    if logo and office.logo_mime() in ("image/png", "image/jpeg", "image/gif", "image/svg+xml"):
        paragraph = left.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if office.logo_mime() == "image/svg+xml":  # Word draws the SVG, LibreOffice its PNG
            svg = logo.decode("utf-8", errors="replace")
            shape = add_svg_picture(document, paragraph.add_run(), svg, logo_png(svg), height=Mm(25))
        else:
            shape = paragraph.add_run().add_picture(io.BytesIO(logo), height=Mm(25))
        shape._inline.docPr.set("descr", "Logo")
    for line in office.lines:
        _write(left, line.upper(), bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
        left.paragraphs[-1].paragraph_format.line_spacing = 1.2
    if office.address:
        _write(left, office.address, size=9, align=WD_ALIGN_PARAGRAPH.CENTER)
        left.paragraphs[-1].paragraph_format.space_before = Mm(2)

    for r, (label, value) in enumerate(rows):
        _write(table.cell(r, 1), label, bold=True, size=10)
        cell = table.cell(r, 2)
        if value is not None:
            _write(cell, value, size=10, bold=(label == "Nama SOP"))
            continue
        center = WD_ALIGN_PARAGRAPH.CENTER
        _write(cell, or_dash(approver.jabatan), size=10, align=center)
        _write(cell, approver.nama or " ", size=10, bold=True, underline=True, align=center)
        cell.paragraphs[-1].paragraph_format.space_before = Mm(18)  # room for the signature
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
        body.height = Mm(14)
        body.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _numbered_list(body.cells[0], numbered(left_items))
        _numbered_list(body.cells[1], numbered(right_items))


def _margins(element, tag: str, *, top=0.0, bottom=0.0, left=0.0, right=0.0) -> None:
    """Cell margins (mm) of a table (`w:tblCellMar`) or one cell (`w:tcMar`)."""
    mar = OxmlElement(tag)
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(value * TWIPS_PER_MM)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    _insert(element, mar)


def _exact_height(row, height_mm: float) -> None:
    row.height = Mm(height_mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY


def _cell_text(cell, text: str, *, bold=False, align=None, size=FLOW_FONT_PT) -> None:
    """Flow-table text set like the PDF: 7.5 pt at a fixed line height of 1.2, so that the row
    heights computed in svg.py (and drawn in the flowchart picture) hold in Word too."""
    _write(cell, text, bold=bold, size=size, align=align)
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.line_spacing = Pt(size * LINE_HEIGHT)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    cell.paragraphs[0].paragraph_format.space_before = Mm(CELL_PAD_Y)


def logo_png(svg: str) -> bytes:
    """The PNG fallback of an SVG logo, in colour (a logo keeps its colours, unlike the flowchart)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_height=300)


def flowchart_png(svg: str, dpi: int = PNG_DPI) -> bytes:
    """The drawing as an opaque greyscale PNG (black on white: no colour, no alpha to carry)."""
    import cairosvg
    from PIL import Image

    rgba = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode("utf-8"), dpi=dpi))).convert("RGBA")
    white = Image.new("RGBA", rgba.size, "white")
    buffer = io.BytesIO()
    Image.alpha_composite(white, rgba).convert("L").save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def _flowchart_picture(document, cell, sop: Sop, page: FlowPage) -> None:
    """The page's flowchart in the merged actor cells, exactly as wide as the actor columns and
    as tall as the page's rows."""
    svg = flowchart_page_svg(sop, page)
    _margins(cell._tc.get_or_add_tcPr(), "w:tcMar")
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    shape = add_svg_picture(document, paragraph.add_run(), svg, flowchart_png(svg),
                            width=Mm(page.layout.actor_area), height=Mm(page.height))
    for side in ("distT", "distB", "distL", "distR"):  # LibreOffice's default is not 0
        shape._inline.set(side, "0")
    doc_pr = shape._inline.docPr
    doc_pr.set("name", f"Diagram alir halaman {page.number}")
    doc_pr.set("descr", f"Diagram alir SOP {sop.nama}, langkah {page.steps[0].no}-{page.steps[-1].no}")


def _flow_title(document, sop: Sop, page: FlowPage) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.page_break_before = page.number > 1
    title.paragraph_format.line_spacing = Pt(12)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    run = title.add_run(f"Standar Operasional Prosedur {or_dash(sop.nama)}")
    run.bold = True
    run.font.size = Pt(10)
    meta = document.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta.paragraph_format.space_before = Mm(0.8)
    meta.paragraph_format.space_after = Mm(2.5)
    meta.paragraph_format.line_spacing = Pt(9)
    meta.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    # the page first: a line opening with "Nomor SOP" starts a new SOP for the importer
    # (`alur sop import`), and a DOCX edited in Word must read back as one SOP
    meta.add_run(
        f"Halaman alur {page.number} dari {page.count} · Nomor SOP: {or_dash(sop.nomor)}"
    ).font.size = Pt(FLOW_FONT_PT)


def _flow_table(document, sop: Sop, page: FlowPage) -> None:
    layout = page.layout
    actors = list(sop.actors) or ["-"]
    n = len(actors)
    widths = [layout.no, layout.kegiatan, *layout.actor_widths[:n], layout.kelengkapan, layout.waktu,
              layout.output, layout.keterangan]
    table = document.add_table(rows=2 + len(page.steps), cols=2 + n + 4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # the top padding is the text's space before: LibreOffice ignores a merged cell's own zero top
    # margin and would push the flowchart picture down, off its rows
    _margins(table._tbl.tblPr, "w:tblCellMar", left=CELL_PAD_X, right=CELL_PAD_X)
    _widths(table, widths)
    h1, h2 = table.rows[0], table.rows[1]
    _exact_height(h1, layout.header_height - layout.actor_header_height)
    _exact_height(h2, layout.actor_header_height)
    center = WD_ALIGN_PARAGRAPH.CENTER

    def head(cell, text):
        _cell_text(cell, text, bold=True, align=center)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, "E8E8E8")

    head(h1.cells[0].merge(h2.cells[0]), "No")
    head(h1.cells[1].merge(h2.cells[1]), "Kegiatan")
    head(h1.cells[2].merge(h1.cells[1 + n]) if n > 1 else h1.cells[2], "Pelaksana")
    for i, actor in enumerate(actors):
        head(h2.cells[2 + i], actor)
    head(h1.cells[2 + n].merge(h1.cells[4 + n]), "Mutu Baku")
    for i, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        head(h2.cells[2 + n + i], label)
    head(h1.cells[5 + n].merge(h2.cells[5 + n]), "Keterangan")
    for row in (h1, h2):
        _row_flag(row, "w:tblHeader")
        _row_flag(row, "w:cantSplit")

    body = table.rows[2:]
    for row, (step, _top, height) in zip(body, page.rows(), strict=True):
        _exact_height(row, height)
        _row_flag(row, "w:cantSplit")
        cells = row.cells
        _cell_text(cells[0], f"{step.no}.", align=center)
        _cell_text(cells[1], step.kegiatan or EMPTY)
        _cell_text(cells[2 + n], or_dash(step.kelengkapan))
        _cell_text(cells[3 + n], str(step.waktu) if step.waktu else EMPTY, align=center)
        _cell_text(cells[4 + n], or_dash(step.output))
        _cell_text(cells[5 + n], or_dash(step.keterangan))
    picture_cell = body[0].cells[2].merge(body[-1].cells[1 + n])
    _flowchart_picture(document, picture_cell, sop, page)


def _total(document, sop: Sop, minutes_per_day: int) -> None:
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


def _flow(document, sop: Sop, minutes_per_day: int, steps_per_page: int) -> None:
    """One titled table per flow page, split exactly as the PDF splits them (`flow_pages`)."""
    for page in flow_pages(sop, steps_per_page=steps_per_page):
        _flow_title(document, sop, page)
        _flow_table(document, sop, page)
    _total(document, sop, minutes_per_day)


def _properties(document, sop: Sop, office: OfficeHeader, now: datetime) -> None:
    """Title, author (the office), subject and dates as Word shows them under File > Info."""
    props = document.core_properties
    props.title = or_dash(sop.nama)
    props.author = props.last_modified_by = office_name(office)
    props.subject = SUBJECT
    props.keywords = sop.nomor or ""
    props.comments = ""
    props.category = "SOP"
    props.language = "id-ID"
    props.revision = 1
    props.created = props.modified = now.replace(microsecond=0)


def office_name(office: OfficeHeader) -> str:
    """The issuing office, its most specific line (the Dinas rather than the Pemerintah)."""
    lines = [line.strip() for line in office.lines if line and line.strip()]
    return lines[-1] if lines else ""


def render_sop_docx(
    sop: Sop,
    office: OfficeHeader,
    steps_per_page: int = 10,
    *,
    minutes_per_day: int = MINUTES_PER_DAY,
    now: datetime | None = None,
) -> bytes:
    sop, office = without_forbidden(sop), without_forbidden(office)  # rows stored before the text rule
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    _set_landscape(document.sections[0])
    _properties(document, sop, office, now or datetime.now(UTC))

    _identity(document, sop, office)
    _set_landscape(document.add_section(WD_SECTION.NEW_PAGE))
    _flow(document, sop, minutes_per_day, steps_per_page)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
