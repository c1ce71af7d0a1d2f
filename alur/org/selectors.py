"""Reads about the organisation that need care: who may see what, who acts for a position today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .models import Employee, Office, Position, PositionHolding, StandIn, active_on


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


def acting_for(position: Position, day: date | None = None) -> Acting | None:
    """A stand-in (Plt/Plh) covering `day` takes precedence over the absent holder."""
    day = day or timezone.localdate()
    stand_in = (
        StandIn.objects.filter(active_on(day), position=position).select_related("employee").first()
    )
    if stand_in:
        return Acting(stand_in.employee, position, stand_in.title_prefix)
    holding = (
        PositionHolding.objects.filter(active_on(day), position=position).select_related("employee").first()
    )
    return Acting(holding.employee, position) if holding else None


def roles_of(employee: Employee, day: date | None = None) -> list[Acting]:
    """Every position `employee` acts for on `day`: held ones and those they stand in for."""
    day = day or timezone.localdate()
    held = [
        Acting(h.employee, h.position)
        for h in PositionHolding.objects.filter(active_on(day), employee=employee).select_related(
            "position", "employee"
        )
    ]
    standing = [
        Acting(s.employee, s.position, s.title_prefix)
        for s in StandIn.objects.filter(active_on(day), employee=employee).select_related(
            "position", "employee"
        )
    ]
    return held + standing


def is_head(employee: Employee | None, day: date | None = None) -> bool:
    """True for the Kepala Dinas or the Plt/Plh standing in for them on `day`."""
    if employee is None:
        return False
    return any(acting.position.is_head for acting in roles_of(employee, day))
