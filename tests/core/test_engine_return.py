"""Returning the document from a paraf or signature step to the step that produced it (issue 9 #3)."""

import pytest

from alur.core.engine import (
    Complete,
    EngineError,
    Return,
    Start,
    action_from_dict,
    action_to_dict,
    apply,
    open_tasks,
    replay,
)
from alur.core.sop.model import Act, Sop, Step, StepKind

KADIS, SEKRE, STAF = "Kepala Dinas", "Sekretaris", "Staf"
PEOPLE = {KADIS: "u-kadis", SEKRE: "u-sekre", STAF: "u-staf"}
SOP = Sop(
    nomor="1", nama="Penyusunan X", actors=(KADIS, SEKRE, STAF),
    steps=(
        Step(1, "Disposisi", StepKind.TERMINATOR, (KADIS,), Act.DISPOSISI),
        Step(2, "Mengetik draf", actors=(STAF,), act=Act.KERJA),
        Step(3, "Memeriksa", StepKind.DECISION, (SEKRE,), Act.PERIKSA, next_yes=4, next_no=2),
        Step(4, "Memaraf", actors=(SEKRE,), act=Act.PARAF),
        Step(5, "Menandatangani", actors=(KADIS,), act=Act.TANDA_TANGAN),
        Step(6, "Mengarsipkan", StepKind.TERMINATOR, (STAF,), Act.ARSIP),
    ),
)


def at_paraf():
    actions = [Start(PEOPLE, "t0"), Complete(1, KADIS, PEOPLE, "t1"), Complete(2, STAF, PEOPLE, "t2")]
    from alur.core.engine import Decide

    actions.append(Decide(3, SEKRE, True, "", PEOPLE, "t3"))
    return replay(SOP, actions), actions


def test_return_from_paraf_reopens_the_producing_step_with_the_reason():
    state, _ = at_paraf()
    paraf = open_tasks(state)[0]
    assert paraf.step_no == 4
    state, events = apply(SOP, state, Return(paraf.id, SEKRE, 2, "Tabel 3 belum lengkap.", PEOPLE, "t4"))
    returned = next(t for t in state.tasks if t.id == paraf.id)
    assert returned.status == "selesai" and returned.outcome == "tidak"
    assert events[0].type == "returned" and events[0].data["to_step"] == 2
    (reopened,) = open_tasks(state)
    assert (reopened.step_no, reopened.iteration, reopened.reason, reopened.assignee) == (
        2, 2, "Tabel 3 belum lengkap.", "u-staf")


def test_return_needs_a_reason_and_an_earlier_step_and_is_not_for_decisions():
    state, _ = at_paraf()
    paraf = open_tasks(state)[0]
    for action, code in [
        (Return(paraf.id, SEKRE, 2, "  ", PEOPLE, "t4"), "reason_required"),
        (Return(paraf.id, SEKRE, 4, "x", PEOPLE, "t4"), "bad_return_target"),
        (Return(paraf.id, SEKRE, 9, "x", PEOPLE, "t4"), "bad_return_target"),
        (Return(paraf.id, KADIS, 2, "x", PEOPLE, "t4"), "wrong_actor"),
    ]:
        with pytest.raises(EngineError) as refused:
            apply(SOP, state, action)
        assert refused.value.code == code
    state = replay(SOP, [Start(PEOPLE, "t0"), Complete(1, KADIS, PEOPLE, "t1"), Complete(2, STAF, PEOPLE, "t2")])
    review = open_tasks(state)[0]
    with pytest.raises(EngineError) as refused:
        apply(SOP, state, Return(review.id, SEKRE, 2, "x", PEOPLE, "t3"))
    assert refused.value.code == "must_decide"


def test_a_return_replays_from_its_stored_form():
    state, actions = at_paraf()
    paraf = open_tasks(state)[0]
    action = Return(paraf.id, SEKRE, 2, "Perbaiki.", PEOPLE, "t4")
    stored = action_to_dict(action)
    assert stored["type"] == "return" and action_from_dict(stored) == action
    assert replay(SOP, [*actions, action_from_dict(stored)]) == apply(SOP, state, action)[0]
