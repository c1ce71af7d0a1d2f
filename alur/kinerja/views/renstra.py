"""The Renstra as a tree (tujuan, sasaran, programmes with pagu, their indicators), one indicator's
page, and the plan spreadsheets: templates out, imports in (a dry run first)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alur.files.validators import check_and_hash
from alur.kit.forms import add_service_errors

from .. import policies, selectors, services, spreadsheets
from ..forms import ImportForm, LockableImportForm
from ..models import Indicator
from ..snapshots import indicator_rows, targets_by_indicator
from .common import chosen_renstra, nav_context, office_or_404, xlsx_response


@login_required
def renstra_tree(request, code):
    office = office_or_404(request, code)
    renstra = chosen_renstra(request, office)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(spreadsheets.renstra_workbook(renstra), f"renstra-{office.code}.xlsx")
    indicators = list(indicator_rows([renstra.pk], sasaran_only=False))
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    for indicator in indicators:
        indicator.year_targets = [annual.get((indicator.pk, y)) for y in renstra.years]
    by_sasaran, by_program, by_kegiatan, by_sub = {}, {}, {}, {}
    for indicator in indicators:  # each indicator belongs to one node, the most specific one set
        if indicator.sasaran_id:
            by_sasaran.setdefault(indicator.sasaran_id, []).append(indicator)
        elif indicator.sub_kegiatan_id:
            by_sub.setdefault(indicator.sub_kegiatan_id, []).append(indicator)
        elif indicator.kegiatan_id:
            by_kegiatan.setdefault(indicator.kegiatan_id, []).append(indicator)
        elif indicator.program_id:
            by_program.setdefault(indicator.program_id, []).append(indicator)
    tujuan = list(renstra.tujuan.prefetch_related("sasaran"))
    for t in tujuan:
        t.sasaran_list = [(s, by_sasaran.get(s.pk, [])) for s in t.sasaran.all()]
    programs = list(renstra.programs.select_related("unit").prefetch_related(
        "pagu", "kegiatan__unit", "kegiatan__pagu", "kegiatan__sub_kegiatan__pagu", "kegiatan__sub_kegiatan__unit"))
    for node in programs:
        node.pagu_years = _pagu_by_year(node, renstra.years)
        node.indicator_list = by_program.get(node.pk, [])
        for keg in node.kegiatan.all():
            keg.pagu_years = _pagu_by_year(keg, renstra.years)
            keg.indicator_list = by_kegiatan.get(keg.pk, [])
            for sub in keg.sub_kegiatan.all():
                sub.pagu_years = _pagu_by_year(sub, renstra.years)
                sub.indicator_list = by_sub.get(sub.pk, [])
    return render(request, "kinerja/renstra.html", {
        **nav_context(request, office), "renstra": renstra, "tujuan": tujuan, "programs": programs,
        "revisions": renstra.revisions.all(), "section": "renstra",
        "can_tetapkan": policies.can_tetapkan_renstra(request.user, office)})


def _pagu_by_year(node, years):
    amounts = {p.year: p.amount for p in node.pagu.all()}
    return [amounts.get(y) for y in years]


@login_required
def indicator_detail(request, code, pk):
    office = office_or_404(request, code)
    indicator = get_object_or_404(Indicator.objects.select_related("renstra", "sasaran", "unit", "position"),
                                  pk=pk, renstra__office=office)
    return render(request, "kinerja/indicator.html", {
        **nav_context(request, office), "indicator": indicator, "series": selectors.indicator_series(indicator),
        "section": "pengukuran"})


# -- spreadsheets in --------------------------------------------------------------------------------

@login_required
def renstra_template(request, code):
    office = office_or_404(request, code)
    return xlsx_response(spreadsheets.renstra_workbook(chosen_renstra(request, office), template=True),
                         f"templat-renstra-{office.code}.xlsx")


@login_required
def program_template(request, code):
    office = office_or_404(request, code)
    return xlsx_response(spreadsheets.program_workbook(chosen_renstra(request, office), template=True),
                         f"templat-program-{office.code}.xlsx")


def _plan_import(request, code, *, importer, title, template_url_name, lockable=False):
    """One page for every plan spreadsheet: a dry run lists the changes, the confirmed run stores them.
    `lockable`: the file may change data a signed document fixed, so the form asks for the reason."""
    office = office_or_404(request, code)
    renstra = chosen_renstra(request, office)
    if not policies.can_edit_plan(request.user, office):
        raise PermissionDenied(_("Hanya unit perencanaan yang mengimpor rencana kinerja."))
    form = (LockableImportForm if lockable else ImportForm)(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        apply = form.cleaned_data["confirm"]
        extra = {"reason": form.cleaned_data["reason"]} if lockable else {}
        try:
            check_and_hash(form.cleaned_data["file"], field="file")  # type, size, bounded zip
            parsed = importer(user=request.user, renstra=renstra, data=form.cleaned_data["file"].read(), apply=apply,
                              **extra)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if apply and not parsed.errors:
                messages.success(request, _("%(created)s baris dibuat, %(n)s perubahan disimpan.") % {
                    "created": len(parsed.creations), "n": len(parsed.changes)})
                return redirect(f"{reverse('kinerja:renstra', args=[office.code])}?periode={renstra.start_year}")
    return render(request, "kinerja/import.html", {
        **nav_context(request, office), "renstra": renstra, "form": form, "parsed": parsed, "section": "renstra",
        "title": title,
        "template_url": f"{reverse(template_url_name, args=[office.code])}?periode={renstra.start_year}"})


@login_required
def renstra_import(request, code):
    return _plan_import(request, code, importer=services.renstra_matrix_import,
                        title=_("Impor matriks Renstra (XLSX)"), template_url_name="kinerja:renstra_template",
                        lockable=True)


@login_required
def program_import(request, code):
    return _plan_import(request, code, importer=services.program_import,
                        title=_("Impor program, kegiatan dan pagu (XLSX)"),
                        template_url_name="kinerja:program_template")
