"""Who fills each actor column of an SOP in an office on a day: the SOP's actor → position
mapping joined with who acts for each position (`alur.org.selectors.rows_with_holders`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from alur.org.selectors import Acting, rows_with_holders
from alur.sop.models import ActorMapping, SopRevision


@dataclass
class Assignment:
    """Who fills each actor column of an SOP in an office on a day."""

    holders: dict[str, Acting] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # actor -> why nobody fills it

    def engine_map(self) -> dict[str, str]:
        return {actor: str(holder.employee.pk) for actor, holder in self.holders.items()}


def assignment_for(revision: SopRevision, day: date) -> Assignment:
    """One statement: the SOP's actor mappings, joined with their positions and with who acts for
    each position on `day` (stand-in before holder, as `holders_on` decides)."""
    mapped = {m.actor: (m.position, acting) for m, acting in
              rows_with_holders(ActorMapping.objects.filter(sop_id=revision.sop_id), day, via="position")}
    result = Assignment()
    for actor in revision.as_core().actors:
        position, acting = mapped.get(actor, (None, None))
        if position is None:
            result.missing[actor] = _("belum dipetakan ke jabatan")
        elif acting is not None:
            result.holders[actor] = acting
        else:
            result.missing[actor] = _("jabatan %(name)s kosong") % {"name": position.name}
    return result


class HoldersToday(Mapping):
    """The engine's `assignees` (actor -> employee id) for an act, looked up from the database only
    when the engine opens a task. The engine is called once per act; an act that opens nothing
    (a coordination step others still work on, the last step) costs no holder query."""

    def __init__(self, revision: SopRevision, day: date):
        self._revision, self._day = revision, day
        self._assignment: Assignment | None = None

    @property
    def assignment(self) -> Assignment:
        if self._assignment is None:
            self._assignment = assignment_for(self._revision, self._day)
        return self._assignment

    @property
    def loaded(self) -> bool:
        return self._assignment is not None

    def snapshot(self) -> dict[str, str]:
        """What the trail records: the map the engine used, or {} when it needed none."""
        return dict(self._map()) if self.loaded else {}

    def _map(self) -> dict[str, str]:
        if not hasattr(self, "_engine_map"):
            self._engine_map = self.assignment.engine_map()
        return self._engine_map

    def __getitem__(self, actor: str) -> str:
        return self._map()[actor]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self.assignment.holders)
