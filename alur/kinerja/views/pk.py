"""The Perjanjian Kinerja of a year: its versions, prepared by the planning unit, signed by the head."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.core.sop.approver import approver_jabatan
from alur.kit.forms import add_service_errors

from .. import policies, selectors, services
from ..forms import PkForm
from ..models import PerjanjianKinerja
from ..snapshots import definitions_from_snapshot, year_snapshot
from .common import nav_context, no_plan_page, office_or_404, period_or_404


@login_required
def perjanjian(request, code, year):
    """The PK in force (highest signed version) or the latest draft; a signed PK reads its snapshot."""
    office = office_or_404(request, code)
    pks = list(PerjanjianKinerja.objects.filter(office=office, year=year).select_related("pihak_pertama", "renstra")
               .order_by("-version"))
    pk = next((p for p in pks if p.signed_at), pks[0] if pks else None)
    if pk is None and selectors.renstra_for(office, year) is None:  # say which plan is missing, never a 404
        return no_plan_page(request, office, year, "pk")
    if pk is None:
        if policies.can_prepare_pk(request.user, office):
            return redirect("kinerja:pk_create", code=office.code, year=year)
        raise Http404(_("Belum ada Perjanjian Kinerja tahun %(year)s.") % {"year": year})
    draft = pks[0] if pks[0].signed_at is None else None
    content = pk.snapshot if pk.signed_at else year_snapshot(pk.renstra, year)
    definitions = definitions_from_snapshot(content)
    return render(request, "kinerja/pk.html", {
        **nav_context(request, office), "pk": pk, "versions": pks, "definitions": definitions,
        "programs": [{**p, "anggaran": Decimal(p["anggaran"])} for p in content["programs"]],
        "total": Decimal(content["total_anggaran"]), "section": "pk", "year": year, "draft": draft,
        "pihak_pertama_jabatan": approver_jabatan(pk.pihak_pertama_title, office.name, office.government),
        "can_sign": draft is not None and policies.can_sign_pk(request.user, draft),
        "can_prepare": draft is None and policies.can_prepare_pk(request.user, office)})


@login_required
def pk_create(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    if not policies.can_prepare_pk(request.user, office):
        raise PermissionDenied(_("Hanya unit perencanaan yang menyusun PK."))
    if selectors.renstra_for(office, year) is None:
        return no_plan_page(request, office, year, "pk")
    last = PerjanjianKinerja.objects.filter(office=office, year=year).order_by("-version").first()
    initial = {"pihak_kedua_name": last.pihak_kedua_name, "pihak_kedua_title": last.pihak_kedua_title} if last else {}
    form = PkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.pk_create(user=request.user, office=office, year=year, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Draf PK disimpan; kepala OPD menandatanganinya."))
            return redirect("kinerja:pk", code=office.code, year=year)
    return render(request, "kinerja/pk_create.html", {
        **nav_context(request, office), "form": form, "year": year, "perubahan": last is not None, "section": "pk"})


@login_required
@require_POST
def pk_sign(request, code, pk):
    office = office_or_404(request, code)
    agreement = get_object_or_404(PerjanjianKinerja, pk=pk, office=office)
    if not request.POST.get("confirm"):
        messages.error(request, _("Centang pernyataan penandatanganan untuk menandatangani PK."))
    else:
        try:
            services.pk_sign(user=request.user, pk=agreement)
        except ValidationError as error:  # signed by someone else meanwhile: say who
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("PK ditandatangani; isinya dibekukan."))
    return redirect("kinerja:pk", code=office.code, year=agreement.year)
