"""Reads about the organisation that need care: who may see what, who acts for a position today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from typing import Any

from django.db.models import F, FilteredRelation, Q, QuerySet, Value
from django.utils import timezone

from .models import Employee, Office, Position, StandIn


@dataclass(frozen=True)
class Acting:
    """The person acting for a position on a day, and as what ("" for the holder, "Plt."/"Plh.")."""

    employee: Employee
    position: Position
    prefix: str = ""

    @property
    def title(self) -> str:
        return f"{self.prefix} {self.position.name}".strip()


def employee_of(user) -> Employee | None:
    if not user or not user.is_authenticated:
        return None
    try:
        return user.employee
    except Employee.DoesNotExist:
        return None


def visible_offices(user):
    """Offices whose data `user` may read: their own, plus explicit grants; superusers see all."""
    if not user or not user.is_authenticated:
        return Office.objects.none()
    if user.is_superuser:
        return Office.objects.all()
    employee = employee_of(user)
    own = [employee.office_id] if employee else []
    granted = list(user.office_grants.values_list("office_id", flat=True))
    return Office.objects.filter(pk__in=own + granted)


def is_office_admin(user, office: Office) -> bool:
    if user.is_superuser:
        return True
    employee = employee_of(user)
    return bool(employee and employee.office_id == office.pk and employee.is_office_admin)


def _on_day(day: date, prefix: str = "") -> tuple[Q, Q]:
    """The date rules, written once: a stand-in acts from its `start` to its `end`; a holding from
    its `start` until an open or later `end`. `prefix` leads from the queried model to the
    `stand_ins` / `holdings` relations (Employee and Position both name them so)."""
    stand_in = Q(**{f"{prefix}stand_ins__start__lte": day, f"{prefix}stand_ins__end__gte": day})
    holding = Q(**{f"{prefix}holdings__start__lte": day}) & (
        Q(**{f"{prefix}holdings__end__isnull": True}) | Q(**{f"{prefix}holdings__end__gte": day}))
    return stand_in, holding


def _acting_rows(day: date, **where):
    """Employees acting on `day`, each annotated with the position they act for and how: one
    statement (stand-ins UNION holdings). `where` narrows by `position_id__in` or `employee`."""
    stand_in_on, holding_on = _on_day(day)
    stand_in_where = {f"stand_ins__{key}": value for key, value in where.items()}
    holding_where = {f"holdings__{key}": value for key, value in where.items()}
    standing = (
        Employee.objects.filter(stand_in_on & Q(**stand_in_where))
        .annotate(acting_position=F("stand_ins__position_id"), acting_kind=F("stand_ins__kind"),
                  acting_rank=Value(0))
        .order_by()
    )
    holding = (
        Employee.objects.filter(holding_on & Q(**holding_where))
        .annotate(acting_position=F("holdings__position_id"), acting_kind=Value(""), acting_rank=Value(1))
        .order_by()
    )
    return standing.union(holding, all=True)


def _prefix(kind: str) -> str:
    return {StandIn.Kind.PLT: "Plt.", StandIn.Kind.PLH: "Plh."}.get(kind, "")


def holders_on(positions: Iterable[Position], day: date | None = None) -> dict[Position, Acting]:
    """Who acts for each position on `day`: a stand-in (Plt/Plh) beats the holder; a position
    nobody fills is left out. One SQL statement for all positions."""
    by_id = {p.pk: p for p in positions}
    if not by_id:
        return {}
    found = rows_with_holders(Position.objects.filter(pk__in=list(by_id)).only("pk"), day, via="")
    return {by_id[row.pk]: replace(acting, position=by_id[row.pk]) for row, acting in found if acting is not None}


def rows_with_holders(rows: QuerySet, day: date | None = None, *,
                      via: str = "position") -> list[tuple[Any, Acting | None]]:
    """Each row of `rows` with who acts on `day` for the position it points to (`via`: the path from
    the row to its Position, "" when the rows are positions), or None when nobody does. A stand-in
    (Plt/Plh) beats the holder; among equals the lowest employee id.

    One SQL statement: the rows, their position (joined) and that day's stand-in and holding (LEFT
    JOINs whose ON clause carries the date rules) with their employees; so a caller that reads rows
    pointing to positions (an SOP's actor mappings) learns who fills them without a second query."""
    day = day or timezone.localdate()
    prefix = f"{via}__" if via else ""
    stand_in_on, holding_on = _on_day(day, prefix)
    joined = rows.annotate(
        acting_stand_in=FilteredRelation(f"{prefix}stand_ins", condition=stand_in_on),
        acting_holding=FilteredRelation(f"{prefix}holdings", condition=holding_on),
    ).select_related(*([via] if via else []), "acting_stand_in__employee", "acting_holding__employee")
    position_of = attrgetter(via.replace("__", ".")) if via else (lambda row: row)
    found: dict[Any, tuple[Any, tuple | None]] = {}  # row pk -> (row, (rank, employee id, acting))
    for row in joined:  # one row per (row, stand-in, holding) of the day: a row may repeat
        kept, best = found.get(row.pk, (row, None))
        for rank, name in ((0, "acting_stand_in"), (1, "acting_holding")):
            link = getattr(row, name, None)  # select_related sets nothing when the LEFT JOIN found no row
            if link is None:
                continue
            prefix_text = _prefix(link.kind) if rank == 0 else ""
            candidate = (rank, link.employee_id, Acting(link.employee, position_of(kept), prefix_text))
            if best is None or candidate[:2] < best[:2]:
                best = candidate
        found[row.pk] = (kept, best)
    return [(row, best[2] if best else None) for row, best in found.values()]


def acting_for(position: Position, day: date | None = None) -> Acting | None:
    """`holders_on` for one position."""
    return holders_on([position], day).get(position)


def roles_of(employee: Employee, day: date | None = None) -> list[Acting]:
    """Every position `employee` acts for on `day`: held ones and those they stand in for."""
    day = day or timezone.localdate()
    rows = list(_acting_rows(day, employee=employee))
    positions = Position.objects.in_bulk({row.acting_position for row in rows}) if rows else {}
    return [Acting(employee, positions[row.acting_position], _prefix(row.acting_kind)) for row in rows]


def is_head(employee: Employee | None, day: date | None = None) -> bool:
    """True for the Kepala Dinas or the Plt/Plh standing in for them on `day`."""
    if employee is None:
        return False
    return any(acting.position.is_head for acting in roles_of(employee, day))
