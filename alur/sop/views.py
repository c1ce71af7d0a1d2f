"""The SOP library: list, the official document with its downloads and history, and authoring."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.core.sop.validate import ERROR, Issue, typo_flags, validate_sop_dict
from alur.core.text import strip_forbidden
from alur.org.models import Position
from alur.org.selectors import employee_of
from alur.sop.render import render_sop
from alur.sop.render.common import total_waktu

from . import policies, services
from .forms import (
    FORM_ERRORS,
    ActorMappingForm,
    apply_op,
    blank_state,
    contract_data,
    data_for_validation,
    editor_context,
    state_from_data,
    state_from_post,
)
from .models import ActorMapping, Sop, SopRevision
from .selectors import (
    confirmed_step_nos,
    link_proposals,
    office_header,
    revision_of,
    sop_for,
    sops_for,
    unconfirmed_message,
    unconfirmed_steps,
    working_day_of,
)

STEPS_PER_PAGE_CHOICES = (5, 6, 8, 10, 12, 15, 20)
DEFAULT_STEPS_PER_PAGE = 10
DOWNLOADS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "svg": ("image/svg+xml", "svg"),
    "bpmn": ("application/xml", "bpmn"),
    "html": ("text/html; charset=utf-8", "html"),
}


def _steps_per_page(request) -> int:
    try:
        value = int(request.GET.get("per_halaman", DEFAULT_STEPS_PER_PAGE))
    except ValueError:
        return DEFAULT_STEPS_PER_PAGE
    return min(max(value, 1), 30)


def _require_editor(request, sop) -> None:
    policies.require(policies.can_edit_sop(request.user, sop),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat menyusun SOP."))


def _draft(sop, number) -> SopRevision:
    revision = revision_of(sop, number)
    if not revision.is_draft:
        raise PermissionDenied(_("Revisi yang sudah disahkan tidak dapat diubah; buat revisi baru."))
    return revision


# -- reading -------------------------------------------------------------------------------------


@login_required
def sop_list(request):
    query = strip_forbidden(request.GET.get("q", "")).strip()[:200]
    rows = []
    for sop in sops_for(request.user, query):
        revision = sop.current_revision()
        if revision is None:
            continue
        draft = next((r for r in sop.revisions.all() if r.is_draft and r.number > revision.number), None)
        rows.append({"sop": sop, "rev": revision, "draft": draft, "unconfirmed": len(unconfirmed_steps(revision))})
    rows.sort(key=lambda row: (row["rev"].nomor, row["rev"].nama))
    employee = employee_of(request.user)
    context = {
        "rows": rows,
        "query": query,
        "can_create": bool(employee and policies.can_create_sop(request.user, employee.office)),
    }
    template = "sop/_sop_rows.html" if request.htmx else "sop/sop_list.html"
    return render(request, template, context)


@login_required
def sop_detail(request, pk):
    sop = sop_for(request.user, pk)
    revision = revision_of(sop, request.GET.get("revisi"))
    core = revision.as_core()
    steps_per_page = _steps_per_page(request)
    working_day = working_day_of(sop.office)
    document = render_sop(core, office_header(sop.office), "html", steps_per_page=steps_per_page, standalone=False,
                          working_day=working_day)
    editor = policies.can_edit_sop(request.user, sop)
    revisions = list(sop.revisions.select_related("approved_by", "created_by").order_by("-number"))
    mappings: dict[str, list] = {}
    modes: dict[str, str] = {}
    for m in sop.actor_mappings.select_related("position").order_by("pk"):
        mappings.setdefault(m.actor, []).append(m.position)
        modes[m.actor] = m.mode
    mapping_form = None
    if editor:
        mapping_form = ActorMappingForm(
            actors=list(core.actors), positions=Position.objects.filter(office=sop.office),
            initial_map={actor: [p.pk for p in positions] for actor, positions in mappings.items()},
            initial_modes=modes,
        )
    confirmations = {c.step_no: c for c in revision.confirmations.select_related("confirmed_by")}
    total = total_waktu(core, working_day=working_day)
    unconfirmed = unconfirmed_steps(revision)
    context = {
        "sop": sop,
        "revision": revision,
        "core": core,
        "current": sop.current_revision(),
        "draft": sop.draft(),
        "document": mark_safe(document),  # noqa: S308 - rendered by our template, every value escaped
        "steps_per_page": steps_per_page,
        "steps_per_page_choices": sorted({*STEPS_PER_PAGE_CHOICES, steps_per_page}),
        "total": total,
        "decision_count": sum(1 for step in core.steps if step.is_decision),
        "revisions": revisions,
        "actor_rows": [{"actor": actor, "positions": mappings.get(actor, []),
                        "mode": ActorMapping.Mode(modes[actor]).label if len(mappings.get(actor, [])) > 1 else ""}
                       for actor in core.actors],
        "mapping_form": mapping_form,
        "unconfirmed": unconfirmed,
        "approval_blocked": unconfirmed_message(unconfirmed) if unconfirmed else "",
        "link_rows": link_proposals(revision) if editor else [],
        "confirmations": [confirmations[no] for no in sorted(confirmations)],
        "can_edit": editor,
        "can_approve": policies.can_approve_revision(request.user, revision),
        "revision_query": f"revisi={revision.number}&per_halaman={steps_per_page}",
        "typo_flags": typo_flags(revision.data),
    }
    return render(request, "sop/sop_detail.html", context)


@login_required
def sop_download(request, pk, fmt):
    sop = sop_for(request.user, pk)
    if fmt not in DOWNLOADS:
        raise Http404
    revision = revision_of(sop, request.GET.get("revisi"))
    content = render_sop(revision.as_core(), office_header(sop.office), fmt, steps_per_page=_steps_per_page(request),
                         working_day=working_day_of(sop.office))
    content_type, extension = DOWNLOADS[fmt]
    response = HttpResponse(content, content_type=content_type)
    name = f"SOP-{slugify(sop.slug) or sop.pk}-revisi-{revision.number}.{extension}"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


# -- authoring -----------------------------------------------------------------------------------


def _editor(request, *, state: dict, issues, sop=None, revision=None, dirty=False, status=200):
    context = editor_context(state, issues)
    context.update({"sop": sop, "revision": revision, "dirty": dirty})
    return render(request, "sop/editor.html", context, status=status)


def _save_or_show(request, *, sop=None, revision=None):
    """The editor's POST: a structural button changes the state; "Simpan" validates and stores."""
    state = state_from_post(request.POST)
    broken = state.pop(FORM_ERRORS, [])
    if broken:  # a tampered or truncated hidden field: say so, keep what the person typed
        issues = [Issue(ERROR, "formulir", None, "", message) for message in broken]
        return _editor(request, state=state, issues=issues, sop=sop, revision=revision, dirty=True, status=400)
    op = request.POST.get("op", "save")
    if op != "save":
        return _editor(request, state=apply_op(state, op), issues=[], sop=sop, revision=revision, dirty=True)
    data = data_for_validation(state)
    issues = validate_sop_dict(data, "formulir")
    if any(issue.severity == ERROR for issue in issues):  # the editor lists them above the form
        return _editor(request, state=state, issues=issues, sop=sop, revision=revision, dirty=True, status=422)
    try:
        if revision is None:
            employee = employee_of(request.user)
            revision = services.sop_create(office=employee.office, data=contract_data(data), user=request.user)
        else:
            revision = services.revision_update(revision=revision, data=contract_data(data), user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _editor(request, state=state, issues=issues, sop=sop, revision=revision, dirty=True, status=422)
    messages.success(request, _("Draf revisi %(n)s disimpan.") % {"n": revision.number})
    return redirect(f"{reverse('sop_detail', args=[revision.sop_id])}?revisi={revision.number}")


@login_required
def sop_new(request):
    employee = employee_of(request.user)
    if employee is None or not policies.can_create_sop(request.user, employee.office):
        raise PermissionDenied(_("Hanya admin OPD dan Kepala Dinas yang dapat menyusun SOP."))
    if request.method == "POST":
        return _save_or_show(request)
    return _editor(request, state=blank_state(), issues=[])


@login_required
def revision_edit(request, pk, number):
    sop = sop_for(request.user, pk)
    _require_editor(request, sop)
    revision = _draft(sop, number)
    if request.method == "POST":
        return _save_or_show(request, sop=sop, revision=revision)
    issues = validate_sop_dict(revision.data, "formulir")
    return _editor(request, state=state_from_data(revision.data), issues=issues, sop=sop, revision=revision)


@login_required
@require_POST
def revision_new(request, pk):
    sop = sop_for(request.user, pk)
    _require_editor(request, sop)
    existing = sop.draft()
    revision = services.revision_start(sop=sop, user=request.user)
    if existing is None:
        messages.success(request, _("Draf revisi %(n)s dibuat dari revisi yang berlaku.") % {"n": revision.number})
    return redirect("sop_revision_edit", pk=sop.pk, number=revision.number)


@login_required
@require_POST
def revision_approve(request, pk, number):
    sop = sop_for(request.user, pk)
    revision = revision_of(sop, number)
    policies.require(policies.can_approve_revision(request.user, revision),
                     _("Hanya Kepala Dinas OPD ini (atau Plt/Plh-nya) yang dapat mengesahkan SOP."))
    try:
        services.revision_approve(revision=revision, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Revisi %(n)s disahkan dan kini berlaku.") % {"n": revision.number})
    return redirect(f"{reverse('sop_detail', args=[sop.pk])}?revisi={revision.number}")


@login_required
@require_POST
def actor_mapping(request, pk):
    sop = sop_for(request.user, pk)
    _require_editor(request, sop)
    revision = revision_of(sop, request.POST.get("revisi"))
    form = ActorMappingForm(
        request.POST, actors=list(revision.as_core().actors), positions=Position.objects.filter(office=sop.office),
        initial_map={},
    )
    if form.is_valid():
        with transaction.atomic():
            try:
                for actor, positions, mode in form.mapped():
                    services.actor_map(sop=sop, actor=actor, positions=positions, mode=mode, user=request.user)
            except ValidationError as error:
                transaction.set_rollback(True)  # nothing half-written
                for message in error.messages:
                    messages.error(request, message)
                return redirect(f"{reverse('sop_detail', args=[sop.pk])}?revisi={revision.number}#pelaksana")
        messages.success(request, _("Pemetaan pelaksana disimpan."))
    else:
        wrong = "; ".join(f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
                          if name in form.fields)
        messages.error(request, _("Pemetaan pelaksana tidak dapat disimpan: pilih dari daftar — %(wrong)s.") % {
            "wrong": wrong})
    return redirect(f"{reverse('sop_detail', args=[sop.pk])}?revisi={revision.number}#pelaksana")


@login_required
@require_POST
def step_confirm(request, pk, number, no):
    sop = sop_for(request.user, pk)
    _require_editor(request, sop)
    revision = revision_of(sop, number)
    try:
        revision = services.step_confirm(revision=revision, step_no=int(no), user=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(escape(" ".join(error.messages)), status=422)
        for message in error.messages:
            messages.error(request, message)
    if request.htmx:
        step = next(s for s in revision.data["steps"] if s["no"] == int(no))
        confirmed = int(no) in confirmed_step_nos(revision)
        return render(request, "sop/_unconfirmed_row.html",
                      {"step": step, "confirmed": confirmed, "sop": sop, "revision": revision})
    return redirect(f"{reverse('sop_detail', args=[sop.pk])}?revisi={revision.number}#konfirmasi")


@login_required
@require_POST
def link_confirm(request, pk, number, no):
    """An editor says which SOP of the office a step's Keterangan link names."""
    sop = sop_for(request.user, pk)
    _require_editor(request, sop)
    revision = revision_of(sop, number)
    target = Sop.objects.filter(office=sop.office, pk=_int_or_none(request.POST.get("target"))).first()
    text = request.POST.get("text", "")
    if target is None:
        messages.error(request, _("Pilih SOP tujuan dari daftar."))
    else:
        try:
            services.link_confirm(revision=revision, step_no=int(no), text=text, target=target, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Tautan “%(text)s” langkah %(no)s ditetapkan ke %(sop)s.")
                             % {"text": text, "no": no, "sop": target})
    return redirect(f"{reverse('sop_detail', args=[sop.pk])}?revisi={revision.number}#tautan")


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
