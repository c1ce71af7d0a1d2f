from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from alur.org.models import Employee, PositionHolding, StandIn, active_on
from alur.org.policies import can_manage_office
from alur.org.selectors import employee_of, roles_of, visible_offices

from .home import home_panels


def office_for(user, code: str):
    """The office with `code` if `user` may see it; 404 otherwise, so other offices stay invisible."""
    return get_object_or_404(visible_offices(user), code=code)


@login_required
def home(request):
    employee = employee_of(request.user)
    context = {
        "employee": employee,
        "roles": roles_of(employee) if employee else [],
        "offices": visible_offices(request.user),
        "panels": home_panels(request.user),
    }
    return render(request, "web/home.html", context)


@login_required
def office_detail(request, code):
    office = office_for(request.user, code)
    today = timezone.localdate()
    holdings = {
        h.position_id: h
        for h in PositionHolding.objects.filter(active_on(today), position__office=office).select_related(
            "employee"
        )
    }
    stand_ins = {
        s.position_id: s
        for s in StandIn.objects.filter(active_on(today), position__office=office).select_related("employee")
    }
    units = office.units.prefetch_related("positions").order_by("parent_id", "name")
    rows = [
        {"unit": unit, "positions": [
            {"position": p, "holding": holdings.get(p.pk), "stand_in": stand_ins.get(p.pk)}
            for p in unit.positions.all()
        ]}
        for unit in units
    ]
    return render(request, "web/office_detail.html", {
        "office": office, "rows": rows, "can_manage": can_manage_office(request.user, office)})


@login_required
def employee_detail(request, code, pk):
    office = office_for(request.user, code)
    employee = get_object_or_404(Employee, pk=pk, office=office)
    holdings = employee.holdings.select_related("position").order_by("-start")
    return render(
        request, "web/employee_detail.html",
        {"office": office, "person": employee, "holdings": holdings, "stand_ins": employee.stand_ins.all(),
         "can_manage": can_manage_office(request.user, office)},
    )
