import json

import pytest

from alur.core.engine import (
    Cancel,
    Complete,
    Decide,
    EngineError,
    Reassign,
    RunState,
    Start,
    action_from_dict,
    action_to_dict,
    apply,
    open_tasks,
    replay,
    task,
)
from alur.core.errors import ValidationError
from alur.core.sop.model import Act, Sop, Step, StepKind

KADIS, SEKRE, KASUB, STAF, KABID = "Kepala Dinas", "Sekretaris", "Kasubbag PPMEP", "Staf", "Kabid"
PEOPLE = {KADIS: "u-kadis", SEKRE: "u-sekre", KASUB: "u-kasub", STAF: "u-staf", KABID: "u-kabid"}

SOP = Sop(
    nomor="800/01/SOP/2026",
    nama="Penyusunan IKU",
    actors=(KADIS, SEKRE, KASUB, STAF, KABID),
    steps=(
        Step(1, "Memberi disposisi", StepKind.TERMINATOR, (KADIS,), Act.DISPOSISI),
        Step(2, "Menelaah dan memerintahkan Kasubbag", actors=(SEKRE,), act=Act.DISPOSISI),
        Step(3, "Menyusun konsep IKU", actors=(STAF,), act=Act.KERJA),
        Step(4, "Rapat koordinasi", actors=(KASUB, KABID, STAF), act=Act.KOORDINASI),
        Step(5, "Memeriksa konsep", StepKind.DECISION, (KADIS,), Act.PERIKSA, next_yes=6, next_no=3),
        Step(
            6,
            "Mengagendakan dan mengarsipkan",
            StepKind.TERMINATOR,
            (STAF,),
            Act.ARSIP,
            sop_links=("SOP Pengagendaan surat keluar", "SOP Caraka"),
        ),
    ),
)


def run(*actions):
    state = None
    events = []
    for action in actions:
        state, new = apply(SOP, state, action)
        events.extend(new)
    return state, events


def only_open(state):
    tasks = open_tasks(state)
    assert len(tasks) == 1, tasks
    return tasks[0]


def complete(state, t=None, at=""):
    t = t or only_open(state)
    return apply(SOP, state, Complete(t.id, t.actor, PEOPLE, at=at))


def to_decision(at_prefix="t"):
    state, _ = apply(SOP, None, Start(PEOPLE, at="2026-08-10T08:00:00+07:00"))
    for _ in range(2):  # steps 1, 2
        state, _ = complete(state)
    state, _ = complete(state)  # step 3
    for t in open_tasks(state):  # step 4, three actors
        state, _ = complete(state, t)
    return state


# -- start --------------------------------------------------------------------------------------


def test_start_opens_step_one():
    state, events = apply(SOP, None, Start(PEOPLE, at="2026-08-10T08:00:00+07:00"))
    assert state.status == "berjalan"
    assert state.next_task_id == 2
    (t,) = state.tasks
    expected = (1, 1, KADIS, 1, "terbuka", "u-kadis")
    assert (t.id, t.step_no, t.actor, t.iteration, t.status, t.assignee) == expected
    assert t.opened_at == "2026-08-10T08:00:00+07:00"
    assert [e.type for e in events] == ["run_started", "task_opened"]
    assert events[0].data["assignees"] == PEOPLE
    assert all(e.at == "2026-08-10T08:00:00+07:00" for e in events)


def test_start_twice_is_rejected():
    state, _ = apply(SOP, None, Start(PEOPLE))
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Start(PEOPLE))
    assert err.value.code == "run_already_started"
    assert isinstance(err.value, ValidationError)


def test_action_before_start_is_rejected():
    with pytest.raises(EngineError) as err:
        apply(SOP, None, Complete(1, KADIS))
    assert err.value.code == "run_not_started"


def test_missing_assignee_gives_unassigned_task():
    state, _ = apply(SOP, None, Start({}))
    assert state.tasks[0].assignee is None


def test_empty_sop_cannot_start():
    with pytest.raises(EngineError) as err:
        apply(Sop(nomor="x", nama="x"), None, Start({}))
    assert err.value.code == "empty_sop"


# -- complete -----------------------------------------------------------------------------------


def test_complete_opens_successor():
    state, _ = apply(SOP, None, Start(PEOPLE))
    state, events = apply(SOP, state, Complete(1, KADIS, PEOPLE, at="a2"))
    assert task(state, 1).status == "selesai"
    assert task(state, 1).closed_at == "a2"
    t = only_open(state)
    assert (t.id, t.step_no, t.actor, t.assignee, t.opened_at) == (2, 2, SEKRE, "u-sekre", "a2")
    assert [e.type for e in events] == ["task_completed", "task_opened"]
    assert events[0].task_id == 1 and events[0].actor == KADIS
    assert events[1].data == {"iteration": 1, "reason": "", "sop_links": []}


def test_completed_task_cannot_be_completed_again():
    state, _ = apply(SOP, None, Start(PEOPLE))
    state, _ = apply(SOP, state, Complete(1, KADIS, PEOPLE))
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Complete(1, KADIS, PEOPLE))
    assert err.value.code == "task_not_open"
    assert err.value.message == "Tugas sudah diselesaikan."


def test_wrong_actor_is_rejected():
    state, _ = apply(SOP, None, Start(PEOPLE))
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Complete(1, STAF, PEOPLE))
    assert err.value.code == "wrong_actor"
    assert "Kepala Dinas" in err.value.message
    assert only_open(state).id == 1  # state untouched


def test_unknown_task_is_rejected():
    state, _ = apply(SOP, None, Start(PEOPLE))
    for bad in (0, 2, 99, -1):
        with pytest.raises(EngineError) as err:
            apply(SOP, state, Complete(bad, KADIS, PEOPLE))
        assert err.value.code == "unknown_task"
    with pytest.raises(EngineError):
        task(state, 5)


def test_multi_actor_step_waits_for_every_actor():
    state, _ = run(Start(PEOPLE), Complete(1, KADIS, PEOPLE), Complete(2, SEKRE, PEOPLE))
    state, _ = complete(state)  # step 3
    meeting = open_tasks(state)
    assert [(t.step_no, t.actor) for t in meeting] == [(4, KASUB), (4, KABID), (4, STAF)]
    state, events = complete(state, meeting[1])
    assert [e.type for e in events] == ["task_completed"]
    assert len(open_tasks(state)) == 2
    state, _ = complete(state, meeting[0])
    with pytest.raises(EngineError):  # a finished part cannot be finished twice
        complete(state, meeting[0])
    state, events = complete(state, meeting[2])
    assert [e.type for e in events] == ["task_completed", "task_opened"]
    assert only_open(state).step_no == 5


def test_complete_on_decision_is_rejected():
    state = to_decision()
    t = only_open(state)
    assert t.step_no == 5
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Complete(t.id, KADIS, PEOPLE))
    assert err.value.code == "must_decide"


def test_decide_on_non_decision_is_rejected():
    state, _ = apply(SOP, None, Start(PEOPLE))
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Decide(1, KADIS, True))
    assert err.value.code == "not_a_decision"


# -- decisions ----------------------------------------------------------------------------------


def test_tidak_requires_reason():
    state = to_decision()
    t = only_open(state)
    for reason in ("", "   "):
        with pytest.raises(EngineError) as err:
            apply(SOP, state, Decide(t.id, KADIS, False, reason, PEOPLE))
        assert err.value.code == "reason_required"


def test_tidak_loops_back_with_reason_and_new_iteration():
    state = to_decision()
    decision = only_open(state)
    state, events = apply(
        SOP, state, Decide(decision.id, KADIS, False, "Target belum realistis", PEOPLE, at="d1")
    )
    assert task(state, decision.id).outcome == "tidak"
    assert task(state, decision.id).status == "selesai"
    back = only_open(state)
    assert (back.step_no, back.actor, back.iteration, back.reason) == (3, STAF, 2, "Target belum realistis")
    assert [e.type for e in events] == ["decided", "task_opened"]
    assert events[0].data["outcome"] == "tidak" and events[0].data["reason"] == "Target belum realistis"
    assert events[1].data["iteration"] == 2 and events[1].data["reason"] == "Target belum realistis"

    # Second round: the meeting is iteration 2, the next decision iteration 2; loop once more.
    state, _ = complete(state)
    meeting = open_tasks(state)
    assert {t.iteration for t in meeting} == {2}
    for t in meeting:
        state, _ = complete(state, t)
    decision = only_open(state)
    assert decision.iteration == 2 and decision.reason == ""
    state, _ = apply(SOP, state, Decide(decision.id, KADIS, False, "Masih kurang", PEOPLE))
    assert only_open(state).iteration == 3
    assert only_open(state).reason == "Masih kurang"


def test_ya_moves_on_and_finishes():
    state = to_decision()
    decision = only_open(state)
    state, events = apply(SOP, state, Decide(decision.id, KADIS, True, "", PEOPLE))
    assert task(state, decision.id).outcome == "ya"
    last = only_open(state)
    assert last.step_no == 6
    assert events[-1].data["sop_links"] == ["SOP Pengagendaan surat keluar", "SOP Caraka"]
    state, events = complete(state, at="end")
    assert state.status == "selesai"
    assert open_tasks(state) == ()
    assert [e.type for e in events] == ["task_completed", "run_finished"]
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Cancel("terlambat"))
    assert err.value.code == "run_finished"
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Complete(last.id, STAF))
    assert err.value.code == "run_finished"


def test_multi_actor_decision():
    sop = Sop(
        nomor="x",
        nama="Reviu bersama",
        actors=("A", "B"),
        steps=(
            Step(1, "Menyusun", actors=("A",)),
            Step(2, "Memeriksa", StepKind.DECISION, ("A", "B"), Act.PERIKSA, next_yes=3, next_no=1),
            Step(3, "Selesai", StepKind.TERMINATOR, ("B",)),
        ),
    )
    state, _ = apply(sop, None, Start({}))
    state, _ = apply(sop, state, Complete(1, "A"))
    a, b = open_tasks(state)
    state, events = apply(sop, state, Decide(a.id, "A", True))
    assert [e.type for e in events] == ["decided"]
    assert open_tasks(state) == (b,)
    state, _ = apply(sop, state, Decide(b.id, "B", True))
    assert only_open(state).step_no == 3

    # A Tidak from either actor sends the work back at once and cancels the other decision task.
    state, _ = apply(sop, None, Start({}))
    state, _ = apply(sop, state, Complete(1, "A"))
    a, b = open_tasks(state)
    state, events = apply(sop, state, Decide(b.id, "B", False, "Perbaiki tabel"))
    assert task(state, a.id).status == "dibatalkan"
    assert events[0].data["cancelled_task_ids"] == [a.id]
    back = only_open(state)
    assert (back.step_no, back.iteration, back.reason) == (1, 2, "Perbaiki tabel")


def test_decision_without_tidak_branch():
    sop = Sop(
        nomor="x",
        nama="x",
        steps=(
            Step(1, "Periksa", StepKind.DECISION, ("A",), next_yes=None, next_no=None),
            Step(2, "Arsip", actors=("B",)),
        ),
    )
    state, _ = apply(sop, None, Start({}))
    with pytest.raises(EngineError) as err:
        apply(sop, state, Decide(1, "A", False, "salah"))
    assert err.value.code == "no_tidak_branch"
    state, _ = apply(sop, state, Decide(1, "A", True))  # Ya falls through to the next step
    assert only_open(state).step_no == 2


# -- reassign / cancel --------------------------------------------------------------------------


def test_reassign():
    state, _ = apply(SOP, None, Start(PEOPLE))
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Reassign(1, "u-plt", ""))
    assert err.value.code == "reason_required"
    state, events = apply(SOP, state, Reassign(1, "u-plt", "Kepala Dinas cuti; Plt. menggantikan", at="r"))
    assert task(state, 1).assignee == "u-plt"
    assert task(state, 1).status == "terbuka"
    (event,) = events
    assert event.type == "task_reassigned"
    assert event.assignee == "u-plt"
    assert event.data == {"from": "u-kadis", "reason": "Kepala Dinas cuti; Plt. menggantikan"}
    state, _ = apply(SOP, state, Complete(1, KADIS, PEOPLE))
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Reassign(1, "u-x", "alasan"))
    assert err.value.code == "task_not_open"


def test_cancel_closes_open_tasks():
    state, _ = run(Start(PEOPLE), Complete(1, KADIS, PEOPLE), Complete(2, SEKRE, PEOPLE))
    state, _ = complete(state)
    assert len(open_tasks(state)) == 3
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Cancel(" "))
    assert err.value.code == "reason_required"
    state, events = apply(SOP, state, Cancel("Kegiatan ditunda", at="c"))
    assert state.status == "dibatalkan"
    assert open_tasks(state) == ()
    assert [t.status for t in state.tasks] == ["selesai"] * 3 + ["dibatalkan"] * 3
    assert events[0].type == "run_cancelled"
    assert events[0].data == {"reason": "Kegiatan ditunda", "task_ids": [4, 5, 6]}
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Complete(4, KASUB))
    assert err.value.code == "run_cancelled"
    with pytest.raises(EngineError) as err:
        apply(SOP, state, Start(PEOPLE))
    assert err.value.code == "run_already_started"


# -- storage and replay -------------------------------------------------------------------------


def test_state_round_trips_through_json():
    state = to_decision()
    state, _ = apply(SOP, state, Decide(only_open(state).id, KADIS, False, "Revisi", PEOPLE))
    data = json.loads(json.dumps(state.to_dict()))
    assert RunState.from_dict(data) == state


def test_events_serialise():
    _, events = run(Start(PEOPLE, at="x"), Complete(1, KADIS, PEOPLE, at="y"))
    dumped = json.loads(json.dumps([e.to_dict() for e in events]))
    assert dumped[-1]["type"] == "task_opened"
    assert dumped[-1]["at"] == "y"


def test_replay_and_action_dicts():
    actions = [
        Start(PEOPLE, at="1"),
        Complete(1, KADIS, PEOPLE, at="2"),
        Reassign(2, "u-plh", "Plh", at="3"),
        Complete(2, SEKRE, PEOPLE, at="4"),
        Complete(3, STAF, PEOPLE, at="5"),
        Complete(4, KASUB, PEOPLE, at="6"),
        Complete(5, KABID, PEOPLE, at="7"),
        Complete(6, STAF, PEOPLE, at="8"),
        Decide(7, KADIS, False, "Revisi target", PEOPLE, at="9"),
    ]
    state, _ = run(*actions)
    assert replay(SOP, actions) == state
    stored = json.loads(json.dumps([action_to_dict(a) for a in actions]))
    restored = [action_from_dict(d) for d in stored]
    assert restored == actions
    assert replay(SOP, restored) == state
    assert replay(SOP, []) is None
    with pytest.raises(EngineError):
        action_from_dict({"type": "lompat"})
