"""What the kinerja pages share: the office (through `visible_offices`: another office is a 404
unless granted read), its Renstra, the sub-menu, a period from the URL, an XLSX answer, the
messages of a refused form or act."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.org.selectors import employee_of, visible_offices

from .. import periods, policies, selectors
from ..models import PerjanjianKinerja, Renja, Renstra

MIN_YEAR, MAX_YEAR = 2000, 2100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def office_or_404(request, code):
    office = visible_offices(request.user).filter(code=code).first()
    if office is None:
        raise Http404(_("OPD tidak ditemukan."))
    return office


def renstra_or_404(office, year: int | None = None):
    """The Renstra in force for `year`; without a year, the one a plan page opens on (`periods`)."""
    renstra = (selectors.renstra_for(office, year) if year else
               periods.default_renstra(office, timezone.localdate().year))
    if renstra is None:
        raise Http404(_("OPD ini belum memiliki Renstra."))
    return renstra


def chosen_renstra(request, office):
    """The Renstra a plan page (Renstra, IKU, the plan imports) shows: `?periode=<tahun awal>` (from
    the period switcher, also in a form's GET or POST), else the default of `renstra_or_404`."""
    chosen = request.POST.get("periode") or request.GET.get("periode")
    if not chosen:
        return renstra_or_404(office)
    try:
        start = int(chosen)
    except ValueError:
        raise Http404(_("Periode harus berupa tahun awal Renstra.")) from None
    renstra = Renstra.objects.filter(office=office, start_year=start).first()
    if renstra is None:
        raise Http404(_("OPD ini tidak memiliki Renstra yang dimulai tahun %(year)s.") % {"year": start})
    return renstra


def no_plan_page(request, office, year: int, section: str):
    """A page of a year no Renstra is in force for: say so and where to make it, never a 404."""
    found = periods.periods(office)
    return render(request, "kinerja/no_plan.html", {
        **nav_context(request, office), "year": year, "section": section,
        "message": periods.missing_plan_message(found, year),
        "draft": periods.covering_draft(found, year),
        "can_plan": policies.can_edit_plan(request.user, office)})


def xlsx_response(workbook_bytes: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _latest_year(model, office, this_year: int) -> int | None:
    """The latest year up to this one that has a row of `model` (Renja, PK) for the office."""
    return (model.objects.filter(office=office, year__lte=this_year).order_by("-year")
            .values_list("year", flat=True).first())


def nav_context(request, office):
    """What the sub-menu shows to this user. The Renja and PK tabs open the latest year that has one
    (a planner without any is taken to this year's, to compose it)."""
    this_year = timezone.localdate().year
    is_planner = policies.is_planner(request.user, office)
    renja_year = _latest_year(Renja, office, this_year) or (this_year if is_planner else None)
    pk_year = _latest_year(PerjanjianKinerja, office, this_year) or (this_year if is_planner else None)
    return {"office": office, "is_planner": is_planner,
            "is_head": policies.is_head(request.user, office),
            "is_member": (employee_of(request.user) or None) is not None
            and employee_of(request.user).office_id == office.pk,
            "renja_year": renja_year, "pk_year": pk_year}


def period_or_404(year, quarter) -> tuple[int, int]:
    """A (year, triwulan) from a URL or query string; anything else is a 404 naming what is wrong."""
    try:
        year, quarter = int(year), int(quarter)
    except (TypeError, ValueError):
        raise Http404(_("Tahun dan triwulan harus berupa angka.")) from None
    if not (MIN_YEAR <= year <= MAX_YEAR) or quarter not in (1, 2, 3, 4):
        raise Http404(_("Tahun %(min)s–%(max)s dan triwulan 1–4.") % {"min": MIN_YEAR, "max": MAX_YEAR})
    return year, quarter


def error_messages(request, form=None, error: Exception | None = None) -> None:
    if form is not None:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                label = form.fields[field].label if form is not None and field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        else:
            messages.error(request, " ".join(error.messages))
    elif isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("Anda tidak berhak mengubah Renja ini."))
