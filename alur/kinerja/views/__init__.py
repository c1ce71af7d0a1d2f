"""Pages of an office's performance data. Every page resolves the office through
`visible_offices` (another office: 404 unless granted read); every act goes through `services`."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.core.sop.approver import approver_jabatan
from alur.files.responses import stored_file_response
from alur.files.validators import check_and_hash
from alur.kit.forms import add_service_errors
from alur.org.selectors import employee_of, visible_offices

from .. import locks, policies, selectors, services, spreadsheets
from ..forms import EvidenceForm, ImportForm, LockableImportForm, PkForm, RealisasiForm, SendBackForm
from ..models import Evidence, IkuSet, Indicator, PerjanjianKinerja, Realisasi, Renja, Renstra
from ..snapshots import definitions_from_snapshot, indicator_rows, targets_by_indicator, year_snapshot
from ..windows import current_period, entry_window

MIN_YEAR, MAX_YEAR = 2000, 2100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _office(request, code):
    office = visible_offices(request.user).filter(code=code).first()
    if office is None:
        raise Http404(_("OPD tidak ditemukan."))
    return office


def _renstra(office, year: int | None = None):
    renstra = (selectors.renstra_for(office, year) if year else
               Renstra.objects.filter(office=office).order_by("-start_year").first())
    if renstra is None:
        raise Http404(_("OPD ini belum memiliki Renstra."))
    return renstra


def _xlsx(workbook_bytes: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _latest_year(model, office, this_year: int) -> int | None:
    """The latest year up to this one that has a row of `model` (Renja, PK) for the office."""
    return (model.objects.filter(office=office, year__lte=this_year).order_by("-year")
            .values_list("year", flat=True).first())


def _nav(request, office):
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
    office = _office(request, code)
    year, _quarter = _period(year, 1)
    table = selectors.pengukuran(office, year)
    if table.renstra is None:
        raise Http404(_("Tidak ada Renstra yang mencakup tahun %(year)s.") % {"year": year})
    if request.GET.get("format") == "xlsx":
        return _xlsx(spreadsheets.pengukuran_workbook(table), f"pengukuran-kinerja-{office.code}-{year}.xlsx")
    return render(request, "kinerja/pengukuran.html", {
        **_nav(request, office), "table": table, "year": year, "years": table.renstra.years,
        "section": "pengukuran"})


@login_required
def renstra_tree(request, code):
    office = _office(request, code)
    renstra = _renstra(office)
    if request.GET.get("format") == "xlsx":
        return _xlsx(spreadsheets.renstra_workbook(renstra), f"renstra-{office.code}.xlsx")
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
        **_nav(request, office), "renstra": renstra, "tujuan": tujuan, "programs": programs,
        "revisions": renstra.revisions.all(), "section": "renstra",
        "can_tetapkan": policies.can_tetapkan_renstra(request.user, office)})


def _pagu_by_year(node, years):
    amounts = {p.year: p.amount for p in node.pagu.all()}
    return [amounts.get(y) for y in years]


@login_required
def iku(request, code):
    office = _office(request, code)
    renstra = _renstra(office)
    indicators = [i for i in indicator_rows([renstra.pk]) if i.is_iku]
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    for indicator in indicators:
        indicator.year_targets = [annual.get((indicator.pk, y)) for y in renstra.years]
    iku_sets = list(renstra.iku_sets.select_related("renstra__office"))
    for iku_set in iku_sets:
        iku_set.can_approve = policies.can_approve_iku(request.user, iku_set)
    return render(request, "kinerja/iku.html", {
        **_nav(request, office), "renstra": renstra, "indicators": indicators, "iku_sets": iku_sets,
        "can_propose": policies.can_propose_iku(request.user, office), "section": "iku"})


@login_required
@require_POST
def iku_propose(request, code):
    office = _office(request, code)
    try:
        iku = services.iku_set_propose(user=request.user, renstra=_renstra(office))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Versi IKU %(v)s diajukan.") % {"v": iku.version})
    return redirect("kinerja:iku", code=office.code)


@login_required
@require_POST
def iku_approve(request, code, pk):
    office = _office(request, code)
    iku = get_object_or_404(IkuSet.objects.select_related("renstra__office"), pk=pk, renstra__office=office)
    try:
        services.iku_set_approve(user=request.user, iku=iku)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Versi IKU %(v)s disetujui.") % {"v": iku.version})
    return redirect("kinerja:iku", code=office.code)


@login_required
def indicator_detail(request, code, pk):
    office = _office(request, code)
    indicator = get_object_or_404(Indicator.objects.select_related("renstra", "sasaran", "unit", "position"),
                                  pk=pk, renstra__office=office)
    return render(request, "kinerja/indicator.html", {
        **_nav(request, office), "indicator": indicator, "series": selectors.indicator_series(indicator),
        "section": "pengukuran"})


@login_required
def realisasi_list(request, code, year):
    office = _office(request, code)
    year, _quarter = _period(year, 1)
    rows = (Realisasi.objects.filter(indicator__renstra__office=office, year=year)
            .select_related("indicator").order_by("indicator__code", "triwulan"))
    if request.GET.get("format") == "xlsx":
        return _xlsx(spreadsheets.realisasi_workbook(office, year, rows), f"realisasi-{office.code}-{year}.xlsx")
    return render(request, "kinerja/realisasi_list.html", {
        **_nav(request, office), "rows": rows, "year": year, "section": "realisasi"})


# -- entry by the responsible unit ------------------------------------------------------------------

@login_required
def mine(request):
    employee = employee_of(request.user)
    if employee is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    office = employee.office
    today = timezone.localdate()
    year, quarter = current_period(today)
    year, quarter = _period(request.GET.get("tahun", year), request.GET.get("tw", quarter))
    indicators = list(selectors.my_indicators(request.user, office))
    existing = {r.indicator_id: r for r in Realisasi.objects.filter(
        indicator__in=indicators, year=year, triwulan=quarter)}
    rows = [(i, existing.get(i.pk)) for i in indicators if year in i.renstra.years]
    return render(request, "kinerja/mine.html", {
        **_nav(request, office), "rows": rows, "year": year, "quarter": quarter,
        "window": entry_window(office, year, quarter), "today": today, "section": "saya"})


def _period(year, quarter) -> tuple[int, int]:
    """A (year, triwulan) from a URL or query string; anything else is a 404 naming what is wrong."""
    try:
        year, quarter = int(year), int(quarter)
    except (TypeError, ValueError):
        raise Http404(_("Tahun dan triwulan harus berupa angka.")) from None
    if not (MIN_YEAR <= year <= MAX_YEAR) or quarter not in (1, 2, 3, 4):
        raise Http404(_("Tahun %(min)s–%(max)s dan triwulan 1–4.") % {"min": MIN_YEAR, "max": MAX_YEAR})
    return year, quarter


@login_required
def entry(request, pk, year, quarter):
    year, quarter = _period(year, quarter)
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
        **_nav(request, indicator.renstra.office), "indicator": indicator, "realisasi": realisasi, "form": form,
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
    office = _office(request, code)
    rows = selectors.verification_queue(office) if kind == "verifikasi" else selectors.approval_queue(office)
    allowed = policies.is_planner(request.user, office) if kind == "verifikasi" else policies.is_head(
        request.user, office)
    return render(request, "kinerja/queue.html", {
        **_nav(request, office), "rows": rows, "kind": kind, "allowed": allowed, "back_form": SendBackForm(),
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


# -- spreadsheets in ---------------------------------------------------------------------------------

@login_required
def renstra_template(request, code):
    office = _office(request, code)
    return _xlsx(spreadsheets.renstra_workbook(_renstra(office), template=True), f"templat-renstra-{office.code}.xlsx")


@login_required
def program_template(request, code):
    office = _office(request, code)
    return _xlsx(spreadsheets.program_workbook(_renstra(office), template=True), f"templat-program-{office.code}.xlsx")


def _plan_import(request, code, *, importer, title, template_url_name, lockable=False):
    """One page for every plan spreadsheet: a dry run lists the changes, the confirmed run stores them.
    `lockable`: the file may change data a signed document fixed, so the form asks for the reason."""
    office = _office(request, code)
    renstra = _renstra(office)
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
                return redirect("kinerja:renstra", code=office.code)
    return render(request, "kinerja/import.html", {
        **_nav(request, office), "renstra": renstra, "form": form, "parsed": parsed, "section": "renstra",
        "title": title, "template_url": reverse(template_url_name, args=[office.code])})


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


def _member_office(request, code):
    """The user's own office (entering realisations is for its members; others get 404)."""
    office = _office(request, code)
    employee = employee_of(request.user)
    if employee is None or employee.office_id != office.pk:
        raise Http404
    return office


@login_required
def realisasi_template(request, code, year, quarter):
    office = _member_office(request, code)
    year, quarter = _period(year, quarter)
    data = spreadsheets.realisasi_template(user=request.user, office=office, year=year, triwulan=quarter)
    return _xlsx(data, f"templat-realisasi-{office.code}-{year}-tw{quarter}.xlsx")


@login_required
def realisasi_import(request, code, year, quarter):
    office = _member_office(request, code)
    year, quarter = _period(year, quarter)
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
        **_nav(request, office), "form": form, "parsed": parsed, "section": "saya",
        "title": _("Impor realisasi Triwulan %(tw)s tahun %(year)s (XLSX)") % {"tw": quarter, "year": year},
        "template_url": reverse("kinerja:realisasi_template", args=[office.code, year, quarter])})


# -- Renja and PK ------------------------------------------------------------------------------------

@login_required
def perjanjian(request, code, year):
    """The PK in force (highest signed version) or the latest draft; a signed PK reads its snapshot."""
    office = _office(request, code)
    pks = list(PerjanjianKinerja.objects.filter(office=office, year=year).select_related("pihak_pertama", "renstra")
               .order_by("-version"))
    pk = next((p for p in pks if p.signed_at), pks[0] if pks else None)
    if pk is None:
        if policies.can_prepare_pk(request.user, office):
            return redirect("kinerja:pk_create", code=office.code, year=year)
        raise Http404(_("Belum ada Perjanjian Kinerja tahun %(year)s.") % {"year": year})
    draft = pks[0] if pks[0].signed_at is None else None
    content = pk.snapshot if pk.signed_at else year_snapshot(pk.renstra, year)
    definitions = definitions_from_snapshot(content)
    return render(request, "kinerja/pk.html", {
        **_nav(request, office), "pk": pk, "versions": pks, "definitions": definitions,
        "programs": [{**p, "anggaran": Decimal(p["anggaran"])} for p in content["programs"]],
        "total": Decimal(content["total_anggaran"]), "section": "pk", "year": year, "draft": draft,
        "pihak_pertama_jabatan": approver_jabatan(pk.pihak_pertama_title, office.name, office.government),
        "can_sign": draft is not None and policies.can_sign_pk(request.user, draft),
        "can_prepare": draft is None and policies.can_prepare_pk(request.user, office)})


@login_required
def pk_create(request, code, year):
    office = _office(request, code)
    year, _quarter = _period(year, 1)
    if not policies.can_prepare_pk(request.user, office):
        raise PermissionDenied(_("Hanya unit perencanaan yang menyusun PK."))
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
        **_nav(request, office), "form": form, "year": year, "perubahan": last is not None, "section": "pk"})


@login_required
@require_POST
def pk_sign(request, code, pk):
    office = _office(request, code)
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
