from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alur.audit.models import Entry
from alur.org.selectors import employee_of, is_office_admin, visible_offices
from alur.sop.models import SopRevision

from . import selectors, services
from .forms import CancelForm, LetterForm, ReassignForm, RunStartForm, TaskCompleteForm
from .models import DocumentVersion, Run, SignOff, Task


def _own_office(request):
    employee = employee_of(request.user)
    if employee is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return employee.office


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def inbox(request):
    employee = employee_of(request.user)
    tasks = list(selectors.tasks_for(employee)) if employee else []
    now = timezone.now()
    rows = [{"task": t, "late": selectors.is_late(t, now), "left": (t.due_at - now) if t.due_at else None,
             "step": t.run.revision.as_core().step(t.step_no)} for t in tasks]
    return render(request, "runs/inbox.html", {"rows": rows})


@login_required
def letter_list(request):
    return render(request, "runs/letter_list.html", {"letters": selectors.letters_for(request.user)[:200]})


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
            _add_errors(form, error)
        else:
            messages.success(request, _("Surat masuk dicatat dengan nomor agenda %(n)s/%(y)s.") % {
                "n": letter.agenda_number, "y": letter.agenda_year})
            return redirect(f"{reverse('run_start')}?letter={letter.pk}")
    return render(request, "runs/letter_form.html", {"form": form})


@login_required
def letter_scan(request, pk):
    letter = get_object_or_404(selectors.letters_for(request.user), pk=pk)
    if not letter.scan:
        raise Http404
    return FileResponse(letter.scan.open("rb"), as_attachment=True, filename=letter.scan.name.rsplit("/", 1)[-1])


@login_required
def run_list(request):
    params = request.GET
    runs = selectors.runs_for(request.user, sop=params.get("sop") or None, year=params.get("year") or None,
                              status=params.get("status") or None, late=params.get("late") == "1")
    from alur.sop.selectors import sops_for

    context = {"runs": runs, "sops": sops_for(request.user), "params": params, "statuses": Run.Status.choices}
    template = "runs/_run_rows.html" if request.htmx else "runs/run_list.html"
    return render(request, template, context)


@login_required
def run_start(request):
    office = _own_office(request)
    initial = {"letter": request.GET.get("letter")} if request.GET.get("letter") else None
    form = RunStartForm(request.POST or None, office=office, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.run_start(revision=data["revision"], user=request.user, letter=data["letter"],
                                     purpose=data["purpose"], year=data["year"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Alur dimulai: %(p)s.") % {"p": run.purpose})
            return redirect("run_detail", pk=run.pk)
    return render(request, "runs/run_start.html", {"form": form})


@login_required
def run_detail(request, pk):
    run = selectors.run_for(request.user, pk)
    documents = [{"document": d, "versions": d.versions.select_related("uploaded_by", "task").order_by("-number")}
                 for d in run.documents.all()]
    signoffs = SignOff.objects.filter(task__run=run).select_related("version", "version__document")
    context = {
        "run": run, "timeline": selectors.timeline(run), "documents": documents, "signoffs": signoffs,
        "children": run.children.all(), "trail": Entry.objects.filter(office=run.office_id, run_id=run.pk),
        "can_cancel": run.status == Run.Status.BERJALAN and is_office_admin(request.user, run.office),
        "cancel_form": CancelForm(),
    }
    return render(request, "runs/run_detail.html", context)


@login_required
@require_POST
def run_cancel(request, pk):
    run = selectors.run_for(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
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
    form = TaskCompleteForm(request.POST or None, request.FILES or None, task=task, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(task=task, user=request.user, completion=form.completion())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Langkah %(no)s selesai.") % {"no": step.no})
            return redirect("run_detail", pk=run.pk)
    employee = employee_of(request.user)
    may_act = task.status == Task.Status.TERBUKA and employee is not None and (
        task.assignee_id == employee.pk or selectors.tasks_for(employee).filter(pk=task.pk).exists())
    document = services.working_document(run)
    context = {
        "task": task, "run": run, "step": step, "form": form, "may_act": may_act,
        "missing": services.missing_kelengkapan(run, core, step) if may_act else [],
        "document": document,
        "versions": document.versions.select_related("uploaded_by").order_by("-number") if document else [],
        "dispositions": [t.disposition for t in run.tasks.filter(disposition__isnull=False)],
        "signoffs": SignOff.objects.filter(task__run=run).select_related("version"),
        "late": selectors.is_late(task),
        "can_reassign": task.status == Task.Status.TERBUKA and is_office_admin(request.user, run.office),
        "linked": services.linked_revisions(run, step) if may_act else [],
        "reassign_form": ReassignForm(office=run.office),
    }
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
    revision = get_object_or_404(SopRevision, pk=request.POST.get("revision"), sop__office=task.run.office)
    try:
        child = services.child_run_start(task=task, revision=revision, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("task_detail", pk=task.pk)
    messages.success(request, _("Alur turunan dimulai: %(p)s.") % {"p": child.purpose})
    return redirect("run_detail", pk=child.pk)


@login_required
def version_download(request, pk):
    version = get_object_or_404(
        DocumentVersion.objects.filter(document__run__office__in=visible_offices(request.user)), pk=pk)
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.original_name)

