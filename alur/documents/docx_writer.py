"""Content model → DOCX with python-docx: the built-in Heading styles (so Word's navigation pane
and the TOC field see them), real tables, a TOC field and a PAGE field in the footer.

python-docx rather than a docxtpl template: the documents are long lists of generated blocks
(variable chapters and tables), which a template engine would only wrap in loops; the writer
is one pass over the same blocks the PDF template reads."""

from __future__ import annotations

from copy import deepcopy
from io import BytesIO

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from alur.core.text import without_forbidden
from alur.kit.docx_svg import add_svg_picture

from . import charts
from .content import (
    BulletList,
    Chart,
    Clause,
    Document,
    Heading,
    Orientation,
    PageBreak,
    Paragraph,
    Signatures,
    Table,
    Toc,
    signature_rows,
)

ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WIDE_COLUMNS = 8  # a document with a table this wide is set in landscape (unless it has its own sections)
CELL_SIZE = Pt(9)


def write_docx(doc: Document) -> bytes:
    doc = without_forbidden(doc)  # a control character stored before the text rule existed
    out = new_docx()
    _setup(out, doc)
    _cover(out, doc)
    blocks = list(doc.blocks)
    while blocks and isinstance(blocks[-1], Orientation):  # a section break with nothing after it: a blank page
        blocks.pop()
    for block in blocks:
        _write(out, block)
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _setup(out, doc: Document) -> None:
    section = out.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    if not doc.has_sections and any(len(t.columns) >= WIDE_COLUMNS for t in doc.tables):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    normal = out.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    for level in (1, 2, 3):
        style = out.styles[f"Heading {level}"]
        style.font.name = "Arial"
    out.core_properties.title = f"{doc.title} {doc.subtitle}"
    out.core_properties.subject = doc.office
    out.core_properties.author = "Alur"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Halaman ")
    _field(footer, "PAGE", "1")


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, TOC): Word and LibreOffice compute it when the document is opened/updated."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _cover(out, doc: Document) -> None:
    if doc.logo:  # the office's logo above the title
        picture = out.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.space_before = Pt(60)
        picture.add_run().add_picture(BytesIO(doc.logo), height=Cm(3.5))
    for n, line in enumerate(x for x in doc.cover if x):
        p = out.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt((40 if doc.logo else 120) if n == 0 else 12)
        run = p.add_run(line)
        run.bold, run.font.size = True, Pt(20 if n == 0 else 14)
    out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _write(out, block) -> None:
    if isinstance(block, Heading):
        out.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        p = out.add_paragraph()
        p.alignment = ALIGN.get(block.align, WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.add_run(block.text).bold = block.bold
    elif isinstance(block, BulletList):
        _list(out, block)
    elif isinstance(block, Table):
        _table(out, block)
    elif isinstance(block, Chart):
        picture = out.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        svg = charts.svg(block)
        shape = add_svg_picture(out, picture.add_run(), svg, charts.png(block, svg), width=Cm(15))
        shape._inline.docPr.set("descr", block.caption)
        caption = out.add_paragraph(block.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif isinstance(block, PageBreak):
        out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, Toc):
        title = out.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(block.title).bold = True
        _field(out.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u',
               "Klik kanan lalu pilih 'Perbarui Bidang' untuk menyusun daftar isi.")
    elif isinstance(block, Signatures):
        _signatures(out, block)
    elif isinstance(block, Clause):
        _clause(out, block)
    elif isinstance(block, Orientation):
        _orientation(out, block.landscape)


def _clause(out, block: Clause) -> None:
    """"Menimbang : a. …": label, colon and the items in a borderless three-column row."""
    table = out.add_table(rows=1, cols=3)
    section = out.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    for column, width in zip(table.columns, (Cm(3.2), Cm(0.5), usable - Cm(3.7)), strict=True):
        column.width = width
    label, colon, body = table.rows[0].cells
    label.paragraphs[0].add_run(block.label)
    colon.paragraphs[0].add_run(":")
    for n, item in enumerate(block.items):
        p = body.paragraphs[0] if n == 0 else body.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.space_after = Pt(3)
        p.add_run(item)


def _orientation(out, landscape: bool) -> None:
    """A new section on a new page, landscape or portrait A4 (its margins and footer carried over)."""
    if (out.sections[-1].orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    section = out.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _list(out, block: BulletList) -> None:
    """Word list paragraphs (List Bullet / List Number). A numbered list gets its own copy of the
    style's numbering definition so it starts again at 1 (LibreOffice ignores a startOverride on a
    definition shared with the previous list)."""
    paragraphs = [out.add_paragraph(item, style="List Number" if block.numbered else "List Bullet")
                  for item in block.items]
    if not block.numbered or not paragraphs:
        return
    numbering = out.part.numbering_part.element
    style_num = out.styles["List Number"].element.pPr.numPr.numId.val
    abstract_id = next(n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num)
    abstracts = numbering.findall(qn("w:abstractNum"))
    source = next(a for a in abstracts if a.get(qn("w:abstractNumId")) == str(abstract_id))
    copy = deepcopy(source)
    new_id = max(int(a.get(qn("w:abstractNumId"))) for a in abstracts) + 1
    copy.set(qn("w:abstractNumId"), str(new_id))
    for tag in ("w:nsid", "w:tmpl"):  # an identity of its own, not the source's
        for element in copy.findall(qn(tag)):
            copy.remove(element)
    abstracts[-1].addnext(copy)  # every abstractNum precedes the first num
    num = numbering.add_num(new_id)
    for paragraph in paragraphs:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId


def _table(out, block: Table) -> None:
    if block.caption:
        caption = out.add_paragraph()
        caption.add_run(block.caption).bold = True
        caption.paragraph_format.keep_with_next = True  # a caption never stays alone at a page's foot
    header = any(block.columns)
    rows = [*([block.columns] if header else []), *block.rows, *([block.total] if block.total else [])]
    table = out.add_table(rows=len(rows), cols=len(block.columns))
    table.style = "Table Grid" if header else None
    widths = None
    if block.widths:
        section = out.sections[-1]  # the text width of the page: landscape when any table is wide
        usable = section.page_width - section.left_margin - section.right_margin
        widths = [int(w * usable / sum(block.widths)) for w in block.widths]
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):  # row by row: table.cell() is O(n)
        bold = (header and r == 0) or (block.total is not None and r == len(rows) - 1)
        _cant_split(row)
        for cell, value in zip(row.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(value)
            run.font.size = CELL_SIZE
            if bold:  # only set when true: every property written costs an XML insert
                run.bold = True
    if widths:  # the grid's column widths with a fixed layout: one element per column, not per cell
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
    if header:
        _repeat_header(table.rows[0])
    out.add_paragraph()


def _cant_split(row) -> None:
    """Word keeps the row on one page (a row never splits from its label across pages)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    props.append(element)


def _signatures(out, block: Signatures) -> None:
    """One grid (no borders): each line of every column in one row, so the columns stay level; every
    paragraph keeps with the next, so the block never splits and (keep_with_previous) never stands
    alone on a page after the table it closes."""
    if block.keep_with_previous:
        _keep_last_table_with_next(out)
    spacer = out.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    rows = signature_rows(block)
    table = out.add_table(rows=len(rows), cols=len(block.parties))
    widths = None
    if len(block.parties) == 1:  # the one signer stands in the right half of the page
        table.alignment = WD_TABLE_ALIGNMENT.RIGHT
        section = out.sections[-1]
        widths = [int((section.page_width - section.left_margin - section.right_margin) / 2)]
    for row, (what, texts) in zip(table.rows, rows, strict=True):
        _cant_split(row)
        if what == "mark":  # the signing space
            row.height = Cm(2.4)
        for cell, text in zip(row.cells, texts, strict=True):
            if widths:
                cell.width = widths[0]
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            if what == "name":
                run.bold = run.underline = True
            elif what == "mark":
                run.italic, run.font.size = True, Pt(8)


def _keep_last_table_with_next(out) -> None:
    """The rows of the table before keep with what follows: Word moves its last rows to the next page
    with the signatures rather than leave the signatures alone there."""
    if not out.tables:
        return
    last = out.tables[-1]
    for row in last.rows[-2:]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    for p in out.paragraphs[-1:]:  # the empty paragraph after the table
        p.paragraph_format.keep_with_next = True
