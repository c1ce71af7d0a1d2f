"""The run state and trail actions are versioned; older versions load through explicit upgrades."""

import json
from pathlib import Path

import pytest

from alur.core import engine
from alur.core.engine_format import ACTION_VERSION, STATE_VERSION, upgrade_action, upgrade_state
from alur.core.errors import ValidationError
from alur.core.sop.model import Sop

V1 = json.loads((Path(__file__).parent / "fixtures" / "engine_state_v1.json").read_text())


def test_a_version_1_state_and_action_log_load_and_replay():
    sop = Sop.from_dict(V1["sop"])
    actions = [engine.action_from_dict(a) for a in V1["actions"]]
    replayed = engine.replay(sop, actions)
    assert replayed == engine.RunState.from_dict(V1["state"])
    # The upgraded run goes on: the reassigned task 8 (step 3, second iteration) is completed.
    action = engine.Complete(task_id=8, actor="Staf", at="2026-03-02T09:10:00+07:00")
    state, events = engine.apply(sop, replayed, action)
    assert [e.type for e in events] == ["task_completed", "task_opened", "task_opened", "task_opened"]


def test_dicts_written_today_carry_their_version():
    sop = Sop.from_dict(V1["sop"])
    action = engine.action_from_dict(V1["actions"][0])
    state, _ = engine.apply(sop, None, action)
    assert state.to_dict()["v"] == STATE_VERSION
    assert engine.action_to_dict(action)["v"] == ACTION_VERSION
    assert engine.RunState.from_dict(state.to_dict()) == state


def test_a_dict_without_version_is_version_1_and_is_upgraded():
    assert "v" not in V1["state"]
    assert upgrade_state(V1["state"])["v"] == STATE_VERSION
    assert upgrade_action(V1["actions"][0])["v"] == ACTION_VERSION


@pytest.mark.parametrize("version", [0, "2", True, STATE_VERSION + 1])
def test_unknown_versions_are_refused_with_a_message(version):
    with pytest.raises(ValidationError) as info:
        upgrade_state({**V1["state"], "v": version})
    assert "format status alur" in info.value.message.lower() or "versi" in info.value.message.lower()
