"""The office's kinerja home: the pengukuran kinerja table of a year (also as XLSX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.org.selectors import employee_of, visible_offices

from .. import periods, policies, selectors, spreadsheets
from ..models import Renstra
from ..windows import current_period
from .common import nav_context, no_plan_page, office_or_404, period_or_404, xlsx_response


@login_required
def index(request):
    """"Kinerja" in the menu: an employee's own office; a reader of several offices (the Inspektorat)
    picks one. An office whose Renstra does not cover this year opens on its Renstra page, and one
    with nothing to show says so: never a 404."""
    year, _quarter = current_period(timezone.localdate())
    employee = employee_of(request.user)
    offices = [employee.office] if employee is not None else list(visible_offices(request.user).order_by("name"))
    if not offices:
        raise Http404(_("Tidak ada OPD yang dapat Anda lihat."))
    homes = [(office, _office_home(request.user, office, year)) for office in offices]
    if employee is not None and homes[0][1] is not None:
        return redirect(homes[0][1])
    return render(request, "kinerja/offices.html", {"year": year, "offices": homes})


def _office_home(user, office, year: int) -> str | None:
    """Where the office's kinerja opens for this user: this year's pengukuran, else the Renstra page
    (its plans, or its planner's way to create one); None: nothing to show yet."""
    if selectors.renstra_for(office, year) is not None:
        return reverse("kinerja:pengukuran", kwargs={"code": office.code, "year": year})
    if Renstra.objects.filter(office=office).exists() or policies.can_edit_plan(user, office):
        return reverse("kinerja:renstra", kwargs={"code": office.code})
    return None


@login_required
def pengukuran(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    table = selectors.pengukuran(office, year)
    if table.renstra is None:
        if request.GET.get("format") == "xlsx":
            raise Http404(_("Tidak ada Renstra yang berlaku untuk tahun %(year)s.") % {"year": year})
        return no_plan_page(request, office, year, "pengukuran")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(spreadsheets.pengukuran_workbook(table), f"pengukuran-kinerja-{office.code}-{year}.xlsx")
    return render(request, "kinerja/pengukuran.html", {
        **nav_context(request, office), "table": table, "year": year, "years": periods.years(periods.periods(office)),
        "section": "pengukuran"})
