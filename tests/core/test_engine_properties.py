"""Property tests: random (valid and invalid) action sequences keep the run's invariants."""

import json
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.core.engine import (
    Cancel,
    Complete,
    Decide,
    EngineError,
    Reassign,
    RunState,
    Start,
    apply,
    open_tasks,
    replay,
)
from alur.core.sop.model import Act, Sop, Step, StepKind

ACTORS = ("Kepala Dinas", "Sekretaris", "Kasubbag", "Staf")

HAND_BUILT = Sop(
    nomor="1",
    nama="Penyusunan IKU",
    actors=ACTORS,
    steps=(
        Step(1, "Disposisi", StepKind.TERMINATOR, ("Kepala Dinas",), Act.DISPOSISI),
        Step(2, "Menelaah", actors=("Sekretaris",)),
        Step(3, "Menyusun", actors=("Staf",)),
        Step(4, "Rapat", actors=("Kasubbag", "Staf", "Sekretaris"), act=Act.KOORDINASI),
        Step(5, "Memeriksa", StepKind.DECISION, ("Kepala Dinas",), Act.PERIKSA, next_yes=6, next_no=3),
        Step(6, "Paraf", actors=("Sekretaris",), act=Act.PARAF),
        Step(7, "Tanda tangan", StepKind.DECISION, ("Kepala Dinas", "Sekretaris"), next_yes=8, next_no=6),
        Step(8, "Arsip", StepKind.TERMINATOR, ("Staf",), Act.ARSIP, sop_links=("SOP Caraka",)),
    ),
)


@st.composite
def sops(draw):
    count = draw(st.integers(1, 7))
    numbers = sorted(draw(st.sets(st.integers(1, 20), min_size=count, max_size=count)))
    steps = []
    for index, no in enumerate(numbers):
        actors = tuple(draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3, unique=True)))
        if index > 0 and draw(st.booleans()):
            later = numbers[index + 1 :]
            next_yes = draw(st.sampled_from([None, *later])) if later else None
            next_no = draw(st.sampled_from([None, *numbers[: index + 1]]))
            steps.append(
                Step(
                    no,
                    f"Periksa {no}",
                    StepKind.DECISION,
                    actors,
                    Act.PERIKSA,
                    next_yes=next_yes,
                    next_no=next_no,
                )
            )
        else:
            steps.append(Step(no, f"Kegiatan {no}", actors=actors))
    return Sop(nomor="gen", nama="generated", actors=ACTORS, steps=tuple(steps))


assignee_maps = st.dictionaries(st.sampled_from(ACTORS), st.sampled_from(["u1", "u2", "u3"]), max_size=4)
reasons = st.sampled_from(["", "  ", "Perbaiki", "Data kurang"])


@st.composite
def next_action(draw, sop, state):
    """A plausible action for `state`: mostly valid, often not."""
    at = f"t{draw(st.integers(0, 10_000))}"
    top = state.next_task_id + 1 if state else 3
    kind = draw(
        st.sampled_from(["valid"] * 8 + ["complete", "decide", "reassign", "reassign", "cancel", "start"])
    )
    if kind == "valid" and state is not None and open_tasks(state):
        t = draw(st.sampled_from(open_tasks(state)))
        step = sop.step(t.step_no)
        if step.is_decision:
            approve = draw(st.booleans())
            reason = "" if approve else draw(st.sampled_from(["Perbaiki", "Data kurang"]))
            return Decide(t.id, t.actor, approve, reason, draw(assignee_maps), at=at)
        return Complete(t.id, t.actor, draw(assignee_maps), at=at)
    if (kind == "valid" and state is None) or kind == "start":
        return Start(draw(assignee_maps), at=at)
    open_ids = [t.id for t in open_tasks(state)] if state is not None else []
    ids = st.integers(-1, top)
    task_id = draw(st.one_of(ids, st.sampled_from(open_ids)) if open_ids else ids)
    actor = draw(st.sampled_from(ACTORS))
    if kind == "complete" or kind == "valid":
        return Complete(task_id, actor, draw(assignee_maps), at=at)
    if kind == "decide":
        return Decide(task_id, actor, draw(st.booleans()), draw(reasons), draw(assignee_maps), at=at)
    if kind == "reassign":
        return Reassign(task_id, draw(st.sampled_from(["", "u9"])), draw(reasons), at=at)
    return Cancel(draw(reasons), at=at)


def check_invariants(sop, state):
    tasks = state.tasks
    assert [t.id for t in tasks] == list(range(1, len(tasks) + 1))
    assert state.next_task_id == len(tasks) + 1
    open_ = open_tasks(state)
    pairs = Counter((t.step_no, t.actor) for t in open_)
    assert all(n == 1 for n in pairs.values()), pairs
    assert len({t.step_no for t in open_}) <= 1  # one step at a time in these SOPs
    for t in tasks:
        assert t.actor in sop.step(t.step_no).actors
        assert t.status in ("terbuka", "selesai", "dibatalkan")
        assert (t.outcome is not None) == (t.status == "selesai" and sop.step(t.step_no).is_decision)
    if state.status == "berjalan":
        assert open_, "a running run must have something to do"
    else:
        assert not open_
    assert RunState.from_dict(json.loads(json.dumps(state.to_dict()))) == state


def exercise(sop, data, length):
    state = None
    accepted = []
    for _ in range(length):
        action = data.draw(next_action(sop, state))
        before = state
        snapshot = json.dumps(state.to_dict()) if state is not None else None
        try:
            state, events = apply(sop, state, action)
        except EngineError as err:
            assert err.code and err.message
            # A rejection leaves the state as it was.
            assert state is before
            assert (json.dumps(state.to_dict()) if state is not None else None) == snapshot
            if isinstance(action, Complete | Decide) and before is not None and before.status == "berjalan":
                ids = {t.id: t for t in before.tasks}
                t = ids.get(action.task_id)
                if t is not None and t.status == "terbuka" and t.actor != action.actor:
                    assert err.code == "wrong_actor"
            continue
        accepted.append(action)
        assert events and all(e.at == action.at for e in events)
        if isinstance(action, Complete | Decide):
            done = before.tasks[action.task_id - 1]
            assert done.status == "terbuka"
            assert done.actor == action.actor  # only the task's own actor completes it
            assert state.tasks[action.task_id - 1].status == "selesai"
            if isinstance(action, Decide) and not action.approve:
                assert action.reason.strip()
        if isinstance(action, Reassign):
            assert action.reason.strip() and action.assignee
        check_invariants(sop, state)
        assert replay(sop, accepted) == state
        if state.status != "berjalan":
            break
    return state, accepted


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), length=st.integers(1, 60))
def test_hand_built_sop_invariants(data, length):
    exercise(HAND_BUILT, data, length)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sop=sops(), data=st.data(), length=st.integers(1, 40))
def test_generated_sop_invariants(sop, data, length):
    exercise(sop, data, length)


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_valid_path_always_makes_progress(data):
    """Acting only validly on open tasks never gets stuck; approving everything finishes."""
    state, _ = apply(HAND_BUILT, None, Start({}))
    for _ in range(200):
        if state.status != "berjalan":
            break
        t = data.draw(st.sampled_from(open_tasks(state)))
        if HAND_BUILT.step(t.step_no).is_decision:
            state, _ = apply(HAND_BUILT, state, Decide(t.id, t.actor, True))
        else:
            state, _ = apply(HAND_BUILT, state, Complete(t.id, t.actor))
        check_invariants(HAND_BUILT, state)
    assert state.status == "selesai"
