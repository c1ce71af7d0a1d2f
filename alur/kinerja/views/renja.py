"""The Renja page of a year: everyone in the office (and grant holders) reads it; the planning unit
creates the Renja and adds, edits and deletes its lines through `services.renja`."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.core.kinerja import format_decimal

from .. import locks, policies
from ..budget_tree import pagu_indikatif_warnings, renja_tree
from ..models import Renja, RenjaLine
from ..plan_forms import RenjaLineAddForm, RenjaLineEditForm
from ..selectors import renstra_for
from ..services import renja as renja_services
from .common import error_messages, nav_context, no_plan_page, office_or_404, period_or_404


def _editable(value: Decimal | None) -> str:
    """A stored figure as the form shows it for editing: in Alur's notation, every decimal it has
    (reading it back gives the same number)."""
    return "" if value is None else format_decimal(value)


@login_required
def renja(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    is_planner = policies.can_edit_plan(request.user, office)
    plan = Renja.objects.filter(office=office, year=year).select_related("renstra").first()
    if plan is None:
        if renstra_for(office, year) is None:  # say which plan is missing, never a 404
            return no_plan_page(request, office, year, "renja")
        if not is_planner:
            raise Http404(_("Belum ada Renja tahun %(year)s.") % {"year": year})
        return render(request, "kinerja/renja.html", {
            **nav_context(request, office), "renja": None, "year": year, "section": "renja", "can_edit": True})
    tree = renja_tree(plan.lines.select_related("program", "kegiatan", "sub_kegiatan__kegiatan", "indicator"))
    lines = tree.lines
    for line in lines:  # the template indents a line under its parent and marks the lines the total counts
        line.depth, line.counted = tree.depth[line.pk], line.pk in tree.leaves
    context = {**nav_context(request, office), "renja": plan, "year": year, "lines": lines, "total": tree.total,
               "warnings": tree.warnings + pagu_indikatif_warnings(plan.renstra, year), "section": "renja",
               "can_edit": is_planner}
    if is_planner:
        context["locks"] = locks.locks_on(office, kind="renja", year=year)
        context["add_form"] = RenjaLineAddForm(renstra=plan.renstra)
        for line in lines:
            line.edit_form = RenjaLineEditForm(renstra=plan.renstra, prefix=f"line{line.pk}", initial={
                "code": line.code, "name": line.name, "indicator": line.indicator_id,
                "target": _editable(line.target), "pagu": _editable(line.pagu), "lokasi": line.lokasi,
                "sumber_dana": line.sumber_dana, "target_maju": _editable(line.target_maju),
                "pagu_maju": _editable(line.pagu_maju)})
    return render(request, "kinerja/renja.html", context)


@login_required
@require_POST
def renja_create(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    try:
        renja_services.renja_create(user=request.user, office=office, year=year)
    except (ValidationError, PermissionDenied) as error:
        error_messages(request, error=error)
    else:
        messages.success(request, _("Renja tahun %(year)s disusun; tambahkan barisnya.") % {"year": year})
    return redirect("kinerja:renja", code=office.code, year=year)


@login_required
@require_POST
def renja_line_add(request, code, year):
    office = office_or_404(request, code)
    plan = get_object_or_404(Renja.objects.select_related("renstra"), office=office, year=year)
    form = RenjaLineAddForm(request.POST, renstra=plan.renstra)
    if not form.is_valid():
        error_messages(request, form)
        return redirect("kinerja:renja", code=office.code, year=plan.year)
    data = form.cleaned_data
    try:
        line = renja_services.renja_line_add(
            user=request.user, renja=plan, node=form.node(), code=data["code"], name=data["name"],
            indicator=data["indicator"], target=data["target"],
            pagu=data["pagu"] if data["pagu"] is not None else Decimal(0), lokasi=data["lokasi"],
            sumber_dana=data["sumber_dana"], target_maju=data["target_maju"], pagu_maju=data["pagu_maju"],
            reason=data["reason"])
    except (ValidationError, PermissionDenied) as error:
        error_messages(request, form, error)
    else:
        messages.success(request, _("Baris %(code)s ditambahkan.") % {"code": line.code})
    return redirect("kinerja:renja", code=office.code, year=plan.year)


def _line(request, code, pk) -> RenjaLine:
    office = office_or_404(request, code)
    return get_object_or_404(RenjaLine.objects.select_related("renja__renstra", "renja__office"), pk=pk,
                             renja__office=office)


@login_required
@require_POST
def renja_line_edit(request, code, pk):
    line = _line(request, code, pk)
    form = RenjaLineEditForm(request.POST, renstra=line.renja.renstra, prefix=f"line{line.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            renja_services.renja_line_update(
                user=request.user, line=line, reason=request.POST.get("reason", ""), code=data["code"],
                name=data["name"],
                indicator=data["indicator"], target=data["target"], pagu=data["pagu"], lokasi=data["lokasi"],
                sumber_dana=data["sumber_dana"], target_maju=data["target_maju"], pagu_maju=data["pagu_maju"])
        except (ValidationError, PermissionDenied) as error:
            error_messages(request, form, error)
        else:
            messages.success(request, _("Baris %(code)s diubah.") % {"code": data["code"]})
    else:
        error_messages(request, form)
    return redirect("kinerja:renja", code=line.renja.office.code, year=line.renja.year)


@login_required
@require_POST
def renja_line_delete(request, code, pk):
    line = _line(request, code, pk)
    try:
        renja_services.renja_line_delete(user=request.user, line=line, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as error:
        error_messages(request, error=error)
    else:
        messages.success(request, _("Baris %(code)s dihapus.") % {"code": line.code})
    return redirect("kinerja:renja", code=line.renja.office.code, year=line.renja.year)
