"""Export an SOP as BPMN 2.0 XML, with diagram interchange, for bpmn.io / Camunda Modeler and for
SpiffWorkflow.

Mapping: one pool (participant) holding one process; one lane per actor column; startEvent ->
one userTask per step, in the lane of the step's first actor (name = Kegiatan, documentation =
Mutu Baku and the other actors) -> endEvent. After each decision step's userTask stands an
exclusiveGateway whose "Ya" and "Tidak" flows carry conditions for SpiffWorkflow's Python script
engine: ``keputusan == "ya"`` and ``keputusan == "tidak"``; the decision task must set the task
data variable ``keputusan`` (see `DECISION_VARIABLE`).

Layout: every flow node gets its own column (left to right in step order), so vertical connector
segments never cross a node; back edges (the "Tidak" loop) run along the bottom of the lower of
the two lanes, forward jumps along the top of the upper one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from alur.core.sop.model import Sop, Step

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

DECISION_VARIABLE = "keputusan"
YES, NO = "ya", "tidak"
UNKNOWN_LANE = "Pelaksana belum ditentukan"

POOL_X, POOL_Y = 160, 80
POOL_HEADER = 30
LANE_H = 130
COL_W = 150
FIRST_COL_X = POOL_X + POOL_HEADER + 40
TASK_W, TASK_H = 100, 80
GATEWAY = 50
EVENT = 36


def condition(answer: str) -> str:
    """The conditionExpression of a decision exit, for SpiffWorkflow's Python engine."""
    return f'{DECISION_VARIABLE} == "{answer}"'


def _ncname(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return f"SOP_{slug}" if slug else "SOP"


@dataclass
class _Node:
    id: str
    kind: str  # startEvent | userTask | exclusiveGateway | endEvent
    name: str
    lane: int
    col: int
    step: Step | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)

    @property
    def size(self) -> tuple[int, int]:
        if self.kind == "userTask":
            return TASK_W, TASK_H
        if self.kind == "exclusiveGateway":
            return GATEWAY, GATEWAY
        return EVENT, EVENT

    def bounds(self) -> tuple[int, int, int, int]:
        w, h = self.size
        cx = FIRST_COL_X + self.col * COL_W + TASK_W // 2
        cy = POOL_Y + self.lane * LANE_H + LANE_H // 2
        return cx - w // 2, cy - h // 2, w, h

    @property
    def center(self) -> tuple[int, int]:
        x, y, w, h = self.bounds()
        return x + w // 2, y + h // 2


@dataclass
class _Flow:
    id: str
    source: _Node
    target: _Node
    name: str = ""
    condition: str = ""


def _documentation(step: Step, lanes: list[str]) -> str:
    parts = [
        f"Kelengkapan: {step.kelengkapan or '-'}",
        f"Waktu: {step.waktu or '-'}",
        f"Output: {step.output or '-'}",
    ]
    text = "Mutu Baku - " + "; ".join(parts) + "."
    if step.keterangan:
        text += f" Keterangan: {step.keterangan}."
    if len(step.actors) > 1:
        text += " Pelaksana: " + ", ".join(step.actors) + "."
    return text


def sop_to_bpmn(sop: Sop, process_id: str | None = None) -> str:
    """BPMN 2.0 XML (one collaboration, one process with lanes, and its diagram) of `sop`."""
    process_id = process_id or _ncname(sop.nama or sop.nomor)
    steps = sorted(sop.steps, key=lambda s: s.no)
    lanes = list(sop.actors)

    def lane_of(step: Step) -> int:
        for actor in step.actors:
            if actor in lanes:
                return lanes.index(actor)
        if UNKNOWN_LANE not in lanes:
            lanes.append(UNKNOWN_LANE)
        return lanes.index(UNKNOWN_LANE)

    step_lanes = {s.no: lane_of(s) for s in steps}
    if not lanes:
        lanes.append(UNKNOWN_LANE)

    nodes: list[_Node] = []
    col = 0
    first_lane = step_lanes[steps[0].no] if steps else 0
    start = _Node("StartEvent_1", "startEvent", "Mulai", first_lane, col)
    nodes.append(start)
    tasks: dict[int, _Node] = {}
    gateways: dict[int, _Node] = {}
    for step in steps:
        col += 1
        tasks[step.no] = _Node(f"Task_{step.no}", "userTask", step.kegiatan, step_lanes[step.no], col, step)
        nodes.append(tasks[step.no])
        if step.is_decision:
            col += 1
            gateways[step.no] = _Node(
                f"Gateway_{step.no}", "exclusiveGateway", "Disetujui?", step_lanes[step.no], col, step
            )
            nodes.append(gateways[step.no])
    col += 1
    end_lane = step_lanes[steps[-1].no] if steps else 0
    end = _Node("EndEvent_1", "endEvent", "Selesai", end_lane, col)
    nodes.append(end)

    flows: list[_Flow] = []

    def flow(source: _Node, target: _Node, name: str = "", cond: str = "") -> None:
        suffix = f"_{name.lower()}" if name else ""
        flows.append(_Flow(f"Flow_{source.id}_{target.id}{suffix}", source, target, name, cond))

    flow(start, tasks[steps[0].no] if steps else end)
    for step in steps:
        task = tasks[step.no]
        if step.is_decision:
            gateway = gateways[step.no]
            flow(task, gateway)
            for target, label, answer in ((step.next_yes, "Ya", YES), (step.next_no, "Tidak", NO)):
                flow(gateway, tasks.get(target, end) if target is not None else end, label, condition(answer))
        else:
            following = sop.successors(step.no)
            flow(task, tasks[following[0]] if following and following[0] in tasks else end)

    for node in nodes:
        node.incoming = [f.id for f in flows if f.target is node]
        node.outgoing = [f.id for f in flows if f.source is node]

    return _write(sop, process_id, lanes, nodes, flows)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _waypoints(f: _Flow, lanes: int) -> list[tuple[int, int]]:
    sx, sy, sw, sh = f.source.bounds()
    tx, ty, tw, th = f.target.bounds()
    scx, scy = f.source.center
    tcx, tcy = f.target.center
    if f.target.col == f.source.col + 1:
        if f.source.lane == f.target.lane:
            return [(sx + sw, scy), (tx, tcy)]
        mid = (sx + sw + tx) // 2
        return [(sx + sw, scy), (mid, scy), (mid, tcy), (tx, tcy)]
    if f.target.col < f.source.col:
        low = max(f.source.lane, f.target.lane)
        y = POOL_Y + (low + 1) * LANE_H - 12
        return [(scx, sy + sh), (scx, y), (tcx, y), (tcx, ty + th)]
    high = min(f.source.lane, f.target.lane)
    y = POOL_Y + high * LANE_H + 12
    return [(scx, sy), (scx, y), (tcx, y), (tcx, ty)]


def _write(sop: Sop, process_id: str, lanes: list[str], nodes: list[_Node], flows: list[_Flow]) -> str:
    for prefix, ns in (("bpmn", BPMN), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI), ("xsi", XSI)):
        ET.register_namespace(prefix, ns)
    defs = ET.Element(
        _q(BPMN, "definitions"),
        {"id": "Definitions_1", "targetNamespace": "http://bpmn.io/schema/bpmn", "exporter": "Alur",
         "exporterVersion": "1"},
    )
    collab = ET.SubElement(defs, _q(BPMN, "collaboration"), {"id": "Collaboration_1"})
    pool_name = f"SOP {sop.nama}".strip()
    ET.SubElement(collab, _q(BPMN, "participant"),
                  {"id": "Participant_1", "name": pool_name, "processRef": process_id})
    process = ET.SubElement(defs, _q(BPMN, "process"),
                            {"id": process_id, "name": sop.nama or process_id, "isExecutable": "true"})
    if sop.nomor:
        ET.SubElement(process, _q(BPMN, "documentation")).text = f"Nomor SOP: {sop.nomor}"
    lane_set = ET.SubElement(process, _q(BPMN, "laneSet"), {"id": "LaneSet_1"})
    for i, name in enumerate(lanes):
        lane = ET.SubElement(lane_set, _q(BPMN, "lane"), {"id": f"Lane_{i + 1}", "name": name})
        for node in nodes:
            if node.lane == i:
                ET.SubElement(lane, _q(BPMN, "flowNodeRef")).text = node.id
    for node in nodes:
        el = ET.SubElement(process, _q(BPMN, node.kind), {"id": node.id, "name": node.name})
        if node.kind == "userTask" and node.step is not None:
            ET.SubElement(el, _q(BPMN, "documentation")).text = _documentation(node.step, lanes)
        for ref in node.incoming:
            ET.SubElement(el, _q(BPMN, "incoming")).text = ref
        for ref in node.outgoing:
            ET.SubElement(el, _q(BPMN, "outgoing")).text = ref
    for f in flows:
        attrs = {"id": f.id, "sourceRef": f.source.id, "targetRef": f.target.id}
        if f.name:
            attrs["name"] = f.name
        el = ET.SubElement(process, _q(BPMN, "sequenceFlow"), attrs)
        if f.condition:
            cond = ET.SubElement(el, _q(BPMN, "conditionExpression"),
                                 {_q(XSI, "type"): "bpmn:tFormalExpression"})
            cond.text = f.condition

    # -- diagram interchange --
    diagram = ET.SubElement(defs, _q(BPMNDI, "BPMNDiagram"), {"id": "BPMNDiagram_1"})
    plane = ET.SubElement(
        diagram, _q(BPMNDI, "BPMNPlane"), {"id": "BPMNPlane_1", "bpmnElement": "Collaboration_1"}
    )
    max_col = max((n.col for n in nodes), default=0)
    pool_w = FIRST_COL_X - POOL_X + (max_col + 1) * COL_W
    _shape(plane, "Participant_1", (POOL_X, POOL_Y, pool_w, LANE_H * len(lanes)), horizontal=True)
    for i in range(len(lanes)):
        _shape(plane, f"Lane_{i + 1}",
               (POOL_X + POOL_HEADER, POOL_Y + i * LANE_H, pool_w - POOL_HEADER, LANE_H), horizontal=True)
    for node in nodes:
        shape = _shape(plane, node.id, node.bounds())
        if node.kind == "exclusiveGateway":
            shape.set("isMarkerVisible", "true")
        if node.kind in ("startEvent", "endEvent", "exclusiveGateway"):
            x, y, w, h = node.bounds()
            label = ET.SubElement(shape, _q(BPMNDI, "BPMNLabel"))
            ET.SubElement(label, _q(DC, "Bounds"), _bounds_attrs((x - 20, y + h + 4, w + 40, 14)))
    for f in flows:
        edge = ET.SubElement(plane, _q(BPMNDI, "BPMNEdge"), {"id": f"{f.id}_di", "bpmnElement": f.id})
        points = _waypoints(f, len(lanes))
        for x, y in points:
            ET.SubElement(edge, _q(DI, "waypoint"), {"x": str(x), "y": str(y)})
        if f.name:
            (x0, y0), (x1, y1) = points[0], points[1]
            label = ET.SubElement(edge, _q(BPMNDI, "BPMNLabel"))
            ET.SubElement(label, _q(DC, "Bounds"),
                          _bounds_attrs((min(x0, x1) + 4, min(y0, y1) - 16, 34, 14)))
    ET.indent(defs, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(defs, encoding="unicode")


def _bounds_attrs(b: tuple[int, int, int, int]) -> dict[str, str]:
    x, y, w, h = b
    return {"x": str(x), "y": str(y), "width": str(w), "height": str(h)}


def _shape(plane, element_id: str, bounds, horizontal: bool = False):
    attrs = {"id": f"{element_id}_di", "bpmnElement": element_id}
    if horizontal:
        attrs["isHorizontal"] = "true"
    shape = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), attrs)
    ET.SubElement(shape, _q(DC, "Bounds"), _bounds_attrs(bounds))
    return shape
