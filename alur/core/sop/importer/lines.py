"""The importer's input as numbered lines of cells, from pasted text or from a .docx body.

Text: one `Line` per "\\n"-separated source line, cells split on tabs, each cell one paragraph.
Docx: one `Line` per body paragraph and per table row, in document order; a table row's cells
follow the layout grid (a horizontally merged cell gives its text once and empty cells for the
columns it spans; the continuation of a vertical merge is empty), and each cell keeps its
paragraphs so that list items stay apart. A docx `Line.no` counts these lines, 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    no: int
    cells: list[str]  # stripped text of each cell, paragraphs joined by one space
    paras: list[list[str]] = field(default_factory=list)  # the non-empty paragraphs of each cell

    def __post_init__(self) -> None:
        if not self.paras:
            self.paras = [[c] if c else [] for c in self.cells]

    @property
    def blank(self) -> bool:
        return not any(self.cells)

    @property
    def nonempty(self) -> list[str]:
        return [c for c in self.cells if c]

    @property
    def text(self) -> str:
        return " ".join(self.nonempty)


def clean(value: str) -> str:
    """Strip whitespace (including NBSP and form feeds) at both ends."""
    return (value or "").replace("\x0c", " ").replace("\x00", "").strip()


def text_to_lines(text: str) -> list[Line]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, [clean(c) for c in raw.split("\t")]))
    return lines


def docx_to_lines(document) -> list[Line]:
    """Flatten a python-docx Document body into Lines (see the module docstring)."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    lines: list[Line] = []

    def add(cells: list[str], paras: list[list[str]]) -> None:
        lines.append(Line(len(lines) + 1, cells, paras))

    def cell_paras(cell: _Cell) -> list[str]:
        out = [clean(p.text) for p in cell.paragraphs]
        for nested in cell.tables:  # rare: keep the nested table's text, row by row
            for row in nested.rows:
                out.append(" ".join(clean(c.text) for c in _unique_cells(row)))
        return [p for p in out if p]

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = clean(block.text)
            add([text], [[text] if text else []])
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                paras: list[list[str]] = []
                for _ in range(_int(getattr(row, "grid_cols_before", 0))):
                    cells.append("")
                    paras.append([])
                for tc in row._tr.tc_lst:
                    span = max(1, _int(tc.grid_span))
                    if tc.vMerge == "continue":
                        ps: list[str] = []
                    else:
                        ps = cell_paras(_Cell(tc, block))
                    cells.append(" ".join(ps))
                    paras.append(ps)
                    for _ in range(span - 1):
                        cells.append("")
                        paras.append([])
                add(cells, paras)
    return lines


def _unique_cells(row):
    seen = set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        yield cell


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
