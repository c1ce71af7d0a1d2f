"""The SOP run engine: a pure function of (spec, state, action).

In the spirit of SpiffWorkflow's split between a workflow *spec* and its *instance*: the `Sop`
is the immutable spec, a `RunState` is one run of it, and `apply(sop, state, action)` returns
the next state and the events that happened. Nothing here touches a database or a clock: the
caller persists the actions (or the state) and supplies timestamps and assignees inside the
actions, so `replay(sop, actions)` always rebuilds the same state.

Rules:
- `Start` opens the first step: one task per actor of the step.
- An actor column may be filled by several positions at once (a column meaning several units, such
  as "Bidang-Bidang Lain"): its `assignees` value is then a list of [seat, assignee] pairs instead
  of one assignee, and the step opens one task per seat (`TaskState.seat`, e.g. a position id). The
  seats of a column are one more set of actors of the step: a step completes when every seat's task
  is done, a decision moves on only when every seat agreed. The caller records the pairs it used in
  the action, so `replay` rebuilds the same parallel tasks.
- `Complete` finishes one task of a non-decision step. When every task of that step's current
  opening is done (a coordination step waits for each of its actors), the successor step
  (`Sop.successors`) is opened; with no successor the run is "selesai".
- `Decide` answers a decision step. Ya opens `next_yes` (or, when it is empty, the following step;
  with none the run is finished); Tidak needs a reason and opens `next_no` again: a new iteration
  of that step whose tasks carry the reason. When a decision step has several actors, Ya moves
  on only after all of them approved; the first Tidak sends the work back at once and cancels
  the other actors' open tasks of that decision (listed in the `decided` event's data).
- `Return` sends the work of a non-decision step (a paraf or a signature) back to an earlier step
  with a reason, instead of completing it: the task is closed with outcome "tidak" (a return, as
  statistics count it), the other actors' open tasks of that opening are cancelled, and the earlier
  step opens again as a new iteration carrying the reason.
- `Reassign` hands an open task to another assignee (a reason is required).
- `Cancel` closes the run and every open task ("dibatalkan"); a reason is required.
- Keterangan links to other SOPs (`Step.sop_links`) are not run here; they are put in the
  `task_opened` event data so the caller may offer to start a child run.

Every rejected action raises `EngineError` (a `ValidationError`) with an Indonesian message and
a `code`; since states are immutable, the caller's state is unchanged after a rejection.
Cost: each `apply` is O(tasks of the run + steps of the SOP).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from alur.core.engine_format import ACTION_VERSION, STATE_VERSION, upgrade_action, upgrade_state
from alur.core.errors import ValidationError
from alur.core.sop.model import Sop, Step

RUN_BERJALAN = "berjalan"
RUN_SELESAI = "selesai"
RUN_DIBATALKAN = "dibatalkan"

TASK_TERBUKA = "terbuka"
TASK_SELESAI = "selesai"
TASK_DIBATALKAN = "dibatalkan"

OUTCOME_YA = "ya"
OUTCOME_TIDAK = "tidak"


class EngineError(ValidationError):
    """An action the run cannot accept. `code` is stable; `message` is for people."""

    def __init__(self, message: str, code: str, task_id: int | None = None):
        super().__init__(message, code=code)
        self.task_id = task_id


# -- state --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskState:
    id: int  # 1.. in opening order
    step_no: int
    actor: str  # the SOP actor column
    iteration: int = 1  # 1 for the first opening of the step, 2 after a Tidak loop, ...
    status: str = TASK_TERBUKA
    assignee: str | None = None  # opaque id of the person (or None: not assigned yet)
    outcome: str | None = None  # "ya" / "tidak" for a decided task
    reason: str = ""  # why the task was (re)opened: the reason of the Tidak that sent work back
    opened_at: str = ""  # the `at` of the action that opened it
    closed_at: str | None = None  # the `at` of the action that completed / cancelled it
    seat: str | None = None  # which of the several positions filling the column (None: the column has one)

    @property
    def is_open(self) -> bool:
        return self.status == TASK_TERBUKA

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "step_no": self.step_no,
            "actor": self.actor,
            "iteration": self.iteration,
            "status": self.status,
            "assignee": self.assignee,
            "outcome": self.outcome,
            "reason": self.reason,
            "opened_at": self.opened_at,
            "closed_at": self.closed_at,
            "seat": self.seat,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TaskState:
        return cls(
            id=int(data["id"]),
            step_no=int(data["step_no"]),
            actor=data["actor"],
            iteration=int(data.get("iteration", 1)),
            status=data.get("status", TASK_TERBUKA),
            assignee=data.get("assignee"),
            outcome=data.get("outcome"),
            reason=data.get("reason") or "",
            opened_at=data.get("opened_at") or "",
            closed_at=data.get("closed_at"),
            seat=data.get("seat"),
        )


@dataclass(frozen=True)
class RunState:
    status: str = RUN_BERJALAN
    tasks: tuple[TaskState, ...] = ()
    next_task_id: int = 1

    def to_dict(self) -> dict:
        return {
            "v": STATE_VERSION,
            "status": self.status,
            "next_task_id": self.next_task_id,
            "tasks": [t.to_dict() for t in self.tasks],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunState:
        """Reads any known version of the format (see alur.core.engine_format)."""
        data = upgrade_state(data)
        return cls(
            status=data["status"],
            tasks=tuple(TaskState.from_dict(t) for t in data.get("tasks") or ()),
            next_task_id=int(data["next_task_id"]),
        )


# -- actions ------------------------------------------------------------------------------------


# What an action's `assignees` maps an actor to: one assignee id (or None: nobody yet), or a list of
# (seat, assignee id or None) pairs for a column filled by several positions at once.
Assignee = str | None | list[tuple[str, str | None]]


@dataclass(frozen=True)
class Start:
    assignees: Mapping[str, Assignee] = field(default_factory=dict)  # actor -> assignee id or seats
    at: str = ""


@dataclass(frozen=True)
class Complete:
    task_id: int
    actor: str
    assignees: Mapping[str, Assignee] = field(default_factory=dict)  # for the tasks it opens
    at: str = ""


@dataclass(frozen=True)
class Decide:
    task_id: int
    actor: str
    approve: bool
    reason: str = ""  # required when approve is False
    assignees: Mapping[str, Assignee] = field(default_factory=dict)
    at: str = ""


@dataclass(frozen=True)
class Return:
    task_id: int
    actor: str
    to_step: int  # an earlier step of the SOP (the one that produced the document)
    reason: str
    assignees: Mapping[str, Assignee] = field(default_factory=dict)
    at: str = ""


@dataclass(frozen=True)
class Reassign:
    task_id: int
    assignee: str
    reason: str
    at: str = ""


@dataclass(frozen=True)
class Cancel:
    reason: str
    at: str = ""


Action = Start | Complete | Decide | Return | Reassign | Cancel

_ACTION_TYPES: dict[str, type] = {
    "start": Start,
    "complete": Complete,
    "decide": Decide,
    "return": Return,
    "reassign": Reassign,
    "cancel": Cancel,
}
_ACTION_NAMES = {cls: name for name, cls in _ACTION_TYPES.items()}


def action_to_dict(action: Action) -> dict:
    """JSON-ready form of an action (for storing the action log that `replay` folds)."""
    data: dict[str, Any] = {"v": ACTION_VERSION, "type": _ACTION_NAMES[type(action)]}
    for name in action.__dataclass_fields__:
        value = getattr(action, name)
        data[name] = {actor: _assignee_json(v) for actor, v in value.items()} if name == "assignees" else value
    return data


def _assignee_json(value):
    """One assignee as JSON keeps it; seats become a list of [seat, assignee] lists (a list, not an
    object: PostgreSQL's jsonb does not keep key order, and the order of seats is the order of tasks)."""
    if value is None or isinstance(value, str):
        return value
    return [[seat, assignee] for seat, assignee in value]


def action_from_dict(data: Mapping[str, Any]) -> Action:
    """Reads any known version of the format (see alur.core.engine_format)."""
    data = upgrade_action(data)
    try:
        cls = _ACTION_TYPES[data["type"]]
    except KeyError:
        raise EngineError(f"Jenis aksi tidak dikenal: {data.get('type')!r}", code="unknown_action") from None
    kwargs = {k: v for k, v in data.items() if k not in ("type", "v") and k in cls.__dataclass_fields__}
    if "assignees" in kwargs:
        kwargs["assignees"] = dict(kwargs["assignees"] or {})
    return cls(**kwargs)


# -- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    type: str  # run_started, task_opened, task_completed, decided, returned, task_reassigned, run_finished,
    # run_cancelled
    task_id: int | None = None
    step_no: int | None = None
    actor: str | None = None
    assignee: str | None = None
    data: dict = field(default_factory=dict)
    at: str = ""

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "task_id": self.task_id,
            "step_no": self.step_no,
            "actor": self.actor,
            "assignee": self.assignee,
            "data": dict(self.data),
            "at": self.at,
        }


# -- queries ------------------------------------------------------------------------------------


def open_tasks(state: RunState | None) -> tuple[TaskState, ...]:
    if state is None:
        return ()
    return tuple(t for t in state.tasks if t.status == TASK_TERBUKA)


def task(state: RunState | None, task_id: int) -> TaskState:
    """The task with this id; EngineError("unknown_task") when there is none."""
    tasks = state.tasks if state is not None else ()
    # Ids are 1.. in opening order, so the task sits at index id - 1.
    if isinstance(task_id, int) and not isinstance(task_id, bool) and 1 <= task_id <= len(tasks):
        found = tasks[task_id - 1]
        if found.id == task_id:
            return found
        for candidate in tasks:  # a hand-edited state: fall back to a scan
            if candidate.id == task_id:
                return candidate
    raise EngineError(
        f"Tugas #{task_id} tidak ditemukan dalam alur ini.", code="unknown_task", task_id=task_id
    )


# -- apply --------------------------------------------------------------------------------------


def apply(sop: Sop, state: RunState | None, action: Action) -> tuple[RunState, list[Event]]:
    """Return (next state, events) or raise EngineError; `state` is never modified."""
    if isinstance(action, Start):
        return _start(sop, state, action)
    if not isinstance(action, Complete | Decide | Return | Reassign | Cancel):
        raise EngineError(f"Aksi tidak dikenal: {type(action).__name__}", code="unknown_action")
    if state is None:
        raise EngineError("Alur belum dimulai.", code="run_not_started")
    _require_running(state)
    if isinstance(action, Cancel):
        return _cancel(state, action)
    current = task(state, action.task_id)
    _require_open(current)
    if isinstance(action, Reassign):
        return _reassign(state, current, action)
    if action.actor != current.actor:
        raise EngineError(
            f"Tugas #{current.id} adalah tugas {current.actor}, bukan {action.actor}.",
            code="wrong_actor",
            task_id=current.id,
        )
    steps = _step_index(sop)
    step = _lookup(steps, current.step_no)
    if isinstance(action, Return):
        return _return(steps, state, current, step, action)
    if isinstance(action, Complete):
        if step.is_decision:
            raise EngineError(
                f"Langkah {step.no} adalah keputusan: pilih Ya atau Tidak, bukan 'selesai'.",
                code="must_decide",
                task_id=current.id,
            )
        return _complete(sop, steps, state, current, action)
    if not step.is_decision:
        raise EngineError(
            f"Langkah {step.no} bukan langkah keputusan; tandai selesai saja.",
            code="not_a_decision",
            task_id=current.id,
        )
    return _decide(sop, steps, state, current, step, action)


def replay(sop: Sop, actions: Iterable[Action]) -> RunState | None:
    """Fold `apply` over the actions (None when there are none). Raises on a rejected action."""
    state: RunState | None = None
    for action in actions:
        state, _ = apply(sop, state, action)
    return state


# -- transitions --------------------------------------------------------------------------------


def _start(sop: Sop, state: RunState | None, action: Start) -> tuple[RunState, list[Event]]:
    if state is not None:
        raise EngineError("Alur ini sudah dimulai.", code="run_already_started")
    if not sop.steps:
        raise EngineError("SOP tidak memiliki langkah; alur tidak dapat dimulai.", code="empty_sop")
    first = min(sop.steps, key=lambda s: s.no)
    events = [Event("run_started", data={"assignees": {a: _assignee_json(v) for a, v in action.assignees.items()}},
                    at=action.at)]
    tasks: list[TaskState] = []
    next_id = _open_step(first, 1, tasks, 1, action.assignees, "", action.at, events)
    return RunState(RUN_BERJALAN, tuple(tasks), next_id), events


def _complete(
    sop: Sop, steps: dict[int, Step], state: RunState, current: TaskState, action: Complete
) -> tuple[RunState, list[Event]]:
    done = replace(current, status=TASK_SELESAI, closed_at=action.at)
    tasks = _replaced(state.tasks, done)
    events = [Event("task_completed", done.id, done.step_no, done.actor, done.assignee, {}, action.at)]
    if _opening_still_open(tasks, done):
        return replace(state, tasks=tuple(tasks)), events
    following = sop.successors(done.step_no)
    target = following[0] if following else None
    return _move_to(steps, state, tasks, target, action.assignees, "", action.at, events)


def _decide(
    sop: Sop, steps: dict[int, Step], state: RunState, current: TaskState, step: Step, action: Decide
) -> tuple[RunState, list[Event]]:
    reason = (action.reason or "").strip()
    if not action.approve and not reason:
        raise EngineError(
            "Alasan wajib diisi bila dokumen dikembalikan (Tidak).",
            code="reason_required",
            task_id=current.id,
        )
    outcome = OUTCOME_YA if action.approve else OUTCOME_TIDAK
    if not action.approve and step.next_no is None:
        raise EngineError(
            f"Langkah keputusan {step.no} tidak memiliki cabang 'Tidak' di SOP.",
            code="no_tidak_branch",
            task_id=current.id,
        )
    decided = replace(current, status=TASK_SELESAI, outcome=outcome, closed_at=action.at)
    tasks = _replaced(state.tasks, decided)
    events = [
        Event(
            "decided",
            decided.id,
            decided.step_no,
            decided.actor,
            decided.assignee,
            {"approve": bool(action.approve), "outcome": outcome, "reason": reason, "cancelled_task_ids": []},
            action.at,
        )
    ]
    if action.approve:
        if _opening_still_open(tasks, decided):
            return replace(state, tasks=tuple(tasks)), events
        target = step.next_yes if step.next_yes is not None else _following(sop, step.no)
        return _move_to(steps, state, tasks, target, action.assignees, "", action.at, events)
    # Tidak: the other actors of this decision have nothing left to decide.
    cancelled = _cancel_open(tasks, action.at, lambda t: t.step_no == decided.step_no)
    events[0].data["cancelled_task_ids"] = [t.id for t in cancelled]
    return _move_to(steps, state, tasks, step.next_no, action.assignees, reason, action.at, events)


def _return(
    steps: dict[int, Step], state: RunState, current: TaskState, step: Step, action: Return
) -> tuple[RunState, list[Event]]:
    reason = (action.reason or "").strip()
    if not reason:
        raise EngineError("Alasan wajib diisi bila dokumen dikembalikan.", code="reason_required", task_id=current.id)
    if step.is_decision:
        raise EngineError(
            f"Langkah {step.no} adalah keputusan: pilih Tidak untuk mengembalikan.", code="must_decide",
            task_id=current.id,
        )
    target = action.to_step
    if not isinstance(target, int) or isinstance(target, bool) or target not in steps or target >= step.no:
        raise EngineError(
            f"Langkah {step.no} hanya dapat dikembalikan ke langkah sebelumnya, bukan ke langkah {target!r}.",
            code="bad_return_target",
            task_id=current.id,
        )
    returned = replace(current, status=TASK_SELESAI, outcome=OUTCOME_TIDAK, closed_at=action.at)
    tasks = _replaced(state.tasks, returned)
    cancelled = _cancel_open(
        tasks, action.at, lambda t: t.step_no == returned.step_no and t.iteration == returned.iteration
    )
    events = [
        Event(
            "returned",
            returned.id,
            returned.step_no,
            returned.actor,
            returned.assignee,
            {"to_step": target, "reason": reason, "outcome": OUTCOME_TIDAK,
             "cancelled_task_ids": [t.id for t in cancelled]},
            action.at,
        )
    ]
    return _move_to(steps, state, tasks, target, action.assignees, reason, action.at, events)


def _reassign(state: RunState, current: TaskState, action: Reassign) -> tuple[RunState, list[Event]]:
    reason = (action.reason or "").strip()
    if not reason:
        raise EngineError("Alasan pengalihan tugas wajib diisi.", code="reason_required", task_id=current.id)
    assignee = action.assignee
    if not isinstance(assignee, str) or not assignee.strip():
        raise EngineError("Penerima tugas wajib diisi.", code="assignee_required", task_id=current.id)
    moved = replace(current, assignee=assignee)
    event = Event(
        "task_reassigned",
        moved.id,
        moved.step_no,
        moved.actor,
        assignee,
        {"from": current.assignee, "reason": reason},
        action.at,
    )
    return replace(state, tasks=tuple(_replaced(state.tasks, moved))), [event]


def _cancel(state: RunState, action: Cancel) -> tuple[RunState, list[Event]]:
    reason = (action.reason or "").strip()
    if not reason:
        raise EngineError("Alasan pembatalan alur wajib diisi.", code="reason_required")
    tasks = list(state.tasks)
    cancelled = _cancel_open(tasks, action.at, lambda t: True)
    event = Event(
        "run_cancelled", data={"reason": reason, "task_ids": [t.id for t in cancelled]}, at=action.at
    )
    return RunState(RUN_DIBATALKAN, tuple(tasks), state.next_task_id), [event]


# -- helpers ------------------------------------------------------------------------------------


def _require_running(state: RunState) -> None:
    if state.status == RUN_SELESAI:
        raise EngineError("Alur ini sudah selesai.", code="run_finished")
    if state.status == RUN_DIBATALKAN:
        raise EngineError("Alur ini sudah dibatalkan.", code="run_cancelled")


def _require_open(current: TaskState) -> None:
    if current.status == TASK_SELESAI:
        raise EngineError("Tugas sudah diselesaikan.", code="task_not_open", task_id=current.id)
    if current.status != TASK_TERBUKA:
        raise EngineError("Tugas sudah dibatalkan.", code="task_not_open", task_id=current.id)


def _step_index(sop: Sop) -> dict[int, Step]:
    return {s.no: s for s in sop.steps}


def _lookup(steps: dict[int, Step], no: int) -> Step:
    try:
        return steps[no]
    except KeyError:
        raise EngineError(f"Langkah {no} tidak ada di SOP.", code="unknown_step") from None


def _following(sop: Sop, no: int) -> int | None:
    later = [s.no for s in sop.steps if s.no > no]
    return min(later) if later else None


def _replaced(tasks: tuple[TaskState, ...], new: TaskState) -> list[TaskState]:
    result = list(tasks)
    index = new.id - 1
    if not (0 <= index < len(result) and result[index].id == new.id):
        index = next(i for i, t in enumerate(result) if t.id == new.id)
    result[index] = new
    return result


def _opening_still_open(tasks: list[TaskState], done: TaskState) -> bool:
    """True while another actor's task of the same opening of the step is still open."""
    return any(
        t.status == TASK_TERBUKA and t.step_no == done.step_no and t.iteration == done.iteration
        for t in tasks
    )


def _cancel_open(tasks: list[TaskState], at: str, which) -> list[TaskState]:
    """Mark the open tasks matching `which` dibatalkan, in place; return them."""
    cancelled = []
    for i, t in enumerate(tasks):
        if t.status == TASK_TERBUKA and which(t):
            tasks[i] = replace(t, status=TASK_DIBATALKAN, closed_at=at)
            cancelled.append(tasks[i])
    return cancelled


def _move_to(
    steps: dict[int, Step],
    state: RunState,
    tasks: list[TaskState],
    target: int | None,
    assignees: Mapping[str, str],
    reason: str,
    at: str,
    events: list[Event],
) -> tuple[RunState, list[Event]]:
    """Open step `target` (or finish the run when it is None)."""
    if target is None:
        events.append(Event("run_finished", at=at))
        return RunState(RUN_SELESAI, tuple(tasks), state.next_task_id), events
    step = _lookup(steps, target)
    iteration = 1 + max((t.iteration for t in tasks if t.step_no == target), default=0)
    next_id = _open_step(step, iteration, tasks, state.next_task_id, assignees, reason, at, events)
    return RunState(RUN_BERJALAN, tuple(tasks), next_id), events


def _open_step(
    step: Step,
    iteration: int,
    tasks: list[TaskState],
    next_id: int,
    assignees: Mapping[str, str],
    reason: str,
    at: str,
    events: list[Event],
) -> int:
    """Append one open task per actor of `step` to `tasks`; return the next free task id."""
    actors = tuple(dict.fromkeys(step.actors))  # de-duplicated, in column order
    if not actors:
        raise EngineError(f"Langkah {step.no} tidak memiliki pelaksana.", code="step_without_actor")
    data = {"iteration": iteration, "reason": reason, "sop_links": list(step.sop_links)}
    for actor in actors:
        for seat, assignee in _seats(step, actor, assignees.get(actor) if assignees else None):
            opened = TaskState(
                id=next_id,
                step_no=step.no,
                actor=actor,
                iteration=iteration,
                assignee=assignee,
                reason=reason,
                opened_at=at,
                seat=seat,
            )
            tasks.append(opened)
            seat_data = {**data, "seat": seat} if seat is not None else dict(data)  # one-position columns: as before
            events.append(Event("task_opened", opened.id, step.no, actor, assignee, seat_data, at))
            next_id += 1
    return next_id


def _seats(step: Step, actor: str, value) -> list[tuple[str | None, str | None]]:
    """The (seat, assignee) of each task the actor's column gets: one without a seat for a single
    assignee, one per seat for a list of pairs (refused when empty, repeated or malformed)."""
    if value is None or isinstance(value, str):
        return [(None, value)]
    pairs: list[tuple[str | None, str | None]] = []
    try:
        for seat, assignee in value:
            if not isinstance(seat, str) or not seat or not (assignee is None or isinstance(assignee, str)):
                raise TypeError
            pairs.append((seat, assignee))
    except (TypeError, ValueError):
        pairs = []
    seats = [seat for seat, _ in pairs]
    if not pairs or len(set(seats)) != len(seats):
        raise EngineError(
            f"Pelaksana {actor} pada langkah {step.no}: daftar jabatan pengisi kolom tidak sah.",
            code="bad_seats",
        )
    return pairs


__all__ = [
    "Action",
    "Assignee",
    "Cancel",
    "Complete",
    "Decide",
    "EngineError",
    "Event",
    "Reassign",
    "Return",
    "RunState",
    "Start",
    "TaskState",
    "action_from_dict",
    "action_to_dict",
    "apply",
    "open_tasks",
    "replay",
    "task",
]
