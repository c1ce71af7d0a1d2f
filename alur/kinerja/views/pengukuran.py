"""The office's kinerja home: the pengukuran kinerja table of a year (also as XLSX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.org.selectors import employee_of, visible_offices

from .. import selectors, spreadsheets
from ..windows import current_period
from .common import nav_context, office_or_404, period_or_404, xlsx_response


@login_required
def index(request):
    employee = employee_of(request.user)
    office = employee.office if employee else visible_offices(request.user).first()
    if office is None:
        raise Http404(_("Tidak ada OPD yang dapat Anda lihat."))
    year, _quarter = current_period(timezone.localdate())
    return redirect("kinerja:pengukuran", code=office.code, year=year)


@login_required
def pengukuran(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    table = selectors.pengukuran(office, year)
    if table.renstra is None:
        raise Http404(_("Tidak ada Renstra yang mencakup tahun %(year)s.") % {"year": year})
    if request.GET.get("format") == "xlsx":
        return xlsx_response(spreadsheets.pengukuran_workbook(table), f"pengukuran-kinerja-{office.code}-{year}.xlsx")
    return render(request, "kinerja/pengukuran.html", {
        **nav_context(request, office), "table": table, "year": year, "years": table.renstra.years,
        "section": "pengukuran"})
