"""BPMN export: structure, diagram interchange, and a real run in SpiffWorkflow."""

from collections import Counter

from lxml import etree
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from alur.core.sop.bpmn import DECISION_VARIABLE, sop_to_bpmn
from tests.sop.render_samples import iku_sop, renja_sop

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}


def _tree(xml: str):
    return etree.fromstring(xml.encode("utf-8"))


def test_structure_counts_and_lanes():
    sop = iku_sop()
    root = _tree(sop_to_bpmn(sop, process_id="SOP_IKU"))
    process = root.find("bpmn:process", NS)
    assert process.get("id") == "SOP_IKU"
    assert root.find("bpmn:collaboration/bpmn:participant", NS).get("processRef") == "SOP_IKU"
    lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
    assert [lane.get("name") for lane in lanes] == list(sop.actors)
    tasks = process.findall("bpmn:userTask", NS)
    assert len(tasks) == 9
    assert [t.get("name") for t in tasks] == [s.kegiatan for s in sop.steps]
    assert len(process.findall("bpmn:startEvent", NS)) == 1
    assert len(process.findall("bpmn:endEvent", NS)) == 1
    assert len(process.findall("bpmn:exclusiveGateway", NS)) == 1
    flows = process.findall("bpmn:sequenceFlow", NS)
    # start->1, 1..4 -> next (4), 5->gateway, gateway->6 and ->4, 6..8 -> next (3), 9->end
    assert len(flows) == 1 + 4 + 1 + 2 + 3 + 1
    conditions = {f.get("name"): f.find("bpmn:conditionExpression", NS) for f in flows if f.get("name")}
    assert conditions["Ya"].text == f'{DECISION_VARIABLE} == "ya"'
    assert conditions["Tidak"].text == f'{DECISION_VARIABLE} == "tidak"'
    # each task sits in the lane of its first actor
    by_lane = {lane.get("name"): {r.text for r in lane.findall("bpmn:flowNodeRef", NS)} for lane in lanes}
    assert "Task_5" in by_lane["Tim Sakip"] and "Gateway_5" in by_lane["Tim Sakip"]
    assert {"Task_4", "Task_9"} <= by_lane["Staf"]
    doc = process.find("bpmn:userTask[@id='Task_9']/bpmn:documentation", NS).text
    assert "15 Menit" in doc and "Agenda surat keluar" in doc


def test_diagram_interchange_covers_everything():
    root = _tree(sop_to_bpmn(renja_sop()))
    process = root.find("bpmn:process", NS)
    shaped = {s.get("bpmnElement") for s in root.iterfind(".//bpmndi:BPMNShape", NS)}
    for tag in ("lane", "userTask", "startEvent", "endEvent", "exclusiveGateway"):
        for el in process.iterfind(f".//bpmn:{tag}", NS):
            assert el.get("id") in shaped, el.get("id")
    assert "Participant_1" in shaped
    edges = {e.get("bpmnElement"): e for e in root.iterfind(".//bpmndi:BPMNEdge", NS)}
    for flow in process.iterfind("bpmn:sequenceFlow", NS):
        assert len(edges[flow.get("id")].findall("di:waypoint", NS)) >= 2
    for bounds in root.iterfind(".//bpmndi:BPMNShape/dc:Bounds", NS):
        assert int(bounds.get("width")) > 0 and int(bounds.get("height")) > 0
    ids = Counter(el.get("id") for el in root.iter() if el.get("id"))
    assert max(ids.values()) == 1


def test_spiffworkflow_runs_it_with_one_correction_loop():
    sop = iku_sop()
    parser = BpmnParser()
    parser.add_bpmn_str(sop_to_bpmn(sop, process_id="SOP_IKU").encode("utf-8"))
    workflow = BpmnWorkflow(parser.get_spec("SOP_IKU"))
    workflow.do_engine_steps()
    done: list[str] = []
    decisions = 0
    for _ in range(50):
        if workflow.is_completed():
            break
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        assert len(ready) == 1, [t.task_spec.name for t in ready]
        task = ready[0]
        if task.task_spec.name == "Task_5":
            decisions += 1
            task.data[DECISION_VARIABLE] = "tidak" if decisions == 1 else "ya"
        task.run()
        done.append(task.task_spec.name)
        workflow.do_engine_steps()
    assert workflow.is_completed()
    assert done.count("Task_5") == 2
    assert done.count("Task_4") == 2
    assert done == [f"Task_{n}" for n in (1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9)]
