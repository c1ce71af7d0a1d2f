from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.audit.models import Entry
from alur.core.text import single_stops, strip_forbidden
from alur.files.responses import readable_name, stored_file_response
from alur.kit.errors import bad_request
from alur.kit.forms import add_service_errors
from alur.kit.pagination import page_of
from alur.org.selectors import employee_of

from . import disposition_sheet, policies, selectors, services, subjects, timing
from . import inbox as inbox_contributions
from .forms import CancelForm, ChildRunForm, LetterForm, ReassignForm, RunFilterForm, RunStartForm
from .kinds import kind_for
from .models import DispositionCopy, DocumentVersion, IncomingLetter, Run, SignOff, Task
from .trail_text import trail_rows


def _own_office(request):
    employee = employee_of(request.user)
    if employee is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return employee.office


# The PDF previews are framed by Alur's own pages (runs/_pdf_preview.html); every other page may be
# framed by none (CONTENT_SECURITY_POLICY frame-ancestors, as X-Frame-Options for older browsers).
FRAMED_BY_ALUR = csp_replace({"frame-ancestors": [SELF]})


def _form_errors(form) -> str:
    """The form's errors in one line, each after its field's label (or its name, for an unlabelled filter)."""
    def where(name):
        field = form.fields.get(name)
        return "" if field is None else (field.label or name)
    return " ".join(f"{where(f)}: {' '.join(e)}".lstrip(": ") for f, e in form.errors.items())


@login_required
def inbox(request):
    employee = employee_of(request.user)
    page = page_of(selectors.inbox_tasks(employee) if employee else Task.objects.none(), request.GET)
    if page is None:
        return bad_request(request, _("Parameter tidak sah: halaman harus berupa angka mulai 1."))
    tasks = list(page)
    revisions = selectors.revisions_for_rows(tasks)
    now = timezone.now()
    rows = []
    for t in tasks:
        t.run.revision = revisions[t.run.revision_id]
        step = t.run.revision.as_core().step(t.step_no)
        rows.append({"task": t, "late": selectors.is_late(t, now), "step": step,
                     "left": timing.left_text(t, step, now)})
    copies = list(selectors.dispositions_for(employee)) if employee else []
    policies.hide_confidential(request.user, [c.disposition.task.run.letter for c in copies])
    return render(request, "runs/inbox.html", {"rows": rows, "page": page, "copies": copies,
                                               "contributions": inbox_contributions.contributions_for(employee),
                                               "today": timezone.localdate()})


@login_required
def letter_list(request):
    page = page_of(selectors.with_started_runs(selectors.letter_list_for(request.user)), request.GET)
    if page is None:
        return bad_request(request, _("Parameter tidak sah: halaman harus berupa angka mulai 1."))
    policies.hide_confidential(request.user, page)
    return render(request, "runs/letter_list.html", {"letters": page, "page": page,
                                                     "own_office_id": policies.own_office_id(request.user)})


@login_required
def letter_create(request):
    office = _own_office(request)
    form = LetterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "scan"}
            letter = services.letter_register(office=office, user=request.user, scan=form.cleaned_data.get("scan"),
                                              **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Surat masuk dicatat dengan nomor agenda %(n)s/%(y)s.") % {
                "n": letter.agenda_number, "y": letter.agenda_year})
            return redirect(f"{reverse('run_start')}?letter={letter.pk}")
    return render(request, "runs/letter_form.html", {"form": form})


@login_required
def letter_scan(request, pk):
    letter = get_object_or_404(selectors.letters_for(request.user), pk=pk)
    if not letter.scan or not policies.can_see_letter(request.user, letter):
        raise Http404
    return stored_file_response(letter.scan, filename=_scan_name(letter))


@login_required
def run_list(request):
    filters = RunFilterForm(request.GET)
    if not filters.is_valid():
        return bad_request(request, _("Parameter tidak sah: %(e)s") % {"e": _form_errors(filters)})
    data = filters.cleaned_data
    runs = selectors.runs_for(request.user, sop=data["sop"], year=data["year"], status=data["status"] or None,
                              late=data["late"])
    page = page_of(runs, request.GET)
    if page is None:
        return bad_request(request, _("Parameter tidak sah: halaman harus berupa angka mulai 1."))
    context = {"runs": page, "page": page, "sops": selectors.sop_choices(request.user), "params": request.GET,
               "statuses": Run.Status.choices, "may_start": policies.own_office_id(request.user) is not None}
    template = "runs/_run_rows.html" if request.htmx else "runs/run_list.html"
    return render(request, template, context)


@login_required
def run_start(request):
    office = _own_office(request)
    initial = {"letter": request.GET.get("letter")} if request.GET.get("letter", "").isdigit() else None
    if request.GET.get("revision", "").isdigit():  # the SOP chosen beforehand: its subject's defaults
        initial = {**(initial or {}), "revision": request.GET["revision"]}
    form = RunStartForm(request.POST or None, office=office, initial=initial,
                        letter_query=strip_forbidden(request.GET.get("q", ""))[:120])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.run_start(revision=data["revision"], user=request.user, letter=data["letter"],
                                     purpose=data["purpose"], year=data["year"], triwulan=data["triwulan"],
                                     chosen=form.chosen_positions())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Alur dimulai: %(p)s.") % {"p": run.purpose})
            return redirect("run_detail", pk=run.pk)
    letter = form.cleaned_data.get("letter") if form.is_bound and hasattr(form, "cleaned_data") else None
    if letter is None and initial and initial.get("letter"):
        letter = IncomingLetter.objects.filter(office=office, pk=initial["letter"]).first()
    started = selectors.runs_started_by(letter) if letter is not None else []
    return render(request, "runs/run_start.html", {"form": form, "started": started, "letter": letter,
                                                   "unconfirmed": selectors.unconfirmed_sops(office)})


@login_required
def run_detail(request, pk):
    run = selectors.run_for(request.user, pk)
    documents = [{"document": d, "versions": d.versions.select_related("uploaded_by", "task").order_by("-number")}
                 for d in run.documents.all()]
    signoffs = selectors.signoffs_of(run)
    context = {
        "run": run, "timeline": selectors.timeline(run), "documents": documents, "signoffs": signoffs,
        "children": run.children.all(), "trail": Entry.objects.filter(office=run.office_id, run_id=run.pk),
        "subject": subjects.resolve(run.subject_type, run.subject_id),
        "subject_label": subjects.label_of(run.subject_type),
        "can_cancel": policies.can_cancel_run(request.user, run),
        "cancel_form": CancelForm(),
        "dispositions": selectors.dispositions_of(run), "dispatches": selectors.dispatches_of(run),
    }
    context["trail_rows"] = trail_rows(run, context["trail"])
    policies.hide_confidential(request.user, [run.letter])
    return render(request, "runs/run_detail.html", context)


@login_required
@require_POST
def run_cancel(request, pk):
    run = selectors.run_for(request.user, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alur tidak dibatalkan: %(e)s") % {"e": _form_errors(form)})
        return redirect("run_detail", pk=run.pk)
    try:
        services.run_cancel(run=run, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Alur dibatalkan."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("run_detail", pk=run.pk)


@login_required
def task_detail(request, pk):
    task = selectors.task_for(request.user, pk)
    run = task.run
    core = run.revision.as_core()
    step = core.step(task.step_no)
    kind = kind_for(step)
    form = kind.form(request.POST or None, request.FILES or None, task=task, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(task=task, user=request.user, completion=form.completion())
        except ValidationError as error:
            if getattr(error, "code", None) == "task_not_open":  # lost a race: show the task as it is now
                messages.error(request, " ".join(error.messages))
                return redirect("task_detail", pk=task.pk)
            add_service_errors(form, error)
        else:
            return _after_completion(request, task, step)
    may_act = policies.can_act_on_task(request.user, task)
    document = services.working_document(run)
    context = {
        "task": task, "run": run, "step": step, "form": form, "may_act": may_act,
        "hint": kind.hint(run),
        "missing": services.missing_kelengkapan(run, core, step, document) if may_act else [],
        "document": document,
        "versions": document.versions.select_related("uploaded_by").order_by("-number") if document else [],
        "dispositions": selectors.dispositions_of(run), "dispatches": selectors.dispatches_of(run),
        "signoffs": SignOff.objects.filter(task__run=run).select_related("version"),
        "late": selectors.is_late(task),
        "left": timing.left_text(task, step),
        "can_reassign": policies.can_reassign_task(request.user, task),
        "linked": services.linked_revisions(run, step) if may_act else [],
        "reassign_form": ReassignForm(office=run.office),
        "kind_template": kind.template, **kind.page_context(task, step),
    }
    policies.hide_confidential(request.user, [run.letter])
    return render(request, "runs/task_detail.html", context)


@login_required
@require_POST
def task_reassign(request, pk):
    task = selectors.task_for(request.user, pk)
    form = ReassignForm(request.POST, office=task.run.office)
    if form.is_valid():
        try:
            services.task_reassign(task=task, user=request.user, to=form.cleaned_data["to"],
                                   reason=form.cleaned_data["reason"])
            messages.success(request, _("Tugas dialihkan."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Pilih pegawai dan isi alasan pengalihan."))
    return redirect("task_detail", pk=task.pk)


@login_required
@require_POST
def child_run_start(request, pk):
    task = selectors.task_for(request.user, pk)
    form = ChildRunForm(request.POST, office=task.run.office_id)
    if not form.is_valid():
        messages.error(request, _("SOP turunan tidak dikenal: %(e)s") % {"e": _form_errors(form)})
        return redirect("task_detail", pk=task.pk)
    try:
        child = services.child_run_start(task=task, revision=form.cleaned_data["revision"], user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("task_detail", pk=task.pk)
    messages.success(request, _("Alur turunan dimulai: %(p)s.") % {"p": child.purpose})
    return redirect("run_detail", pk=child.pk)


@login_required
def version_download(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document__run"), pk=pk)
    if not policies.can_download(request.user, version.document.run.office_id):
        raise Http404
    return stored_file_response(version.file, filename=version.original_name)



@login_required
def disposition_detail(request, pk):
    disposition = selectors.disposition_for(request.user, pk)
    run = disposition.task.run
    mine = [c for c in disposition.copies.select_related("position", "acknowledged_by")
            if c.acknowledged_at is None and policies.can_acknowledge_disposition(request.user, c)]
    policies.hide_confidential(request.user, [run.letter])
    return render(request, "runs/disposition_detail.html", {
        "d": disposition, "run": run, "letter": run.letter, "mine": mine,
        "sheet": disposition_sheet.sheet_context(disposition)})


@login_required
@require_POST
def disposition_acknowledge(request, pk):
    copy = get_object_or_404(DispositionCopy.objects.select_related("disposition__task"), pk=pk)
    selectors.disposition_for(request.user, copy.disposition_id)  # 404 unless the run is readable
    try:
        services.disposition_acknowledge(copy=copy, user=request.user)
        messages.success(request, _("Disposisi ditandai diterima."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("inbox")


@login_required
def disposition_pdf(request, pk):
    disposition = selectors.disposition_for(request.user, pk)
    policies.hide_confidential(request.user, [disposition.task.run.letter])
    response = HttpResponse(disposition_sheet.sheet_pdf(disposition), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lembar-disposisi-{disposition.pk}.pdf"'
    return response


def _scan_name(letter) -> str:
    """The scan's download name: its agenda number, not the storage's random token."""
    return readable_name(f"surat-masuk-{letter.agenda_number}-{letter.agenda_year}", letter.scan.name)


@login_required
@FRAMED_BY_ALUR
def letter_scan_view(request, pk):
    letter = get_object_or_404(selectors.letters_for(request.user), pk=pk)
    if not letter.scan or not policies.can_see_letter(request.user, letter):
        raise Http404
    return stored_file_response(letter.scan, filename=_scan_name(letter), inline_pdf=True)


@login_required
@FRAMED_BY_ALUR
def version_view(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document__run"), pk=pk)
    if not policies.can_download(request.user, version.document.run.office_id):
        raise Http404
    return stored_file_response(version.file, filename=version.original_name, inline_pdf=True)


def _after_completion(request, task, step):
    """Where the person needs to be next: their next task in the same run if they hold it (the Kadis
    between review and signature), else the inbox; the message says what happened and who is next."""
    done = _("Langkah %(no)s selesai.") % {"no": step.no}
    employee = employee_of(request.user)
    mine = selectors.tasks_for(employee).filter(run=task.run_id).first() if employee else None
    if mine is not None:
        messages.success(request, done + " " + _("Tugas Anda berikutnya dalam alur ini: langkah %(no)s.") % {
            "no": mine.step_no})
        return redirect("task_detail", pk=mine.pk)
    following = (task.run.tasks.filter(status="terbuka").select_related("assignee").order_by("engine_id").first())
    if following is not None and following.assignee is not None:
        done += " " + _("Berikutnya: langkah %(no)s oleh %(who)s.") % {"no": following.step_no,
                                                                      "who": following.assignee.name}
    elif task.run.status == Run.Status.SELESAI:
        done += " " + _("Alur selesai.")
    messages.success(request, single_stops(done))
    return redirect("inbox")
