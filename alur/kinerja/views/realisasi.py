"""Realisations: the responsible unit's entry (with evidence) and submission, the planning unit's
queue and decisions, the period's list, and the realisation spreadsheet (template and import)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.files.responses import stored_file_response
from alur.files.validators import check_and_hash
from alur.kit.forms import add_service_errors
from alur.org.selectors import employee_of

from .. import locks, policies, selectors, services, spreadsheets
from ..forms import BulkApproveForm, EvidenceForm, LockableImportForm, RealisasiForm, SendBackForm
from ..models import Evidence, Indicator, Realisasi
from ..windows import current_period, entry_window
from .common import nav_context, office_or_404, period_or_404, xlsx_response


@login_required
def realisasi_list(request, code, year):
    office = office_or_404(request, code)
    year, _quarter = period_or_404(year, 1)
    # The realisations of the plan in force for the year (a next plan's kondisi awal year is not its own).
    rows = (Realisasi.objects.filter(indicator__renstra=selectors.renstra_for(office, year), year=year)
            .select_related("indicator").order_by("indicator__code", "triwulan"))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(spreadsheets.realisasi_workbook(office, year, rows),
                             f"realisasi-{office.code}-{year}.xlsx")
    return render(request, "kinerja/realisasi_list.html", {
        **nav_context(request, office), "rows": rows, "year": year, "section": "realisasi"})


@login_required
def mine(request):
    employee = employee_of(request.user)
    if employee is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    office = employee.office
    today = timezone.localdate()
    year, quarter = current_period(today)
    year, quarter = period_or_404(request.GET.get("tahun", year), request.GET.get("tw", quarter))
    indicators = list(selectors.my_indicators(request.user, office, year))
    existing = {r.indicator_id: r for r in Realisasi.objects.filter(
        indicator__in=indicators, year=year, triwulan=quarter)}
    rows = [(i, existing.get(i.pk)) for i in indicators]
    return render(request, "kinerja/mine.html", {
        **nav_context(request, office), "rows": rows, "year": year, "quarter": quarter,
        "window": entry_window(office, year, quarter), "today": today, "section": "saya"})


@login_required
def entry(request, pk, year, quarter):
    year, quarter = period_or_404(year, quarter)
    employee = employee_of(request.user)
    indicator = get_object_or_404(Indicator.objects.select_related("renstra__office", "sasaran", "unit"), pk=pk)
    if employee is None or employee.office_id != indicator.renstra.office_id:
        raise Http404
    realisasi = Realisasi.objects.filter(indicator=indicator, year=year, triwulan=quarter).first()
    can_edit = policies.can_enter_realisasi(request.user, indicator, realisasi)
    initial = {f: getattr(realisasi, f) for f in ("value", *services.ANALYSIS_FIELDS)} if realisasi else {}
    if initial.get("value") is not None:
        initial["value"] = format(initial["value"].normalize(), "f")
    form = RealisasiForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.realisasi_save(user=request.user, indicator=indicator, year=year, triwulan=quarter,
                                    reason=request.POST.get("reason", ""), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Realisasi disimpan."))
            return redirect("kinerja:entry", pk=pk, year=year, quarter=quarter)
    target = indicator.quarter_targets.filter(year=year, triwulan=quarter).first()
    annual = indicator.targets.filter(year=year).first()
    return render(request, "kinerja/entry.html", {
        **nav_context(request, indicator.renstra.office), "indicator": indicator, "realisasi": realisasi, "form": form,
        "year": year, "quarter": quarter, "can_edit": can_edit, "evidence_form": EvidenceForm(),
        "quarter_target": target.value if target else None, "annual_target": annual.value if annual else None,
        "can_submit": realisasi is not None and policies.can_submit(request.user, realisasi),
        "window": entry_window(indicator.renstra.office, year, quarter), "section": "saya",
        "locks": locks.locks_on(indicator.renstra.office, kind="data_kinerja", year=year, triwulan=quarter)})


def _realisasi_for_act(request, pk) -> Realisasi:
    realisasi = get_object_or_404(Realisasi.objects.select_related("indicator__renstra__office"), pk=pk)
    if not policies.can_read(request.user, realisasi.indicator.renstra.office):
        raise Http404
    return realisasi


@login_required
@require_POST
def evidence_add(request, pk):
    realisasi = _realisasi_for_act(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(user=request.user, realisasi=realisasi, reason=request.POST.get("reason", ""),
                                  **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = EvidenceForm()
    context = {"realisasi": realisasi, "evidence_form": form, "can_edit": True,
               "locks": locks.locks_on(realisasi.indicator.renstra.office, kind="data_kinerja",
                                       year=realisasi.year, triwulan=realisasi.triwulan)}
    if request.htmx:
        return render(request, "kinerja/_evidence.html", context)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("kinerja:entry", pk=realisasi.indicator_id, year=realisasi.year, quarter=realisasi.triwulan)


@login_required
@require_POST
def submit(request, pk):
    realisasi = _realisasi_for_act(request, pk)
    try:
        services.realisasi_submit(user=request.user, realisasi=realisasi)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Realisasi diajukan untuk diverifikasi."))
    return redirect("kinerja:entry", pk=realisasi.indicator_id, year=realisasi.year, quarter=realisasi.triwulan)


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("realisasi__indicator__renstra"), pk=pk,
                                 kind=Evidence.Kind.FILE)
    if not policies.can_read(request.user, evidence.realisasi.indicator.renstra.office):
        raise Http404
    return stored_file_response(evidence.file, filename=evidence.original_name)


# -- verification and approval ----------------------------------------------------------------------

@login_required
def queue(request, code, kind):
    office = office_or_404(request, code)
    rows = list(selectors.verification_queue(office) if kind == "verifikasi" else selectors.approval_queue(office))
    allowed = policies.is_planner(request.user, office) if kind == "verifikasi" else policies.is_head(
        request.user, office)
    return render(request, "kinerja/queue.html", {
        **nav_context(request, office), "rows": rows, "kind": kind, "allowed": allowed, "back_form": SendBackForm(),
        "bulk": allowed and kind == "pengesahan" and bool(rows),  # several at once: the head's Sahkan
        "section": kind})


@login_required
@require_POST
def decide(request, pk, action):
    realisasi = _realisasi_for_act(request, pk)
    office = realisasi.indicator.renstra.office
    kind = "verifikasi" if realisasi.state == Realisasi.State.DIAJUKAN else "pengesahan"
    try:
        if action == "verifikasi":
            services.realisasi_verify(user=request.user, realisasi=realisasi)
            messages.success(request, _("Realisasi diverifikasi."))
        elif action == "sahkan":
            services.realisasi_approve(user=request.user, realisasi=realisasi)
            messages.success(request, _("Realisasi disahkan."))
        elif action == "kembalikan":
            services.realisasi_send_back(user=request.user, realisasi=realisasi, reason=request.POST.get("reason", ""))
            messages.success(request, _("Realisasi dikembalikan ke unit penanggung jawab."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("kinerja:queue", kwargs={"code": office.code, "kind": kind}))


@login_required
@require_POST
def approve_many(request, code):
    """Sahkan the realisations ticked on the pengesahan queue: all or nothing (services)."""
    office = office_or_404(request, code)
    form = BulkApproveForm(request.POST, office=office)
    if form.is_valid():
        try:
            done = services.realisasi_approve_many(user=request.user,
                                                   realisasi_ids=[r.pk for r in form.cleaned_data["realisasi"]])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s realisasi disahkan.") % {"n": len(done)})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("kinerja:queue", kwargs={"code": office.code, "kind": "pengesahan"}))


# -- spreadsheets in --------------------------------------------------------------------------------

def _member_office(request, code):
    """The user's own office (entering realisations is for its members; others get 404)."""
    office = office_or_404(request, code)
    employee = employee_of(request.user)
    if employee is None or employee.office_id != office.pk:
        raise Http404
    return office


@login_required
def realisasi_template(request, code, year, quarter):
    office = _member_office(request, code)
    year, quarter = period_or_404(year, quarter)
    data = spreadsheets.realisasi_template(user=request.user, office=office, year=year, triwulan=quarter)
    return xlsx_response(data, f"templat-realisasi-{office.code}-{year}-tw{quarter}.xlsx")


@login_required
def realisasi_import(request, code, year, quarter):
    office = _member_office(request, code)
    year, quarter = period_or_404(year, quarter)
    form = LockableImportForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        apply = form.cleaned_data["confirm"]
        try:
            check_and_hash(form.cleaned_data["file"], field="file")  # type, size, bounded zip
            parsed = services.realisasi_import(user=request.user, office=office, year=year, triwulan=quarter,
                                               data=form.cleaned_data["file"].read(), apply=apply,
                                               reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if apply and not parsed.errors:
                messages.success(request, _("%(n)s perubahan disimpan sebagai draf.") % {"n": len(parsed.changes)})
                return redirect(f"{reverse('kinerja:mine')}?tahun={year}&tw={quarter}")
    return render(request, "kinerja/import.html", {
        **nav_context(request, office), "form": form, "parsed": parsed, "section": "saya",
        "title": _("Impor realisasi Triwulan %(tw)s tahun %(year)s (XLSX)") % {"tw": quarter, "year": year},
        "template_url": reverse("kinerja:realisasi_template", args=[office.code, year, quarter]),
        "help": _("Satu baris per indikator: isi realisasi dan, bila perlu, faktor pendorong, faktor penghambat "
                  "dan langkah perbaikan. Realisasi disimpan sebagai draf untuk diajukan dari halaman Indikator "
                  "saya; yang sudah diajukan atau diverifikasi tidak dapat diubah lewat impor.")})
