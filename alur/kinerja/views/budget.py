"""The budget realisation page of a year: serapan per programme/kegiatan and triwulan, its XLSX
export, and entry of pagu (planner) and realisasi anggaran (planner or the responsible unit)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import locks, policies, selectors
from ..budget_sheets import budget_workbook
from ..models import Kegiatan
from ..plan_forms import BudgetForm
from ..services import budget as budget_services
from .common import (
    error_messages,
    nav_context,
    no_plan_page,
    office_or_404,
    period_or_404,
    renstra_or_404,
    xlsx_response,
)


def _form(request, office, renstra, table, data=None):
    planner = policies.can_set_pagu(request.user, office)
    kegiatan = Kegiatan.objects.filter(program__renstra=renstra).select_related("program") if planner else ()
    return BudgetForm(data, rows=table.rows, can_set_pagu=planner, kegiatan=kegiatan)


@login_required
def budget(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    if selectors.renstra_for(office, year) is None and request.GET.get("format") != "xlsx":
        return no_plan_page(request, office, year, "anggaran")  # says which plan is missing
    renstra = renstra_or_404(office, year)
    table = budget_services.budget_table(user=request.user, office=office, renstra=renstra, year=year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(budget_workbook(office, table), f"realisasi-anggaran-{office.code}-{year}.xlsx")
    form = _form(request, office, renstra, table)
    context = {**nav_context(request, office), "table": table, "year": year, "years": renstra.years,
               "section": "anggaran", "form": form if form.fields["line"].choices else None}
    if form.fields["line"].choices and "pagu" in form.fields:
        context["locks"] = locks.locks_on(office, kind="pk", year=year)
    return render(request, "kinerja/budget.html", context)


@login_required
@require_POST
def budget_save(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    renstra = renstra_or_404(office, year)
    table = budget_services.budget_table(user=request.user, office=office, renstra=renstra, year=year)
    form = _form(request, office, renstra, table, request.POST)
    if not form.is_valid():
        error_messages(request, form)
        return redirect("kinerja:budget", code=office.code, year=year)
    program, kegiatan = form.nodes()
    data = form.cleaned_data
    try:
        saved = budget_services.budget_set(
            user=request.user, program=program, kegiatan=kegiatan, year=year, triwulan=data["triwulan"],
            pagu=data.get("pagu"), realisasi=data["realisasi"], reason=data["reason"])
    except (ValidationError, PermissionDenied) as error:
        error_messages(request, form, error)
    else:
        for warning in saved.warnings:
            messages.warning(request, warning)
        messages.success(request, _("Anggaran %(code)s Triwulan %(tw)s %(year)s disimpan.") % {
            "code": (kegiatan or program).code, "tw": data["triwulan"], "year": year})
    return redirect("kinerja:budget", code=office.code, year=year)
