"""The SOP flowchart (PermenPAN-RB 35/2012 flow page), drawn from the data as SVG.

How the drawing lines up with the table
---------------------------------------
The flow table is real HTML (No, Kegiatan, Mutu Baku and Keterangan are text that wraps). The
actor columns of each row are one cell holding an SVG *slice*: every row's height is computed
here from the wrapped text (measured with the font's own metrics, see `common.wrap_text`), the
whole page is laid out once in millimetres, and each row cell shows the window
``viewBox="0 <row top> <width> <row height>"`` of that one drawing. A connector that crosses
rows is therefore cut exactly at the row border and continues in the next cell. This prints the
same in WeasyPrint and Chromium (no absolute positioning over a table). `flowchart_svg` gives the
page as one tall drawing and `flowchart_svg_document` the whole SOP as a standalone SVG.

Drawing rules
-------------
* capsule (terminator): steps of kind ``terminator``, and the first and last step unless they
  are decisions; rectangle: process; diamond: decision.
* A step with several actors is drawn as the same symbol *duplicated* in each of its actor
  columns, the copies joined by a dashed line. Arrows enter and leave the copy in the column of
  the step's first actor (the same actor whose lane holds the task in BPMN).
* Consecutive rows are joined by orthogonal connectors from the bottom of one symbol to the top
  of the next (bending halfway down the source row when the columns differ).
* A decision leaves by its bottom vertex towards the next row, labelled "Ya" or "Tidak"; its
  other exit leaves by the right vertex (then the left one) and runs in a lane along the column
  side up (loop back) or down to the target row, entering the target symbol from the side.
* Where the table breaks across pages, the flow leaves page k through a lettered pentagon
  (off-page connector A, B, ...) at the bottom of the last row and re-enters page k+1 from the
  same letter at the top of the first row. A jump to a row on another page gets a lettered
  pentagon beside the exit and beside the target. On-page circle connectors are not needed:
  every on-page flow is drawn as a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import Template
from xml.sax.saxutils import escape

from alur.core.sop.model import Sop, Step, StepKind
from alur.sop.render.common import PT_TO_MM, text_lines, wrap_text

# -- page geometry (mm); the CSS in static/sop/document.css must agree ------------------------
PAGE_WIDTH = 297.0
PAGE_HEIGHT = 210.0
PAGE_MARGIN = 10.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN  # 277
CONTENT_HEIGHT = PAGE_HEIGHT - 2 * PAGE_MARGIN  # 190
FLOW_TITLE_HEIGHT = 11.0  # the heading above each flow table (two lines), with its margin
TOTAL_LINE_HEIGHT = 14.0  # the "Total waktu baku" lines below the last table
FONT_PT = 7.5  # table text
HEADER_FONT_PT = 7.5  # table headers (bold)
LINE_HEIGHT = 1.2
CELL_PAD_X = 1.2
CELL_PAD_Y = 1.0
LINE_MM = FONT_PT * PT_TO_MM * LINE_HEIGHT
SAFETY = 1.0  # measured wrap width is this much narrower than the browser's

# -- symbols (mm) -----------------------------------------------------------------------------
SYMBOL_HEIGHT = 7.0
DIAMOND_HEIGHT = 11.0
PENTAGON_W = 6.0
PENTAGON_H = 5.5
PENTAGON_ZONE = 8.0  # extra row height for a pentagon above or below the symbol
MIN_ROW = 16.0
MIN_DECISION_ROW = 21.0
OFF_SIDE_RUN = 7.0  # horizontal run from a decision vertex to a side off-page connector
LANE_INSET = 1.5
LANE_STEP = 1.3
ARROW_LEN = 1.8
ARROW_HALF = 0.9
STROKE = 0.3
GRID_STROKE = 0.25
LABEL_MM = 2.4  # "Ya"/"Tidak" and pentagon letters

_FIXED_RATIO = {"kegiatan": 58.0, "kelengkapan": 30.0, "output": 30.0, "keterangan": 30.0}
NO_WIDTH = 8.0
WAKTU_WIDTH = 15.0


@dataclass(frozen=True)
class FlowLayout:
    """Column widths of the flow table (mm) and the height of its two header rows."""

    no: float
    kegiatan: float
    actor_widths: tuple[float, ...]
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float
    header_height: float
    actor_header_height: float

    @property
    def actor_area(self) -> float:
        return sum(self.actor_widths)

    def actor_left(self, index: int) -> float:
        return sum(self.actor_widths[:index])

    def actor_center(self, index: int) -> float:
        return self.actor_left(index) + self.actor_widths[index] / 2

    def symbol_width(self, index: int, kind: StepKind) -> float:
        width = self.actor_widths[index]
        if kind == StepKind.DECISION:
            return min(16.0, width - 6.0)
        return min(15.0, width - 6.0)


@dataclass(frozen=True)
class Edge:
    """One arrow of the flowchart. `route`: down (next row), lane (same page, along a column
    side), off_bottom / off_side (leaves the page via pentagon `letter`)."""

    src: int
    dst: int
    label: str = ""  # "Ya" / "Tidak" on decision exits
    exit: str = "bottom"  # bottom | right | left
    route: str = "down"
    letter: str = ""
    lane_x: float = 0.0


@dataclass(frozen=True)
class Incoming:
    """An off-page connector arriving on this page: `top` above the first row, else `side`."""

    dst: int
    letter: str
    place: str = "top"


@dataclass(frozen=True)
class FlowPage:
    number: int  # 1-based
    count: int
    steps: tuple[Step, ...]
    row_heights: tuple[float, ...]
    layout: FlowLayout
    edges: tuple[Edge, ...] = ()
    incoming: tuple[Incoming, ...] = ()
    top_zone: bool = False  # first row has room for an incoming pentagon
    bottom_zone: bool = False  # last row has room for an outgoing pentagon
    actors: tuple[str, ...] = field(default=())

    @property
    def height(self) -> float:
        return sum(self.row_heights)

    @property
    def row_tops(self) -> tuple[float, ...]:
        tops, y = [], 0.0
        for h in self.row_heights:
            tops.append(y)
            y += h
        return tuple(tops)

    @property
    def is_last(self) -> bool:
        return self.number == self.count

    def rows(self):
        """(step, top, height) for each row."""
        return zip(self.steps, self.row_tops, self.row_heights, strict=True)


# -- layout -----------------------------------------------------------------------------------


def flow_layout(sop: Sop, width: float = CONTENT_WIDTH) -> FlowLayout:
    n = max(1, len(sop.actors))
    fixed_min = NO_WIDTH + WAKTU_WIDTH + sum(_FIXED_RATIO.values())
    actor = min(30.0, max(14.0, (width - fixed_min) / n))
    rest = width - NO_WIDTH - WAKTU_WIDTH - actor * n
    total_ratio = sum(_FIXED_RATIO.values())
    cols = {k: round(rest * v / total_ratio, 2) for k, v in _FIXED_RATIO.items()}
    header_lines = max(
        [text_lines(a, actor - 2 * CELL_PAD_X - SAFETY, HEADER_FONT_PT, bold=True) for a in sop.actors]
        or [1]
    )
    actor_header = header_lines * HEADER_FONT_PT * PT_TO_MM * LINE_HEIGHT + 2 * CELL_PAD_Y + 0.6
    group_header = HEADER_FONT_PT * PT_TO_MM * LINE_HEIGHT + 2 * CELL_PAD_Y + 0.6
    return FlowLayout(
        no=NO_WIDTH, kegiatan=cols["kegiatan"], actor_widths=(actor,) * n,
        kelengkapan=cols["kelengkapan"], waktu=WAKTU_WIDTH, output=cols["output"],
        keterangan=cols["keterangan"],
        header_height=round(group_header + actor_header, 2),
        actor_header_height=round(actor_header, 2),
    )


def _text_height(text: str, width: float) -> float:
    lines = text_lines(text, width - 2 * CELL_PAD_X - SAFETY, FONT_PT)
    return lines * LINE_MM + 2 * CELL_PAD_Y + 0.8


def row_text_height(step: Step, layout: FlowLayout) -> float:
    """Height (mm) the row's text needs in its widest-wrapping column."""
    return max(
        _text_height(f"{step.no}.", layout.no),
        _text_height(step.kegiatan, layout.kegiatan),
        _text_height(step.kelengkapan or "-", layout.kelengkapan),
        _text_height(str(step.waktu) if step.waktu else "-", layout.waktu),
        _text_height(step.output or "-", layout.output),
        _text_height(step.keterangan or "-", layout.keterangan),
    )


def _row_height(step: Step, layout: FlowLayout, top: bool, bottom: bool) -> float:
    zones = (PENTAGON_ZONE if top else 0.0) + (PENTAGON_ZONE if bottom else 0.0)
    minimum = MIN_DECISION_ROW if step.is_decision else MIN_ROW
    return round(max(row_text_height(step, layout), minimum + zones), 2)


def page_body_height(layout: FlowLayout, last: bool) -> float:
    """Room (mm) for rows on one flow page."""
    room = CONTENT_HEIGHT - FLOW_TITLE_HEIGHT - layout.header_height - 3.0
    return room - (TOTAL_LINE_HEIGHT if last else 0.0)


def flow_pages(
    sop: Sop, steps_per_page: int = 10, layout: FlowLayout | None = None, *, fit_a4: bool = True
) -> list[FlowPage]:
    """Split the steps into flow pages of at most `steps_per_page` rows (fewer when the rows
    would not fit on an A4 landscape page, unless `fit_a4` is False; one more when that spares a
    page holding a single step, see `_no_lone_steps`) and route every arrow."""
    layout = layout or flow_layout(sop)
    steps = sorted(sop.steps, key=lambda s: s.no)
    steps_per_page = max(1, int(steps_per_page))

    def fits(group: list[Step], first_page: bool, final: bool) -> bool:
        if not fit_a4:
            return True
        heights = [
            _row_height(s, layout, top=(j == 0 and not first_page), bottom=(j == len(group) - 1 and not final))
            for j, s in enumerate(group)
        ]
        return sum(heights) <= page_body_height(layout, last=final)

    groups: list[list[Step]] = []
    i = 0
    while i < len(steps):
        first_page = not groups
        chosen = 1
        for k in range(2, min(steps_per_page, len(steps) - i) + 1):
            if not fits(steps[i : i + k], first_page, final=(i + k == len(steps))):
                break
            chosen = k
        groups.append(steps[i : i + chosen])
        i += chosen
    groups = _no_lone_steps(groups, steps_per_page, fits)

    page_of = {s.no: p for p, group in enumerate(groups) for s in group}
    row_of = {s.no: r for group in groups for r, s in enumerate(group)}
    edges_by_page: list[list[Edge]] = [[] for _ in groups]
    incoming_by_page: list[list[Incoming]] = [[] for _ in groups]
    lanes_used: dict[tuple[int, str, int], int] = {}
    letters = iter(_letters())
    col_of = {s.no: _columns(sop, s)[0] for s in steps}

    for p, group in enumerate(groups):
        for r, step in enumerate(group):
            if step.is_decision:
                targets = [(step.next_yes, "Ya"), (step.next_no, "Tidak")]
            else:
                targets = [(t, "") for t in sop.successors(step.no)[:1]]
            targets = [(t, label) for t, label in targets if t is not None and t in page_of]
            bottom_used = False
            side_exits = iter(("right", "left"))
            plan = []
            # the exit to the very next row takes the bottom vertex
            for t, label in targets:
                if not bottom_used and page_of[t] == p and row_of[t] == r + 1:
                    plan.append((t, label, "bottom", "down"))
                    bottom_used = True
            for t, label in targets:
                if any(x[0] == t and x[1] == label for x in plan):
                    continue
                sequential = (
                    page_of[t] == p + 1 and row_of[t] == 0 and r == len(group) - 1 and not bottom_used
                )
                if sequential:
                    plan.append((t, label, "bottom", "off_bottom"))
                    bottom_used = True
                elif page_of[t] == p:
                    plan.append((t, label, next(side_exits, "right"), "lane"))
                else:
                    plan.append((t, label, next(side_exits, "right"), "off_side"))
            for t, label, exit_, route in plan:
                letter, lane_x = "", 0.0
                if route in ("off_bottom", "off_side"):
                    letter = next(letters)
                    incoming_by_page[page_of[t]].append(
                        Incoming(dst=t, letter=letter, place="top" if route == "off_bottom" else "side")
                    )
                elif route == "lane":
                    cs, ct = col_of[step.no], col_of[t]
                    col = max(cs, ct) if exit_ == "right" else min(cs, ct)
                    key = (p, exit_, col)
                    k = lanes_used.get(key, 0)
                    lanes_used[key] = k + 1
                    if exit_ == "right":
                        right = layout.actor_left(col) + layout.actor_widths[col]
                        lane_x = right - LANE_INSET - k * LANE_STEP
                    else:
                        lane_x = layout.actor_left(col) + LANE_INSET + k * LANE_STEP
                edges_by_page[p].append(
                    Edge(src=step.no, dst=t, label=label, exit=exit_, route=route, letter=letter,
                         lane_x=round(lane_x, 3))
                )

    pages = []
    for p, group in enumerate(groups):
        top = any(inc.place == "top" for inc in incoming_by_page[p])
        bottom = any(e.route == "off_bottom" for e in edges_by_page[p])
        heights = tuple(
            _row_height(s, layout, top=(r == 0 and top), bottom=(r == len(group) - 1 and bottom))
            for r, s in enumerate(group)
        )
        pages.append(
            FlowPage(
                number=p + 1, count=len(groups), steps=tuple(group), row_heights=heights, layout=layout,
                edges=tuple(edges_by_page[p]), incoming=tuple(incoming_by_page[p]),
                top_zone=top, bottom_zone=bottom, actors=tuple(sop.actors),
            )
        )
    return pages


def _no_lone_steps(groups: list[list[Step]], steps_per_page: int, fits) -> list[list[Step]]:
    """A page holding one step joins the page before it when the step fits there, even past
    `steps_per_page` (a lone step on its own page reads badly and costs a page and a pair of
    off-page connectors). `steps_per_page` 1 asks for one step per page and is kept."""
    if steps_per_page < 2:
        return groups
    merged: list[list[Step]] = []
    for p, group in enumerate(groups):
        final = p == len(groups) - 1
        if merged and len(group) == 1 and fits(merged[-1] + group, len(merged) == 1, final):
            merged[-1] = merged[-1] + group
        else:
            merged.append(group)
    return merged


def _letters():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    yield from alphabet
    for a in alphabet:
        for b in alphabet:
            yield a + b


def _columns(sop: Sop, step: Step) -> list[int]:
    """Actor column indexes of a step, its first actor first; column 0 if none is known."""
    cols = [sop.actors.index(a) for a in step.actors if a in sop.actors]
    seen = []
    for c in cols:
        if c not in seen:
            seen.append(c)
    return seen or [0]


# -- drawing ----------------------------------------------------------------------------------


@dataclass
class _Item:
    svg: str
    y0: float
    y1: float


def _f(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def symbol_kind(sop: Sop, step: Step) -> StepKind:
    if step.kind == StepKind.DECISION:
        return StepKind.DECISION
    ordered = sorted(s.no for s in sop.steps)
    if step.kind == StepKind.TERMINATOR or (ordered and step.no in (ordered[0], ordered[-1])):
        return StepKind.TERMINATOR
    return StepKind.PROCESS


def _symbol(kind: StepKind, cx: float, cy: float, w: float, css: str = "sopfc-sym") -> str:
    if kind == StepKind.DECISION:
        h = DIAMOND_HEIGHT
        corners = ((cx, cy - h / 2), (cx + w / 2, cy), (cx, cy + h / 2), (cx - w / 2, cy))
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in corners)
        return f'<polygon class="{css}" points="{pts}"/>'
    h = SYMBOL_HEIGHT
    rx = h / 2 if kind == StepKind.TERMINATOR else 0
    return (
        f'<rect class="{css}" x="{_f(cx - w / 2)}" y="{_f(cy - h / 2)}" width="{_f(w)}" height="{_f(h)}"'
        f' rx="{_f(rx)}" ry="{_f(rx)}"/>'
    )


def _arrow_head(x0: float, y0: float, x1: float, y1: float) -> str:
    dx, dy = x1 - x0, y1 - y0
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * ARROW_LEN, y1 - uy * ARROW_LEN
    px, py = -uy * ARROW_HALF, ux * ARROW_HALF
    return (
        f'<polygon class="sopfc-head" points="{_f(x1)},{_f(y1)} {_f(bx + px)},{_f(by + py)} '
        f'{_f(bx - px)},{_f(by - py)}"/>'
    )


def _path(points, arrow: bool = True) -> _Item:
    pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    svg = f'<polyline class="sopfc-line" points="{pts}"/>'
    if arrow and len(points) >= 2:
        svg += _arrow_head(*points[-2], *points[-1])
    ys = [y for _, y in points]
    return _Item(svg, min(ys), max(ys))


def _text(x: float, y: float, text: str, anchor: str = "start", css: str = "sopfc-label") -> str:
    return f'<text class="{css}" x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}">{escape(text)}</text>'


def _pentagon(cx: float, y0: float, letter: str) -> _Item:
    w, h = PENTAGON_W, PENTAGON_H
    pts = [
        (cx - w / 2, y0), (cx + w / 2, y0), (cx + w / 2, y0 + h * 0.6), (cx, y0 + h),
        (cx - w / 2, y0 + h * 0.6),
    ]
    svg = '<polygon class="sopfc-sym" points="' + " ".join(f"{_f(x)},{_f(y)}" for x, y in pts) + '"/>'
    svg += _text(cx, y0 + h * 0.5, letter, "middle", "sopfc-letter")
    return _Item(f'<g class="sopfc-offpage">{svg}</g>', y0, y0 + h)


@dataclass(frozen=True)
class _Placed:
    step: Step
    kind: StepKind
    cols: tuple[int, ...]
    cx: float
    cy: float
    half_w: float
    half_h: float
    top: float
    bottom: float


def _place(sop: Sop, page: FlowPage) -> dict[int, _Placed]:
    layout = page.layout
    placed = {}
    last = len(page.steps) - 1
    for r, (step, top, height) in enumerate(page.rows()):
        kind = symbol_kind(sop, step)
        cols = tuple(_columns(sop, step))
        zone_top = PENTAGON_ZONE if (r == 0 and page.top_zone) else 0.0
        zone_bottom = PENTAGON_ZONE if (r == last and page.bottom_zone) else 0.0
        cy = top + zone_top + (height - zone_top - zone_bottom) / 2
        w = layout.symbol_width(cols[0], kind)
        h = DIAMOND_HEIGHT if kind == StepKind.DECISION else SYMBOL_HEIGHT
        placed[step.no] = _Placed(step, kind, cols, layout.actor_center(cols[0]), cy, w / 2, h / 2, top,
                                  top + height)
    return placed


def _page_items(sop: Sop, page: FlowPage) -> list[_Item]:
    layout = page.layout
    placed = _place(sop, page)
    items: list[_Item] = []

    # connectors first, so that symbols sit on top of them
    for edge in page.edges:
        src = placed[edge.src]
        if edge.exit == "bottom":
            vx, vy = src.cx, src.cy + src.half_h
        else:
            sign = 1 if edge.exit == "right" else -1
            vx, vy = src.cx + sign * src.half_w, src.cy
        if edge.route == "down":
            dst = placed[edge.dst]
            tx, ty = dst.cx, dst.cy - dst.half_h
            if abs(vx - tx) < 0.01:
                pts = [(vx, vy), (tx, ty)]
            else:
                ym = vy + (src.bottom - vy) / 2
                pts = [(vx, vy), (vx, ym), (tx, ym), (tx, ty)]
            items.append(_path(pts))
        elif edge.route == "off_bottom":
            y0 = src.bottom - 1.2 - PENTAGON_H
            items.append(_path([(vx, vy), (vx, y0)]))
            items.append(_pentagon(vx, y0, edge.letter))
        elif edge.route == "lane":
            dst = placed[edge.dst]
            entry = dst.cx + dst.half_w if edge.lane_x > dst.cx else dst.cx - dst.half_w
            pts = [(vx, vy), (edge.lane_x, vy), (edge.lane_x, dst.cy), (entry, dst.cy)]
            items.append(_path(pts))
        elif edge.route == "off_side":
            # out sideways past the label, then down into the pentagon
            sign = 1 if edge.exit == "right" else -1
            cx = vx + sign * OFF_SIDE_RUN
            y0 = vy + 2.0
            items.append(_path([(vx, vy), (cx, vy), (cx, y0)], arrow=False))
            items.append(_pentagon(cx, y0, edge.letter))
        if edge.label:
            items.append(_exit_label(edge, vx, vy, placed))

    # sides of each symbol already taken by an exit or by a lane arriving there
    taken: dict[int, set[str]] = {}
    for edge in page.edges:
        if edge.exit != "bottom":
            taken.setdefault(edge.src, set()).add(edge.exit)
        if edge.route == "lane" and edge.dst in placed:
            taken.setdefault(edge.dst, set()).add("right" if edge.lane_x > placed[edge.dst].cx else "left")

    for inc in page.incoming:
        dst = placed.get(inc.dst)
        if dst is None:
            continue
        if inc.place == "top":
            y0 = dst.top + 1.2
            items.append(_pentagon(dst.cx, y0, inc.letter))
            items.append(_path([(dst.cx, y0 + PENTAGON_H), (dst.cx, dst.cy - dst.half_h)]))
        else:
            sign = -1 if "right" in taken.get(inc.dst, set()) else 1
            side_x = dst.cx + sign * dst.half_w
            cx = side_x + sign * (2.5 + PENTAGON_W / 2)
            y0 = dst.cy - PENTAGON_H * 0.3
            items.append(_pentagon(cx, y0, inc.letter))
            items.append(_path([(cx - sign * PENTAGON_W / 2, dst.cy), (side_x, dst.cy)]))
            taken.setdefault(inc.dst, set()).add("right" if sign > 0 else "left")

    for p in placed.values():
        xs = [layout.actor_center(c) for c in p.cols]
        if len(xs) > 1:
            y = p.cy
            items.append(
                _Item(f'<line class="sopfc-join" x1="{_f(min(xs))}" y1="{_f(y)}" x2="{_f(max(xs))}"'
                      f' y2="{_f(y)}"/>', y, y)
            )
        for c in p.cols:
            w = layout.symbol_width(c, p.kind)
            items.append(
                _Item(_symbol(p.kind, layout.actor_center(c), p.cy, w), p.cy - p.half_h, p.cy + p.half_h)
            )
    return items


def _exit_label(edge: Edge, vx: float, vy: float, placed: dict[int, _Placed]) -> _Item:
    if edge.exit == "bottom":
        # put the label on the side away from the bend
        dst = placed.get(edge.dst)
        left = dst is not None and edge.route == "down" and dst.cx > vx + 0.01
        x = vx - 0.8 if left else vx + 0.8
        y = vy + 2.6
        return _Item(_text(x, y, edge.label, "end" if left else "start"), vy, y)
    if edge.exit == "right":
        return _Item(_text(vx + 0.8, vy - 1.2, edge.label, "start"), vy - 3.5, vy)
    return _Item(_text(vx - 0.8, vy - 1.2, edge.label, "end"), vy - 3.5, vy)


STYLE = Template(
    ".sopfc-sym{fill:#fff;stroke:#000;stroke-width:$s}"
    ".sopfc-line{fill:none;stroke:#000;stroke-width:$s;stroke-linejoin:miter}"
    ".sopfc-head{fill:#000;stroke:none}"
    ".sopfc-join{stroke:#000;stroke-width:$s;stroke-dasharray:1 0.8}"
    ".sopfc-grid{stroke:#000;stroke-width:$g}"
    ".sopfc-label{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:${l}px;fill:#000}"
    ".sopfc-letter{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:${l}px;"
    "font-weight:bold;fill:#000;dominant-baseline:central}"
    ".sopfc-cell{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:${c}px;fill:#000}"
    ".sopfc-head-cell{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:${c}px;"
    "font-weight:bold;fill:#000}"
).substitute(s=STROKE, g=GRID_STROKE, l=LABEL_MM, c=_f(FONT_PT * PT_TO_MM))


def _separators(layout: FlowLayout, y0: float, y1: float) -> str:
    out = []
    for i in range(1, len(layout.actor_widths)):
        x = layout.actor_left(i)
        out.append(f'<line class="sopfc-grid" x1="{_f(x)}" y1="{_f(y0)}" x2="{_f(x)}" y2="{_f(y1)}"/>')
    return "".join(out)


# -- text alternatives: what a screen reader says instead of the drawing -------------------------
_SYMBOL_WORDS = {StepKind.TERMINATOR: "mulai/selesai", StepKind.DECISION: "keputusan", StepKind.PROCESS: "kegiatan"}


def _next_step(sop: Sop, step: Step) -> int | None:
    later = sorted(s.no for s in sop.steps if s.no > step.no)
    return later[0] if later else None


def step_alt_text(sop: Sop, step: Step) -> str:
    """One step of the drawing in words: its symbol, its actors and where the arrows lead."""
    actors = ", ".join(step.actors) or "pelaksana belum ditentukan"
    text = f"Langkah {step.no}, {_SYMBOL_WORDS[symbol_kind(sop, step)]}, oleh {actors}"
    following = _next_step(sop, step)
    if step.is_decision:
        yes = step.next_yes or following
        no = step.next_no
        text += f"; bila ya ke langkah {yes}" if yes else "; bila ya selesai"
        text += f", bila tidak ke langkah {no}" if no else ", bila tidak selesai"
    elif following is not None:
        text += f"; lalu ke langkah {following}"
    else:
        text += "; alur selesai"
    return text + "."


def flowchart_alt_text(sop: Sop) -> str:
    """The whole drawing in words, step by step (the <desc> of the downloadable SVG)."""
    steps = sorted(sop.steps, key=lambda s: s.no)
    return " ".join(f"{step_alt_text(sop, step)[:-1]}: {step.kegiatan}." for step in steps)


def flowchart_row_svgs(sop: Sop, page: FlowPage) -> list[str]:
    """One SVG per row of `page`: the window of the page drawing over that row's actor cells."""
    items = _page_items(sop, page)
    width = page.layout.actor_area
    out = []
    for step, top, height in page.rows():
        bottom = top + height
        body = "".join(it.svg for it in items if it.y1 >= top - 0.01 and it.y0 <= bottom + 0.01)
        label = escape(step_alt_text(sop, step), {'"': "&quot;"})
        out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-row-svg" role="img" aria-label="{label}"'
            f' width="{_f(width)}mm"'
            f' height="{_f(height)}mm" viewBox="0 {_f(top)} {_f(width)} {_f(height)}"'
            f' preserveAspectRatio="none" overflow="hidden">'
            f"<style>{STYLE}</style>{_separators(page.layout, top, bottom)}{body}</svg>"
        )
    return out


def flowchart_svg(sop: Sop, page: FlowPage) -> str:
    """The actor columns of one flow page as one tall drawing (mm units), with its grid."""
    width, height = page.layout.actor_area, page.height
    grid = [_separators(page.layout, 0, height)]
    for top in page.row_tops[1:]:
        grid.append(f'<line class="sopfc-grid" x1="0" y1="{_f(top)}" x2="{_f(width)}" y2="{_f(top)}"/>')
    grid.append(
        f'<rect class="sopfc-grid" x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="none"/>'
    )
    body = "".join(it.svg for it in _page_items(sop, page))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}mm" height="{_f(height)}mm"'
        f' viewBox="0 0 {_f(width)} {_f(height)}"><style>{STYLE}</style>{"".join(grid)}{body}</svg>'
    )


def flowchart_svg_document(sop: Sop) -> str:
    """The whole flowchart as one standalone SVG (No, Kegiatan and the actor columns, no page
    breaks), for downloading."""
    layout = flow_layout(sop)
    single = flow_pages(sop, steps_per_page=max(1, len(sop.steps)), layout=layout, fit_a4=False)
    page = single[0] if single else FlowPage(1, 1, (), (), layout)
    pad, title_h = 4.0, 12.0
    no_w, keg_w = layout.no, layout.kegiatan
    header_h = layout.actor_header_height + 2.0
    x_actor = pad + no_w + keg_w
    width = x_actor + layout.actor_area + pad
    height = pad + title_h + header_h + page.height + pad
    fs = FONT_PT * PT_TO_MM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}mm" height="{_f(height)}mm"'
        f' viewBox="0 0 {_f(width)} {_f(height)}" role="img" aria-labelledby="sopfc-title sopfc-desc">'
        f'<title id="sopfc-title">{escape(f"Diagram Alir SOP {sop.nama}")}</title>'
        f'<desc id="sopfc-desc">{escape(flowchart_alt_text(sop))}</desc><style>{STYLE}</style>',
        '<rect x="0" y="0" width="100%" height="100%" fill="#fff"/>',
        _text(pad, pad + 4.5, f"Diagram Alir SOP {sop.nama}", "start", "sopfc-head-cell"),
        _text(pad, pad + 9, f"Nomor SOP: {sop.nomor or '-'}", "start", "sopfc-cell"),
    ]
    y_head = pad + title_h
    y_body = y_head + header_h
    heads = [(pad, no_w, "No"), (pad + no_w, keg_w, "Kegiatan")]
    heads += [
        (x_actor + layout.actor_left(i), layout.actor_widths[i], a) for i, a in enumerate(sop.actors)
    ]
    for x, w, label in heads:
        out.append(f'<rect class="sopfc-grid" x="{_f(x)}" y="{_f(y_head)}" width="{_f(w)}"'
                   f' height="{_f(header_h)}" fill="#e8e8e8"/>')
        lines = wrap_text(label, w - 2 * CELL_PAD_X - SAFETY, HEADER_FONT_PT, bold=True)
        y0 = y_head + (header_h - len(lines) * LINE_MM) / 2 + fs
        for k, line in enumerate(lines):
            out.append(_text(x + w / 2, y0 + k * LINE_MM, line, "middle", "sopfc-head-cell"))
    for step, top, h in page.rows():
        y = y_body + top
        for x, w in ((pad, no_w), (pad + no_w, keg_w)):
            out.append(f'<rect class="sopfc-grid" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}"'
                       ' fill="none"/>')
        out.append(_text(pad + no_w / 2, y + CELL_PAD_Y + fs, f"{step.no}.", "middle", "sopfc-cell"))
        lines = wrap_text(step.kegiatan, keg_w - 2 * CELL_PAD_X - SAFETY, FONT_PT)
        for k, line in enumerate(lines):
            baseline = y + CELL_PAD_Y + fs + k * LINE_MM
            out.append(_text(pad + no_w + CELL_PAD_X, baseline, line, "start", "sopfc-cell"))
    inner = flowchart_svg(sop, page)
    # nest the actor drawing at its place; it keeps its own viewBox in mm
    inner = inner.replace(
        '<svg xmlns="http://www.w3.org/2000/svg" ',
        f'<svg x="{_f(x_actor)}" y="{_f(y_body)}" ', 1,
    ).replace(f'width="{_f(layout.actor_area)}mm" height="{_f(page.height)}mm"',
              f'width="{_f(layout.actor_area)}" height="{_f(page.height)}"', 1)
    out.append(inner)
    out.append("</svg>")
    return "".join(out)



# -- one flow page as a picture (the DOCX embeds it) ------------------------------------------
# Word's SVG import and LibreOffice ignore or misread a <style> sheet, so the standalone page
# drawing carries every style as presentation attributes instead of classes.
_FONT_ATTRS = "font-family=\"'Liberation Sans', Arial, Helvetica, sans-serif\""
_CLASS_ATTRS = {
    "sopfc-sym": f'fill="#fff" stroke="#000" stroke-width="{STROKE}"',
    "sopfc-line": f'fill="none" stroke="#000" stroke-width="{STROKE}" stroke-linejoin="miter"',
    "sopfc-head": 'fill="#000" stroke="none"',
    "sopfc-join": f'stroke="#000" stroke-width="{STROKE}" stroke-dasharray="1 0.8"',
    "sopfc-grid": f'stroke="#000" stroke-width="{GRID_STROKE}"',
    "sopfc-label": f'{_FONT_ATTRS} font-size="{LABEL_MM}" fill="#000"',
    # no dominant-baseline (Word ignores it): shift the baseline down by about half a cap height
    "sopfc-letter": f'{_FONT_ATTRS} font-size="{LABEL_MM}" font-weight="bold" fill="#000" dy="0.85"',
    "sopfc-offpage": "",
}


def _inline_styles(svg: str) -> str:
    svg = svg.replace(f"<style>{STYLE}</style>", "", 1)
    return re.sub(r'class="(sopfc-[a-z-]+)"', lambda m: _CLASS_ATTRS[m.group(1)], svg)


def flowchart_page_svg(sop: Sop, page: FlowPage) -> str:
    """The actor columns of one flow page as a standalone drawing with a white background and
    inline styles: exactly `layout.actor_area` wide and `page.height` tall (mm), its row lines at
    the page's row borders, so that it lines up with table rows of `page.row_heights`."""
    drawing = _inline_styles(flowchart_svg(sop, page))
    width, height = _f(page.layout.actor_area), _f(page.height)
    background = f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>'
    head, _, rest = drawing.partition(">")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}>{background}{rest}'
