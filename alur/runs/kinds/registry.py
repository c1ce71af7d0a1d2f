"""Step kinds: the `StepKind` base (what a kind owns) and the registry of the kinds a run knows.

A step kind is one `StepKind` subclass in the module of the app that owns it, registered from that
app's `AppConfig.ready()` with `register(Kind())`: the built-ins from `RunsConfig.ready()`
(`builtin.py`), pengumpulan from `KinerjaConfig.ready()`. Registering puts the kind into the SOP
vocabulary (`alur.core.sop.kinds`: SOPs may name it, the editor offers it, the diff words it) and
its trail sentences into `alur.audit.sentences`. Nothing else branches on the kind.

A kind owns: its `value`, `label` and `word`; its form (`form_class`, derived from `TaskFormBase`:
the fields it asks and how they read); its kelengkapan (`missing`, `missing_for_later`); its
validation (`validate`, before anything is written); the records it writes and what the trail
says (`record`, `sentences`); whether its step is a meeting (`is_meeting`); its part of the task
page (`template`, `page_context`); a hint above the form (`hint`); and what the simulator does
(`sample`, `play_others`).

Decisions (Ya/Tidak) are a property of the step, not of its kind: the base adds the decision
fields, checks the choice and the reason, and builds the engine's `Decide` action for every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.audit import sentences as trail_sentences
from alur.core import engine
from alur.core.sop import kinds as vocabulary
from alur.core.sop.model import Step

from .base import MAX_NOTE, Completion, Context, Output
from .forms import TaskFormBase

if TYPE_CHECKING:
    from alur.runs.models import Run, Task


class StepKind:
    value: ClassVar[str]
    label: ClassVar[str] = ""  # the SOP editor's label (a built-in's is in alur.core.sop.kinds)
    word: ClassVar[str] = ""  # how the SOP diff names it (the same)
    form_class: ClassVar[type[TaskFormBase]] = TaskFormBase
    template: ClassVar[str | None] = None  # its part of the task page (reads `page_context`)
    sentences: ClassVar[dict[str, Callable[..., str]]] = {}  # trail kind -> sentence, for what `record` writes
    needs_document: ClassVar[bool] = False  # the working document must have a version
    signoff_kind: ClassVar[str | None] = None  # "paraf" / "tanda_tangan": binds a version

    @property
    def act(self) -> str:
        """The kind's value as a step's `act` (an `Act` member for a built-in)."""
        return vocabulary.act_of(self.value)

    @property
    def fields(self) -> tuple[str, ...]:
        """The form fields this kind asks beyond the note and the decision."""
        return tuple(name for name in self.form_class.base_fields if name not in TaskFormBase.base_fields)

    def info(self) -> vocabulary.KindInfo:
        if not self.label:
            return vocabulary.built_in(self.value)
        return vocabulary.KindInfo(self.value, self.label, self.word or self.label.lower())

    # -- the task page --------------------------------------------------------------------------

    def form(self, data=None, files=None, *, task: Task, step: Step) -> TaskFormBase:
        return self.form_class(data, files, task=task, step=step)

    def is_meeting(self, step: Step) -> bool:
        """A step with one shared notulen and attendance per participant."""
        return False

    def page_context(self, task: Task, step: Step) -> dict:
        """What `template` reads on the task page."""
        return {}

    def hint(self, run: Run) -> str:
        """One sentence above the form saying what saving does for this kind, or ""."""
        return ""

    # -- kelengkapan and validation -------------------------------------------------------------

    def missing(self, ctx: Context) -> list[str]:
        """What this step needs that is not there yet (its own kelengkapan)."""
        if self.needs_document and (ctx.document is None or not ctx.document.last_number):
            return [_("dokumen '%(name)s' belum diunggah") % {"name": ctx.step.kelengkapan or _("kerja")}]
        return []

    def missing_for_later(self, ctx: Context) -> list[str]:
        """What a later step (`ctx.step`) needs from an earlier step of this kind, if missing."""
        return []

    def checks_kelengkapan(self, completion: Completion) -> bool:
        """Whether this act needs the step's kelengkapan (returning a document does not)."""
        return True

    def validate(self, ctx: Context, completion: Completion) -> None:
        """Raise ValidationError before anything is written; the decision is checked here for all."""
        if ctx.step.is_decision:
            if completion.approve is None:
                raise ValidationError(_("Pilih keputusan: Ya (setuju) atau Tidak (kembalikan untuk diperbaiki)."))
            if not completion.approve and not completion.reason.strip():
                raise ValidationError({"reason": _("Alasan wajib diisi bila dikembalikan (Tidak).")})
        if len(completion.reason) > 2000:
            raise ValidationError({"reason": _("Alasan terlalu panjang (maksimum 2000 karakter).")})
        if len(completion.note) > MAX_NOTE:
            raise ValidationError({"note": _("Catatan terlalu panjang: %(n)s karakter (maksimum %(max)s); "
                                             "lampirkan teks panjang sebagai dokumen.") % {
                "n": f"{len(completion.note):,}".replace(",", "."), "max": f"{MAX_NOTE:,}".replace(",", ".")}})

    # -- what the act writes --------------------------------------------------------------------

    def record(self, ctx: Context, completion: Completion) -> Output:
        """Store the step's own records; return what the trail should say about them."""
        return Output()

    def action(self, ctx: Context, completion: Completion, assignees) -> engine.Complete | engine.Decide:
        task, at = ctx.task, ctx.now.isoformat()
        if ctx.step.is_decision:
            return engine.Decide(task_id=task.engine_id, actor=task.actor, approve=bool(completion.approve),
                                 reason=completion.reason.strip(), assignees=assignees, at=at)
        return engine.Complete(task_id=task.engine_id, actor=task.actor, assignees=assignees, at=at)

    # -- when the step opens --------------------------------------------------------------------

    def opened(self, run: Run, step: Step, tasks: list[Task], *, now: datetime) -> list[tuple[str, dict]]:
        """Called once per act in which tasks of a step of this kind open (`tasks`: their new rows,
        with their ids), inside the act's transaction; returns trail entries (kind, data) to append
        after the act's own. Most kinds do nothing here."""
        return []

    # -- the simulator --------------------------------------------------------------------------

    def play_others(self, task: Task) -> None:
        """What other people do before this task's holder can hand in (the simulator only): e.g. the
        units enter the realisations a collection waits for. Most kinds need nobody else."""

    def sample(self, task: Task, *, approve: bool, tag: str, pdf: bytes) -> Completion:
        """A plausible completion, for tests, the benchmark and demo data."""
        return Completion(approve=approve, reason="" if approve else "Perbaiki sesuai catatan.")


_KINDS: dict[str, StepKind] = {}


def register(kind: StepKind) -> StepKind:
    """Make `kind` known: to runs (by its value), to the SOP vocabulary and, with its sentences, to
    the trail. A value is registered once (a second kind of the same value is refused)."""
    if kind.value in _KINDS:
        raise ValueError(f"step kind {kind.value!r} is already registered ({type(_KINDS[kind.value]).__name__})")
    vocabulary.register_kind(kind.info())
    for trail_kind, sentence in kind.sentences.items():
        trail_sentences.register(trail_kind, sentence)
    _KINDS[kind.value] = kind
    return kind


@contextmanager
def temporarily(kind: StepKind) -> Iterator[StepKind]:
    """`kind` is registered inside the block only (tests): in runs, in the SOP vocabulary and its
    sentences in the trail; a kind of the same value registered before is back afterwards."""
    before = _KINDS.get(kind.value)
    new_sentences = [k for k in kind.sentences if k not in trail_sentences.registered()]
    with vocabulary.temporarily(kind.info()):
        for trail_kind in new_sentences:
            trail_sentences.register(trail_kind, kind.sentences[trail_kind])
        _KINDS[kind.value] = kind
        try:
            yield kind
        finally:
            for trail_kind in new_sentences:
                trail_sentences.unregister(trail_kind)
            if before is None:
                _KINDS.pop(kind.value, None)
            else:
                _KINDS[kind.value] = before


def kind_for(step: Step) -> StepKind:
    """The kind of `step` (its `act`)."""
    return _KINDS[str(step.act)]


def get(value: str) -> StepKind:
    """The registered kind `value` (KeyError if none)."""
    return _KINDS[str(value)]


def all_kinds() -> tuple[StepKind, ...]:
    """Every registered kind, in the order of registration."""
    return tuple(_KINDS.values())
