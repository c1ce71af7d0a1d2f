"""Which SOP step produces which SAKIP document: the `StepDocument` rows of the run's revision.

Callers pass the revision; its bindings are read through `revision.step_documents.all()`, so a
caller that lists many revisions prefetches them (`prefetch_related("step_documents")`) and a
single page reads them in one query. A binding to a kind that is not registered (a test kind after
its test) produces nothing."""

from __future__ import annotations

from functools import partial

from alur.runs import about

from . import kinds


def _bound(revision) -> list:
    return [b for b in revision.step_documents.all() if kinds.get(b.kind) is not None]


def document_for(revision, step_no: int) -> str | None:
    """The key of the document kind the step produces, or None."""
    return next((b.kind for b in _bound(revision) if b.step_no == step_no), None)


def kind_of_run(revision) -> str | None:
    """The document kind a run of this revision produces (its first bound step), or None."""
    return next((b.kind for b in sorted(_bound(revision), key=lambda b: b.step_no)), None)


def produces(revision, key: str) -> bool:
    """Whether a step of the revision is bound to the document kind `key`."""
    return any(b.kind == key for b in revision.step_documents.all())


def register_run_subjects() -> None:
    """Tell runs what a run of an SOP producing each document kind is about (issue 18, alur.runs.about):
    the kind's year (its triwulan, for a quarterly kind), chosen at start, the kind's default otherwise."""
    for kind in kinds.all_kinds():
        about.register(about.Need(
            key=f"dokumen:{kind.key}", label=kind.short or kind.title, quarterly=kind.quarterly,
            applies=partial(produces, key=kind.key), default=kind.default_subject))
