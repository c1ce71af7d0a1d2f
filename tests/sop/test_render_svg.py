"""The flowchart drawn from the data: pagination, symbols, connectors, off-page connectors."""

import re
from dataclasses import replace

import pytest
from lxml import etree

from alur.core.sop.model import StepKind
from alur.sop.render.svg import (
    DIAMOND_HEIGHT,
    MIN_ROW,
    SYMBOL_HEIGHT,
    flow_layout,
    flow_pages,
    flowchart_row_svgs,
    flowchart_svg,
    flowchart_svg_document,
    page_body_height,
)
from tests.sop.render_samples import iku_sop, renja_sop

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str):
    return etree.fromstring(svg.encode("utf-8"))


def _nums(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", text)]


def _points(el) -> list[tuple[float, float]]:
    values = _nums(el.get("points"))
    return list(zip(values[::2], values[1::2], strict=True))


def test_iku_fits_one_page_and_breaks_with_connector_at_six():
    sop = iku_sop()
    (page,) = flow_pages(sop, steps_per_page=10)
    assert [s.no for s in page.steps] == list(range(1, 10))
    assert page.incoming == () and all(e.route in ("down", "lane") for e in page.edges)

    first, second = flow_pages(sop, steps_per_page=6)
    assert [s.no for s in first.steps] == [1, 2, 3, 4, 5, 6]
    assert [s.no for s in second.steps] == [7, 8, 9]
    (out,) = [e for e in first.edges if e.route == "off_bottom"]
    assert (out.src, out.dst, out.letter) == (6, 7, "A")
    assert second.incoming[0].letter == "A" and second.incoming[0].place == "top"
    assert first.bottom_zone and second.top_zone
    decision = {e.label: e for e in first.edges if e.src == 5}
    assert decision["Ya"].route == "down" and decision["Ya"].exit == "bottom"
    assert decision["Tidak"].route == "lane" and decision["Tidak"].dst == 4


def test_renja_breaks_across_pages_and_every_page_fits_a4():
    sop = renja_sop()
    pages = flow_pages(sop, steps_per_page=6)
    assert [[s.no for s in p.steps] for p in pages] == [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11]]
    for page in pages:
        assert page.height <= page_body_height(page.layout, last=page.is_last)
    # with no limit on steps, the A4 height still forces a break
    long = sop.with_steps(
        replace(s, kegiatan=s.kegiatan + (" dan seterusnya" * 12)) for s in sop.steps
    )
    pages = flow_pages(long, steps_per_page=50)
    assert len(pages) > 1
    assert all(p.height <= page_body_height(p.layout, last=p.is_last) for p in pages)
    assert sum(len(p.steps) for p in pages) == 11


def test_row_height_follows_the_longest_text():
    sop = iku_sop()
    longer = sop.with_steps(
        replace(s, output="Indikator Kinerja Utama yang sudah ditandatangani " * 4) if s.no == 2 else s
        for s in sop.steps
    )
    page = flow_pages(longer, steps_per_page=10)[0]
    assert page.row_heights[1] > MIN_ROW
    assert page.row_heights[2] == MIN_ROW


def test_symbols_sit_in_their_actor_columns():
    sop = iku_sop()
    (page,) = flow_pages(sop, steps_per_page=10)
    layout = page.layout
    root = _parse(flowchart_svg(sop, page))
    rects = root.findall(f"{SVG}rect[@class='sopfc-sym']")
    capsules = [r for r in rects if float(r.get("rx")) > 0]
    boxes = [r for r in rects if float(r.get("rx")) == 0]
    diamonds = root.findall(f"{SVG}polygon[@class='sopfc-sym']")
    assert len(capsules) == 2 and len(boxes) == 6 and len(diamonds) == 1
    centers = sorted(
        (float(r.get("y")), float(r.get("x")) + float(r.get("width")) / 2) for r in rects
    )
    expected_cols = {1: 0, 2: 1, 3: 2, 4: 4, 6: 1, 7: 0, 8: 0, 9: 4}
    xs = [x for _y, x in centers]
    assert xs == pytest.approx([layout.actor_center(expected_cols[n]) for n in (1, 2, 3, 4, 6, 7, 8, 9)])
    diamond_x = {x for x, _y in _points(diamonds[0])}
    assert round(layout.actor_center(3), 2) in diamond_x  # Tim Sakip
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "Ya" in labels and "Tidak" in labels


def test_connectors_join_symbols_bottom_to_top():
    sop = iku_sop()
    (page,) = flow_pages(sop, steps_per_page=10)
    layout = page.layout
    root = _parse(flowchart_svg(sop, page))
    lines = [_points(p) for p in root.iter(f"{SVG}polyline")]
    tops = dict(zip((s.no for s in page.steps), page.row_tops, strict=True))
    heights = dict(zip((s.no for s in page.steps), page.row_heights, strict=True))
    cols = {1: 0, 2: 1, 3: 2, 4: 4, 5: 3, 6: 1, 7: 0, 8: 0, 9: 4}

    def half(no):
        return (DIAMOND_HEIGHT if sop.step(no).kind == StepKind.DECISION else SYMBOL_HEIGHT) / 2

    def mid(no):
        return tops[no] + heights[no] / 2

    for a in range(1, 9):
        start = (layout.actor_center(cols[a]), mid(a) + half(a))
        end = (layout.actor_center(cols[a + 1]), mid(a + 1) - half(a + 1))
        assert any(
            abs(pl[0][0] - start[0]) < 0.01 and abs(pl[0][1] - start[1]) < 0.01
            and abs(pl[-1][0] - end[0]) < 0.01 and abs(pl[-1][1] - end[1]) < 0.01
            for pl in lines
        ), (a, start, end)
        # orthogonal: every segment is horizontal or vertical
    for pl in lines:
        for (x0, y0), (x1, y1) in zip(pl, pl[1:], strict=False):
            assert abs(x0 - x1) < 0.01 or abs(y0 - y1) < 0.01
    # the Tidak loop goes up from the diamond's right vertex to step 4's side
    loop = [pl for pl in lines if len(pl) == 4 and pl[-1][1] < pl[0][1]]
    assert len(loop) == 1
    assert abs(loop[0][-1][1] - mid(4)) < 0.01


def test_several_actors_are_drawn_in_each_column_and_joined():
    sop = renja_sop()
    first = flow_pages(sop, steps_per_page=6)[0]
    layout = first.layout
    root = _parse(flowchart_svg(sop, first))
    row5_top = first.row_tops[4]
    row5 = [
        r for r in root.findall(f"{SVG}rect[@class='sopfc-sym']")
        if row5_top < float(r.get("y")) < row5_top + first.row_heights[4]
    ]
    assert sorted(float(r.get("x")) + float(r.get("width")) / 2 for r in row5) == pytest.approx(
        [layout.actor_center(i) for i in (0, 1, 2, 4)]
    )
    assert len(root.findall(f"{SVG}line[@class='sopfc-join']")) == 2  # steps 3 and 5


def test_row_slices_tile_the_page():
    sop = renja_sop()
    for page in flow_pages(sop, steps_per_page=6):
        slices = flowchart_row_svgs(sop, page)
        assert len(slices) == len(page.steps)
        y = 0.0
        for svg, height in zip(slices, page.row_heights, strict=True):
            root = _parse(svg)
            _x, top, width, h = _nums(root.get("viewBox"))
            assert abs(top - y) < 0.01 and abs(h - height) < 0.01
            assert abs(width - page.layout.actor_area) < 0.01
            assert root.get("height") == f"{h:g}mm" or abs(float(root.get("height")[:-2]) - h) < 0.01
            y += height


def test_offpage_pentagons_are_lettered_on_both_pages():
    sop = renja_sop()
    first, second = flow_pages(sop, steps_per_page=6)
    for page in (first, second):
        texts = _parse(flowchart_svg(sop, page)).iter(f"{SVG}text")
        assert [t.text for t in texts if t.get("class") == "sopfc-letter"] == ["A"]


def test_jump_back_to_an_earlier_page_uses_side_connectors():
    sop = renja_sop()
    jumpy = sop.with_steps(
        replace(s, next_no=3) if s.no == 9 else s for s in sop.steps
    )
    first, second = flow_pages(jumpy, steps_per_page=6)
    side = [e for e in second.edges if e.route == "off_side"]
    assert len(side) == 1 and side[0].dst == 3 and side[0].letter == "B"
    assert [(i.dst, i.letter, i.place) for i in first.incoming] == [(3, "B", "side")]
    text1 = {t.text for t in _parse(flowchart_svg(jumpy, first)).iter(f"{SVG}text")}
    assert {"A", "B"} <= text1


def test_standalone_document_is_valid_svg_with_headers():
    sop = renja_sop()
    svg = flowchart_svg_document(sop)
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for actor in sop.actors:
        assert all(word in texts for word in actor.replace("-", "- ").split())
    assert "Kegiatan" in texts and "11." in texts
    # one drawing, no page breaks: no off-page connectors
    assert not [t for t in root.iter(f"{SVG}text") if t.get("class") == "sopfc-letter"]
    assert flow_layout(sop).actor_area > 0
