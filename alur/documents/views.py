"""The document page of a run (versions, who reviewed/initialled/signed which, fingerprint, the
'data berubah setelah penetapan' notice), 'Susun dari data', PDF/DOCX previews and the narrative editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.kit.errors import bad_request
from alur.org.models import Office
from alur.org.selectors import employee_of
from alur.runs import policies, selectors
from alur.runs.models import DocumentVersion, SignOff, Task
from alur.sop.models import SopRevision

from . import bindings, kinds
from . import narratives as narrative_service
from . import policies as document_policies
from .changes import differences
from .content import fingerprint_of
from .docx_writer import DOCX_TYPE, write_docx
from .issued import as_issued, signature_of
from .mapping import document_for, kind_of_run
from .models import Generated, NarrativeVersion
from .pdf_writer import write_pdf
from .services import generate_for_task


def _penetapan(versions, signoffs):
    """The signed version and what it was generated from (or derived from a generated version)."""
    signed_ids = {s.version_id for s in signoffs if s.kind == SignOff.Kind.TANDA_TANGAN}
    signed = next((v for v in versions if v.pk in signed_ids), None)
    if signed is None:
        return None, None
    generated = getattr(signed, "generated", None)
    if generated is None:  # an uploaded edit of a generated version: the newest generated one before it
        generated = next((getattr(v, "generated", None) for v in versions
                          if v.number < signed.number and getattr(v, "generated", None)), None)
    return signed, generated


@login_required
def run_document(request, pk):
    run = selectors.run_for(request.user, pk)
    prefetch_related_objects([run.revision], "step_documents")  # one read for the run and each of its tasks
    kind = kinds.get(kind_of_run(run.revision))
    versions = list(DocumentVersion.objects.filter(document__run=run).select_related(
        "document", "uploaded_by", "generated").order_by("-number"))
    signoffs = list(SignOff.objects.filter(version__document__run=run).order_by("signed_at"))
    by_version = {}
    for s in signoffs:
        by_version.setdefault(s.version_id, []).append(s)
    signed, generated = _penetapan(versions, signoffs)
    changed = None
    if generated is not None:
        now = kinds.build(generated.kind, run.office, generated.year, generated.triwulan).data()
        if fingerprint_of(now) != fingerprint_of(generated.data):
            removed, added = differences(generated.data, now)
            changed = {"removed": removed, "added": added}
    tasks = []
    employee = employee_of(request.user)
    if employee is not None and kind and signed is None:
        tasks = [t for t in selectors.tasks_for(employee).filter(run=run)
                 if document_for(run.revision, t.step_no)]
    return render(request, "documents/run_document.html", {
        "run": run, "kind": kind.key if kind else None, "kind_label": kind.title if kind else "", "versions": [
            {"v": v, "signoffs": by_version.get(v.pk, [])} for v in versions],
        "signed": signed, "generated": generated, "changed": changed, "tasks": tasks,
        "period": kind.period(run) if kind else None})


@login_required
@require_POST
def generate(request, task_pk):
    task = selectors.task_for(request.user, task_pk)
    try:
        result = generate_for_task(task=task, user=request.user)
    except ValidationError as error:
        unchanged = getattr(error, "code", None) == "unchanged"  # nothing wrong: the last version is current
        (messages.info if unchanged else messages.error)(request, " ".join(error.messages))
        return redirect("task_detail", pk=task.pk)
    messages.success(request, _("Versi %(n)s disusun dari data.") % {"n": result.version.number})
    if result.gaps:
        messages.warning(request, _("Belum ada data terverifikasi untuk: %(gaps)s.") % {
            "gaps": "; ".join(result.gaps[:20]) + (" …" if len(result.gaps) > 20 else "")})
    return redirect("task_detail", pk=task.pk)


@login_required
def version_pdf(request, pk):
    """The PDF of a generated version, rebuilt from the data it stored (so it shows what was signed)."""
    generated = get_object_or_404(Generated.objects.select_related("version__document__run"), version_id=pk)
    run = generated.version.document.run
    if not policies.can_download(request.user, run.office_id):
        raise Http404
    content = as_issued(kinds.build(generated.kind, run.office, generated.year, generated.triwulan), generated.version)
    response = HttpResponse(write_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{generated.kind}-{generated.year}.pdf"'
    return response


@login_required
def version_docx(request, pk):
    """The DOCX of a generated version as issued: with the run's number and, once the version is
    signed, the signature's name, NIP, place and date (the stored file stays what was signed)."""
    generated = get_object_or_404(Generated.objects.select_related("version__document__run"), version_id=pk)
    run = generated.version.document.run
    if not policies.can_download(request.user, run.office_id):
        raise Http404
    content = as_issued(kinds.build(generated.kind, run.office, generated.year, generated.triwulan), generated.version)
    response = HttpResponse(write_docx(content), content_type=DOCX_TYPE)
    suffix = "-ditandatangani" if signature_of(generated.version) else ""
    response["Content-Disposition"] = f'attachment; filename="{generated.kind}-{generated.year}{suffix}.docx"'
    return response


@login_required
def preview(request, code, kind, year, fmt):
    office = get_object_or_404(Office, code=code)
    document_kind = kinds.get(kind)
    if document_kind is None or not policies.can_download(request.user, office.pk):
        raise Http404
    triwulan = None
    if document_kind.quarterly:
        triwulan = {"1": 1, "2": 2, "3": 3, "4": 4}.get(request.GET.get("tw", "1"))
        if triwulan is None:
            return bad_request(request, _("Triwulan harus 1, 2, 3 atau 4 (parameter tw)."))
    if fmt not in ("pdf", "docx"):
        raise Http404
    content = document_kind.build(office, year, triwulan)
    if fmt == "pdf":
        return HttpResponse(write_pdf(content), content_type="application/pdf")
    response = HttpResponse(write_docx(content), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{year}.docx"'
    return response


@login_required
def narrative_edit(request, code, kind, year):
    office = get_object_or_404(Office, code=code)
    if kinds.get(kind) is None or not policies.is_member(request.user, office.pk):
        raise Http404
    errors = {}
    can_edit = document_policies.can_edit_narrative(request.user, office)
    if request.method == "POST":
        document_policies.require(can_edit, _("Hanya unit perencanaan atau kepala OPD yang dapat mengubah narasi "
                                              "dokumen."))
        current_texts = narrative_service.narratives(office, kind, year)
        for key, _title in narrative_service.sections_of(kind, office, year):
            text = request.POST.get(key)
            current = current_texts[key].text
            if text is None or text.replace("\r\n", "\n").strip() == current:
                continue
            try:
                narrative_service.save(office, kind, year, key, text, request.user)
            except ValidationError as error:
                errors[key] = " ".join(error.messages)
        if not errors:
            messages.success(request, _("Narasi disimpan."))
            back = _came_from(request, office)
            return redirect(reverse("documents:narrative_edit", kwargs={"code": code, "kind": kind, "year": year})
                            + (f"?tugas={back.pk}" if back is not None else ""))
    sections = narrative_service.narratives(office, kind, year)
    history = NarrativeVersion.objects.filter(office=office, document=kind, year=year).count()
    return render(request, "documents/narratives.html", {
        "office": office, "kind": kind, "kind_label": kinds.title_of(kind), "year": year, "errors": errors,
        "sections": [(s, errors.get(s.key)) for s in sections.values()], "history": history, "can_edit": can_edit,
        "back_task": _came_from(request, office)})


def _came_from(request, office):
    """The task whose document page led here (?tugas=…) in the user's office: the editor's way back
    (the editor is for the office's members, who may read its tasks). Anything else (a foreign,
    unknown or malformed id) is simply no way back."""
    raw = request.GET.get("tugas") or request.POST.get("tugas") or ""
    if not raw.isdigit() or len(raw) > 18:
        return None
    return Task.objects.filter(pk=int(raw), run__office=office).select_related("run").first()


@login_required
def step_documents(request, revision_pk):
    """"Hubungkan ke dokumen": the steps of an SOP revision and the document each produces; whoever
    may edit the office's SOPs binds a step (one step per POST)."""
    revision = get_object_or_404(SopRevision.objects.select_related("sop__office"), pk=revision_pk)
    if not policies.is_member(request.user, revision.sop.office_id):
        raise Http404
    can_bind = document_policies.can_bind_step(request.user, revision)
    if request.method == "POST":
        document_policies.require(can_bind, _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat menghubungkan "
                                              "langkah SOP ke dokumen."))
        try:
            step_no = int(request.POST.get("step", ""))
        except ValueError:
            return bad_request(request, _("Langkah tidak dikenal."))
        try:
            bindings.bind_step(revision=revision, step_no=step_no, kind=request.POST.get("kind") or None,
                               user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Langkah %(no)s dihubungkan.") % {"no": step_no})
        return redirect("documents:step_documents", revision_pk=revision.pk)
    return render(request, "documents/step_documents.html", {
        "revision": revision, "rows": bindings.step_rows(revision), "can_bind": can_bind,
        "choices": sorted(((k.key, k.title) for k in kinds.all_kinds()), key=lambda c: c[1])})
