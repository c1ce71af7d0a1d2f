"""Who fills each actor column of an SOP in an office on a day: the SOP's actor → position
mapping joined with who acts for each position (`alur.org.selectors.rows_with_holders`).

A column may be mapped to several positions (a column meaning several units, "Bidang-Bidang Lain"):
mode "semua" gives every one of them a task of the column's steps (the engine's seats, one per
position id); mode "dipilih" gives them to the one position chosen when the run started
(`Run.chosen_positions`), so the column then behaves as a column of one position."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from alur.org.models import Position
from alur.org.selectors import Acting, rows_with_holders
from alur.sop.models import ActorMapping, SopRevision


@dataclass
class Assignment:
    """Who fills each actor column of an SOP in an office on a day."""

    holders: dict[str, Acting] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # actor -> why nobody fills it
    # actor -> every position filling it at once, each with who acts for it (None: vacant)
    seats: dict[str, list[tuple[Position, Acting | None]]] = field(default_factory=dict)

    def engine_map(self) -> dict:
        result: dict = {actor: str(holder.employee.pk) for actor, holder in self.holders.items()}
        for actor, seats in self.seats.items():
            result[actor] = [(str(position.pk), str(acting.employee.pk) if acting else None)
                             for position, acting in seats]
        return result

    def seat(self, actor: str, seat: str | None) -> tuple[Position | None, Acting | None]:
        """The position and its holder behind one task of `actor` (its engine seat, if any)."""
        if seat is None:
            holder = self.holders.get(actor)
            return (holder.position if holder else None), holder
        for position, acting in self.seats.get(actor, ()):
            if str(position.pk) == seat:
                return position, acting
        return None, None


@dataclass(frozen=True)
class Column:
    """An actor column as mapped: its positions (in mapping order) and its mode."""

    actor: str
    positions: list[Position]
    mode: str

    @property
    def chosen_at_start(self) -> bool:
        return len(self.positions) > 1 and self.mode == ActorMapping.Mode.DIPILIH


def columns_of(revision: SopRevision) -> dict[str, Column]:
    """The revision's actor columns that are mapped, in column order."""
    rows: dict[str, list[ActorMapping]] = {}
    for mapping in ActorMapping.objects.filter(sop_id=revision.sop_id).select_related("position").order_by("pk"):
        rows.setdefault(mapping.actor, []).append(mapping)
    return {actor: Column(actor, [m.position for m in rows[actor]], rows[actor][0].mode)
            for actor in revision.as_core().actors if actor in rows}


def assignment_for(revision: SopRevision, day: date, chosen: Mapping[str, int] | None = None) -> Assignment:
    """One statement: the SOP's actor mappings, joined with their positions and with who acts for
    each position on `day` (stand-in before holder, as `holders_on` decides). `chosen`: the run's
    position for each column that is chosen at start ({actor: position id})."""
    mapped: dict[str, list[tuple[ActorMapping, Acting | None]]] = {}
    for mapping, acting in rows_with_holders(ActorMapping.objects.filter(sop_id=revision.sop_id).order_by("pk"),
                                             day, via="position"):
        mapped.setdefault(mapping.actor, []).append((mapping, acting))
    chosen = chosen or {}
    result = Assignment()
    for actor in revision.as_core().actors:
        rows = sorted(mapped.get(actor, []), key=lambda row: row[0].pk)
        if not rows:
            result.missing[actor] = _("belum dipetakan ke jabatan")
            continue
        if len(rows) > 1 and rows[0][0].mode == ActorMapping.Mode.DIPILIH:
            rows = [row for row in rows if row[0].position_id == chosen.get(actor)]
            if not rows:
                result.missing[actor] = _("jabatan pelaksananya belum dipilih saat alur dimulai")
                continue
        if len(rows) > 1:
            result.seats[actor] = [(mapping.position, acting) for mapping, acting in rows]
            for mapping, acting in rows:
                if acting is None:
                    result.missing[actor] = _("jabatan %(name)s kosong") % {"name": mapping.position.name}
            continue
        mapping, acting = rows[0]
        if acting is not None:
            result.holders[actor] = acting
        else:
            result.missing[actor] = _("jabatan %(name)s kosong") % {"name": mapping.position.name}
    return result


class HoldersToday(Mapping):
    """The engine's `assignees` (actor -> employee id, or the seats of a column of several positions)
    for an act, looked up from the database only when the engine opens a task. The engine is called
    once per act; an act that opens nothing (a coordination step others still work on, the last
    step) costs no holder query."""

    def __init__(self, revision: SopRevision, day: date, chosen: Mapping[str, int] | None = None):
        self._revision, self._day, self._chosen = revision, day, chosen
        self._assignment: Assignment | None = None

    @property
    def assignment(self) -> Assignment:
        if self._assignment is None:
            self._assignment = assignment_for(self._revision, self._day, self._chosen)
        return self._assignment

    @property
    def loaded(self) -> bool:
        return self._assignment is not None

    def snapshot(self) -> dict:
        """What the trail records: the map the engine used, or {} when it needed none."""
        return dict(self._map()) if self.loaded else {}

    def _map(self) -> dict:
        if not hasattr(self, "_engine_map"):
            self._engine_map = self.assignment.engine_map()
        return self._engine_map

    def __getitem__(self, actor: str):
        return self._map()[actor]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())
