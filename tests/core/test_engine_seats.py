"""An actor column filled by several positions at once ("Bidang-Bidang Lain" → every Kabid): one task
per seat, the step waits for all of them, a decision needs every seat's Ya, and replay rebuilds it."""

import json

import pytest

from alur.core.engine import (
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
)
from alur.core.engine_format import upgrade_state
from alur.core.sop.model import Act, Sop, Step, StepKind

KASUB, BIDANG, KADIS = "Kasubbag PPMEP", "Bidang-Bidang Lain", "Kepala Dinas"
SEATS = [("pos-pm", "u-kabid-pm"), ("pos-pp", "u-kabid-pp")]
PEOPLE = {KASUB: "u-kasub", BIDANG: SEATS, KADIS: "u-kadis"}

SOP = Sop(
    nomor="800/02/SOP/2026",
    nama="Penyusunan Renja",
    actors=(KASUB, BIDANG, KADIS),
    steps=(
        Step(1, "Memerintahkan pengumpulan bahan", StepKind.TERMINATOR, (KASUB,), Act.DISPOSISI),
        Step(2, "Mengumpulkan bahan bersama bidang", actors=(KASUB, BIDANG), act=Act.KERJA),
        Step(3, "Bidang memeriksa rancangan", StepKind.DECISION, (BIDANG,), Act.PERIKSA, next_yes=4, next_no=2),
        Step(4, "Menandatangani", StepKind.TERMINATOR, (KADIS,), Act.TANDA_TANGAN),
    ),
)


def play(*actions):
    state, events = None, []
    for action in actions:
        state, new = apply(SOP, state, action)
        events.extend(new)
    return state, events


def started_to_step_2():
    state, _ = play(Start(PEOPLE, at="t0"))
    (first,) = open_tasks(state)
    state, events = apply(SOP, state, Complete(first.id, KASUB, PEOPLE, at="t1"))
    return state, events


def test_a_column_of_several_positions_opens_one_task_per_seat_with_its_assignee():
    state, events = started_to_step_2()
    opened = [(t.actor, t.seat, t.assignee) for t in open_tasks(state)]
    assert opened == [(KASUB, None, "u-kasub"), (BIDANG, "pos-pm", "u-kabid-pm"), (BIDANG, "pos-pp", "u-kabid-pp")]
    seats = [e.data.get("seat") for e in events if e.type == "task_opened"]
    assert seats == [None, "pos-pm", "pos-pp"]


def test_the_step_completes_only_when_every_seat_is_done():
    state, _ = started_to_step_2()
    kasub, pm, pp = open_tasks(state)
    state, _ = apply(SOP, state, Complete(kasub.id, KASUB, PEOPLE, at="t2"))
    state, events = apply(SOP, state, Complete(pm.id, BIDANG, PEOPLE, at="t3"))
    assert [e.type for e in events] == ["task_completed"]  # Kabid PP still works on it
    assert [t.id for t in open_tasks(state)] == [pp.id]
    state, events = apply(SOP, state, Complete(pp.id, BIDANG, PEOPLE, at="t4"))
    assert [(t.step_no, t.seat) for t in open_tasks(state)] == [(3, "pos-pm"), (3, "pos-pp")]


def test_a_review_by_several_seats_needs_every_ya_and_one_tidak_sends_it_back():
    state, _ = started_to_step_2()
    for t in open_tasks(state):
        state, _ = apply(SOP, state, Complete(t.id, t.actor, PEOPLE, at="t2"))
    pm, pp = open_tasks(state)
    approved, _ = apply(SOP, state, Decide(pm.id, BIDANG, True, at="t3"))
    assert [t.id for t in open_tasks(approved)] == [pp.id]
    done, _ = apply(SOP, approved, Decide(pp.id, BIDANG, True, assignees=PEOPLE, at="t4"))
    assert [(t.step_no, t.assignee) for t in open_tasks(done)] == [(4, "u-kadis")]

    back, events = apply(SOP, approved, Decide(pp.id, BIDANG, False, reason="Pagu bidang PP keliru",
                                                   assignees=PEOPLE, at="t4"))
    reopened = open_tasks(back)
    assert {(t.step_no, t.seat, t.iteration, t.reason) for t in reopened} == {
        (2, None, 2, "Pagu bidang PP keliru"), (2, "pos-pm", 2, "Pagu bidang PP keliru"),
        (2, "pos-pp", 2, "Pagu bidang PP keliru")}


def test_a_tidak_cancels_the_other_seats_open_review():
    state, _ = started_to_step_2()
    for t in open_tasks(state):
        state, _ = apply(SOP, state, Complete(t.id, t.actor, PEOPLE, at="t2"))
    pm, pp = open_tasks(state)
    state, events = apply(SOP, state, Decide(pm.id, BIDANG, False, reason="Data PM belum lengkap", at="t3"))
    assert events[0].data["cancelled_task_ids"] == [pp.id]


def test_replay_from_the_stored_action_log_rebuilds_the_parallel_tasks():
    actions = [Start(PEOPLE, at="t0")]
    state, _ = play(*actions)
    for _round in range(3):
        for t in open_tasks(state):
            if t.step_no == 3:
                action = Decide(t.id, t.actor, True, assignees=PEOPLE, at="t9")
            else:
                action = Complete(t.id, t.actor, PEOPLE, at="t9")
            actions.append(action)
            state, _ = apply(SOP, state, action)
    actions.append(Reassign(open_tasks(state)[0].id, "u-other", "cuti", at="t10") if open_tasks(state) else None)
    actions = [a for a in actions if a is not None]
    stored = [json.loads(json.dumps(action_to_dict(a))) for a in actions]  # as the trail keeps them
    rebuilt = replay(SOP, [action_from_dict(a) for a in stored])
    assert rebuilt == replay(SOP, actions)
    assert RunState.from_dict(json.loads(json.dumps(rebuilt.to_dict()))) == rebuilt
    assert any(t.seat == "pos-pp" for t in rebuilt.tasks)
    assert stored[0]["assignees"][BIDANG] == [["pos-pm", "u-kabid-pm"], ["pos-pp", "u-kabid-pp"]]


def test_a_reassigned_seat_task_keeps_its_seat():
    state, _ = started_to_step_2()
    pp = open_tasks(state)[2]
    state, _ = apply(SOP, state, Reassign(pp.id, "u-plh", "Kabid PP cuti", at="t2"))
    moved = open_tasks(state)[2]
    assert (moved.seat, moved.assignee) == ("pos-pp", "u-plh")


def test_a_vacant_seat_still_gets_its_task_without_assignee():
    people = {**PEOPLE, BIDANG: [("pos-pm", "u-kabid-pm"), ("pos-pp", None)]}
    state, _ = play(Start(people, at="t0"))
    state, _ = apply(SOP, state, Complete(open_tasks(state)[0].id, KASUB, people, at="t1"))
    assert [(t.seat, t.assignee) for t in open_tasks(state) if t.actor == BIDANG] == [
        ("pos-pm", "u-kabid-pm"), ("pos-pp", None)]


@pytest.mark.parametrize("seats", [[], [("pos-pm", "a"), ("pos-pm", "b")], [("", "a")], [("pos", 3)], ["x"]])
def test_bad_seat_lists_are_refused_and_leave_the_state_unchanged(seats):
    state, _ = play(Start(PEOPLE, at="t0"))
    first = open_tasks(state)[0]
    with pytest.raises(EngineError) as info:
        apply(SOP, state, Complete(first.id, KASUB, {**PEOPLE, BIDANG: seats}, at="t1"))
    assert info.value.code == "bad_seats"
    assert "Bidang-Bidang Lain" in info.value.message
    assert open_tasks(state) == (first,)


def test_a_version_2_state_reads_with_no_seats():
    state, _ = started_to_step_2()
    old = state.to_dict()
    old = {**old, "v": 2, "tasks": [{k: v for k, v in t.items() if k != "seat"} for t in old["tasks"]]}
    upgraded = upgrade_state(old)
    assert upgraded["v"] == 3 and all(t["seat"] is None for t in upgraded["tasks"])
    assert all(t.seat is None for t in RunState.from_dict(old).tasks)
