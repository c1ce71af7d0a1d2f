"""Reads about the organisation that need care: who may see what, who acts for a position today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, Value
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


def _acting_rows(day: date, **where):
    """Employees acting on `day`, each annotated with the position they act for and how: one
    statement (stand-ins UNION holdings). `where` narrows by `position_id__in` or `employee`."""
    stand_in_where = {f"stand_ins__{key}": value for key, value in where.items()}
    holding_where = {f"holdings__{key}": value for key, value in where.items()}
    standing = (
        Employee.objects.filter(Q(stand_ins__start__lte=day, stand_ins__end__gte=day, **stand_in_where))
        .annotate(acting_position=F("stand_ins__position_id"), acting_kind=F("stand_ins__kind"),
                  acting_rank=Value(0))
        .order_by()
    )
    holding = (
        Employee.objects.filter(
            Q(holdings__start__lte=day, **holding_where) & (Q(holdings__end__isnull=True) | Q(holdings__end__gte=day)))
        .annotate(acting_position=F("holdings__position_id"), acting_kind=Value(""), acting_rank=Value(1))
        .order_by()
    )
    return standing.union(holding, all=True)


def _prefix(kind: str) -> str:
    return {StandIn.Kind.PLT: "Plt.", StandIn.Kind.PLH: "Plh."}.get(kind, "")


def holders_on(positions: Iterable[Position], day: date | None = None) -> dict[Position, Acting]:
    """Who acts for each position on `day`: a stand-in (Plt/Plh) beats the holder; a position
    nobody fills is left out. One SQL statement for all positions."""
    day = day or timezone.localdate()
    by_id = {p.pk: p for p in positions}
    if not by_id:
        return {}
    best: dict[int, Employee] = {}
    for employee in _acting_rows(day, position_id__in=list(by_id)):
        current = best.get(employee.acting_position)
        if current is None or (employee.acting_rank, employee.pk) < (current.acting_rank, current.pk):
            best[employee.acting_position] = employee
    return {
        by_id[pk]: Acting(employee, by_id[pk], _prefix(employee.acting_kind)) for pk, employee in best.items()
    }


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
