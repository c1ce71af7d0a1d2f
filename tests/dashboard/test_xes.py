"""The XES event log opens in a process-mining library and tells the SOP's own steps."""

import pytest
from django.urls import reverse

from alur.dashboard.exports import activity_name

pm4py = pytest.importorskip("pm4py")  # test-only dependency (pyproject [test])


def test_xes_loads_in_pm4py_and_discovers_the_sop_steps(history, renja, login, tmp_path):
    response = login("kadis").get(reverse("dashboard:event_log", args=["dpmptsp-tanjabbar", renja.pk, "xes"]))
    assert response.status_code == 200
    path = tmp_path / "renja.xes"
    path.write_bytes(b"".join(response.streaming_content))
    log = pm4py.read_xes(str(path))
    steps = {activity_name(step.no, step.kegiatan) for step in renja.current_revision().as_core().steps}
    finished = log[log["lifecycle:transition"] == "complete"]
    assert set(finished["concept:name"]) == steps
    assert set(log["lifecycle:transition"]) == {"start", "complete"}
    assert log["case:concept:name"].nunique() == renja.revisions.first().runs.count()
    net, initial, final = pm4py.discover_petri_net_inductive(finished)
    labels = {t.label for t in net.transitions if t.label is not None}
    assert labels == steps
    # a decision's "Tidak" is kept on the event
    assert "tidak" in set(finished["hasil"].dropna())
