"""The document kinds Alur can compose from an office's data: one module per kind, this is the registry.

A kind says what it is called, which period a run's document covers, how its content is built, which
narrative sections people write for it, what its signature freezes in the performance data (the
label of the kinerja lock, or None) and, for the seed SOPs only, which steps of which SOP produce it.
Which step of which SOP revision produces a kind at run time is data: `documents.StepDocument`.

The built-in kinds are registered in `DocumentsConfig.ready()`; a test registers its own kind for
one test with `temporarily(kind)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from alur.core.kinerja.periods import collection_period, last_quarter_ended, this_year


@dataclass(frozen=True)
class SeedBinding:
    """The steps of a seed SOP (found by a fragment of its name) that produce the kind. Read only by
    the data migration that first filled `StepDocument` and by the seed loaders (`bindings.bind_seed_steps`)."""

    name_fragment: str
    steps: frozenset[int]


@dataclass(frozen=True)
class DocumentKind:
    key: str
    title: str
    build_content: Callable  # (office, year, triwulan | None) -> content.Document
    sections: tuple[tuple[str, str], ...] = ()  # (key, title) of the narrative sections people write
    # (office, year) -> more (key, title) sections that follow the year's data, e.g. one per sasaran;
    # listed before the fixed section `data_sections_before` (else after the fixed ones)
    data_sections: Callable | None = None
    data_sections_before: str | None = None
    locks: str | None = None  # the label of what its signature freezes (alur.kinerja.locks), or None
    quarterly: bool = False  # about one triwulan of a year (the collection's period), not a whole year
    seed_binding: tuple[SeedBinding, ...] = ()
    # The year a run started that day is about by default (issue 18: the start form's default); a
    # quarterly kind's default is the quarter just ended.
    default_year: Callable[[date], int] = this_year
    short: str = ""  # how the start form names the kind ("LKjIP"); the title when empty

    def period(self, run) -> tuple[int, int | None]:
        """The year (and, for a quarterly kind, the triwulan) a run's document is about: the subject
        chosen at the run's start; for a run from before it was stored, derived as then (its year, and
        the quarter ended before it started)."""
        chosen = run.about_year
        if chosen is not None:
            if not self.quarterly:
                return chosen, None
            if run.about_triwulan is not None:
                return chosen, run.about_triwulan
        if not self.quarterly:
            return run.year, None
        return collection_period(run.year, timezone.localtime(run.started_at).date())

    def default_subject(self, day: date) -> tuple[int, int | None]:
        """The subject of a run started on `day` when the starter leaves it empty."""
        return last_quarter_ended(day) if self.quarterly else (self.default_year(day), None)

    def sections_for(self, office, year: int) -> tuple[tuple[str, str], ...]:
        """Every narrative section of the office's document of the year, in the document's order: the
        fixed ones with the data's among them."""
        more = tuple(self.data_sections(office, year)) if self.data_sections else ()
        keys = [key for key, _title in self.sections]
        at = keys.index(self.data_sections_before) if self.data_sections_before in keys else len(keys)
        return self.sections[:at] + more + self.sections[at:]

    def build(self, office, year: int, triwulan: int | None = None):
        return self.build_content(office, year, triwulan)


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    if kind.key in _KINDS and _KINDS[kind.key] is not kind:
        raise ValueError(f"document kind {kind.key!r} is registered twice")
    _KINDS[kind.key] = kind
    return kind


def get(key: str | None) -> DocumentKind | None:
    return _KINDS.get(key) if key else None


def all_kinds() -> list[DocumentKind]:
    return list(_KINDS.values())


def title_of(key: str | None) -> str:
    kind = get(key)
    return kind.title if kind else ""


def build(key: str, office, year: int, triwulan: int | None = None):
    """The content of the `key` document of the office for the year (and triwulan)."""
    return _KINDS[key].build(office, year, triwulan)


@contextmanager
def temporarily(kind: DocumentKind) -> Iterator[DocumentKind]:
    """Register a kind for the duration of a block (tests: a kind that is not built in)."""
    register(kind)
    try:
        yield kind
    finally:
        _KINDS.pop(kind.key, None)
