"""Step bindings follow the SOP library's revisions (sop sends, documents listens: sop never imports
documents). Connected in `DocumentsConfig.ready()`."""

from __future__ import annotations

from alur.sop.signals import revision_changed, revision_created

from . import bindings


def _created(sender, *, revision, previous=None, seeded=False, **_kwargs):
    if previous is not None:
        bindings.carry_over(previous, revision)
    elif seeded:
        bindings.bind_seed_steps(revision)


def _changed(sender, *, revision, before, **_kwargs):
    bindings.follow_edit(revision, before)


def connect() -> None:
    revision_created.connect(_created, dispatch_uid="documents.step_bindings.created")
    revision_changed.connect(_changed, dispatch_uid="documents.step_bindings.changed")
