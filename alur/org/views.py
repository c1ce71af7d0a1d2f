"""The office admin's data induk pages. Every page is scoped to one office: another office's
records are 404, and only that office's admin (or a superuser) gets in (policies.can_manage_office)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.files.responses import readable_name, stored_file_response
from alur.kit.forms import add_service_errors

from . import services
from .forms import (
    AccountForm,
    HoldingForm,
    LetterNumberForm,
    OfficeEmployeeForm,
    OfficeIdentityForm,
    PositionForm,
    StandInForm,
    UnitForm,
)
from .models import Employee, Position, PositionHolding, StandIn, Unit, active_on
from .policies import can_manage_office
from .selectors import visible_offices
from .trail import recent_changes


def office_admin_page(view):
    """Resolve `code` to an office the user may see (404 otherwise) that they may manage (403 otherwise)."""

    @login_required
    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        office = get_object_or_404(visible_offices(request.user), code=code)
        if not can_manage_office(request.user, office):
            raise PermissionDenied(_("Hanya admin OPD ini yang boleh membuka halaman data induk."))
        return view(request, office, *args, **kwargs)

    return wrapper


def _attempt(form, action) -> bool:
    """Run a service; on a rule it refuses, show the message on the form instead."""
    try:
        action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


@office_admin_page
def manage_home(request, office):
    return render(request, "org/manage_home.html", {
        "office": office, "employees": office.employees.count(), "positions": office.positions.count(),
        "units": office.units.count(), "section": "home", "changes": recent_changes(office),
    })


# --- employees -----------------------------------------------------------------------------------

@office_admin_page
def employee_list(request, office):
    employees = office.employees.select_related("user").order_by("name")
    return render(request, "org/employee_list.html", {"office": office, "employees": employees, "section": "pegawai"})


@office_admin_page
def employee_add(request, office):
    form = OfficeEmployeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = {}
        if _attempt(form, lambda: result.update(employee=services.employee_create(
                user=request.user, office=office, **form.cleaned_data))):
            messages.success(request, _("Pegawai %(name)s ditambahkan. Buatkan akun masuknya di bawah.")
                             % {"name": result["employee"].name})
            return redirect("org:employee_edit", office.code, result["employee"].pk)
    return render(request, "org/employee_form.html", {"office": office, "form": form, "section": "pegawai"})


@office_admin_page
def employee_edit(request, office, pk):
    employee = get_object_or_404(Employee, pk=pk, office=office)
    is_account = request.POST.get("form") == "account"
    form = OfficeEmployeeForm(request.POST if request.method == "POST" and not is_account else None,
                              initial=OfficeEmployeeForm.initial_for(employee))
    account_form = AccountForm(request.POST if is_account else None,
                               initial={"username": employee.user.username if employee.user else ""})
    if request.method == "POST" and not is_account and form.is_valid():
        if _attempt(form, lambda: services.employee_update(user=request.user, employee=employee, **form.cleaned_data)):
            messages.success(request, _("Data %(name)s disimpan.") % {"name": form.cleaned_data["name"]})
            return redirect("org:employee_list", office.code)
    if is_account and account_form.is_valid():
        data = account_form.cleaned_data
        if _attempt(account_form, lambda: services.employee_set_account(
                user=request.user, employee=employee, username=data["username"], password=data["password1"])):
            messages.success(request, _("Akun masuk %(name)s disimpan.") % {"name": employee.name})
            return redirect("org:employee_edit", office.code, employee.pk)
    return render(request, "org/employee_form.html", {
        "office": office, "employee": employee, "form": form, "account_form": account_form, "section": "pegawai",
        "holdings": employee.holdings.select_related("position").order_by("-start"),
    })


# --- units, positions, holders, stand-ins --------------------------------------------------------

@office_admin_page
def position_list(request, office):
    today = timezone.localdate()
    holders = {h.position_id: h for h in PositionHolding.objects.filter(active_on(today), position__office=office)
               .select_related("employee")}
    stand_ins = {s.position_id: s for s in StandIn.objects.filter(active_on(today), position__office=office)
                 .select_related("employee")}
    positions = [{"position": p, "holding": holders.get(p.pk), "stand_in": stand_ins.get(p.pk)}
                 for p in office.positions.select_related("unit").order_by("unit__name", "name")]
    units = office.units.select_related("parent").order_by("name")
    return render(request, "org/position_list.html", {
        "office": office, "positions": positions, "units": units, "section": "jabatan"})


@office_admin_page
def unit_form(request, office, pk=None):
    unit = get_object_or_404(Unit, pk=pk, office=office) if pk else None
    initial = {"name": unit.name, "parent": unit.parent_id} if unit else None
    form = UnitForm(request.POST or None, office=office, initial=initial)
    if request.method == "POST" and form.is_valid():
        if unit:
            done = _attempt(form, lambda: services.unit_update(user=request.user, unit=unit, **form.cleaned_data))
        else:
            done = _attempt(form, lambda: services.unit_create(user=request.user, office=office, **form.cleaned_data))
        if done:
            messages.success(request, _("Unit kerja %(name)s disimpan.") % {"name": form.cleaned_data["name"]})
            return redirect("org:position_list", office.code)
    return render(request, "org/unit_form.html", {"office": office, "unit": unit, "form": form, "section": "jabatan"})


@office_admin_page
def position_add(request, office):
    form = PositionForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        result = {}
        if _attempt(form, lambda: result.update(position=services.position_create(
                user=request.user, office=office, **form.cleaned_data))):
            messages.success(request, _("Jabatan %(name)s ditambahkan.") % {"name": result["position"].name})
            return redirect("org:position_detail", office.code, result["position"].pk)
    return render(request, "org/position_add.html", {"office": office, "form": form, "section": "jabatan"})


@office_admin_page
def position_detail(request, office, pk):
    """One position: rename it, record a new holder, record a Plt/Plh; its history below."""
    position = get_object_or_404(Position.objects.select_related("unit"), pk=pk, office=office)
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "position": PositionForm(request.POST if which == "position" else None, office=office,
                                 initial=PositionForm.initial_for(position)),
        "holding": HoldingForm(request.POST if which == "holding" else None, office=office,
                               initial={"start": timezone.localdate()}),
        "stand_in": StandInForm(request.POST if which == "stand_in" else None, office=office),
    }
    actions = {
        "position": lambda data: services.position_update(user=request.user, position=position, **data),
        "holding": lambda data: services.holding_record(user=request.user, position=position, **data),
        "stand_in": lambda data: services.stand_in_record(user=request.user, position=position, **data),
    }
    done_messages = {
        "position": _("Jabatan disimpan."),
        "holding": _("Pemangku jabatan dicatat; pemangku sebelumnya ditutup sehari sebelumnya."),
        "stand_in": _("Plt/Plh dicatat."),
    }
    if which in forms and forms[which].is_valid():
        form = forms[which]
        if _attempt(form, lambda: actions[which](form.cleaned_data)):
            messages.success(request, done_messages[which])
            return redirect("org:position_detail", office.code, position.pk)
    return render(request, "org/position_detail.html", {
        "office": office, "position": position, "forms": forms, "section": "jabatan",
        "holdings": position.holdings.select_related("employee").order_by("-start"),
        "stand_ins": position.stand_ins.select_related("employee").order_by("-start"),
    })


# --- the letter-number template --------------------------------------------------------------------

@office_admin_page
def letter_number(request, office):
    form = LetterNumberForm(request.POST or None, instance=office)
    form.fields["letter_number_template"].widget.attrs.update({
        "hx-get": reverse("org:letter_number_preview", args=[office.code]),
        "hx-trigger": "input changed delay:300ms", "hx-target": "#letter-number-preview",
    })
    if request.method == "POST" and form.is_valid():
        template = form.cleaned_data["letter_number_template"]
        if _attempt(form, lambda: services.office_set_letter_number_template(
                user=request.user, office=office, template=template)):
            messages.success(request, _("Format nomor surat disimpan."))
            return redirect("org:letter_number", office.code)
    office.refresh_from_db(fields=["letter_number_template"])  # the form's instance holds the refused text
    return render(request, "org/letter_number.html", {
        "office": office, "form": form, "section": "nomor", "example": office.letter_number_example(),
    })


@office_admin_page
def letter_number_preview(request, office):
    """The example for the template being typed (htmx), so a mistake shows before saving."""
    example, error = LetterNumberForm(request.GET).preview(office)
    return render(request, "org/_letter_number_preview.html", {"example": example, "error": error})


# --- the office's identity: seat, address, logo -----------------------------------------------------

@office_admin_page
def identity(request, office):
    form = OfficeIdentityForm(request.POST or None, request.FILES or None,
                              initial=OfficeIdentityForm.initial_for(office))
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: services.office_set_identity(user=request.user, office=office, **form.cleaned_data)):
            messages.success(request, _("Identitas OPD disimpan."))
            return redirect("org:identity", office.code)
    return render(request, "org/identity.html", {"office": office, "form": form, "section": "identitas"})


@office_admin_page
def logo(request, office):
    """The stored logo, for the admin's own page (private storage: served only through this check)."""
    if not office.logo:
        raise Http404
    return stored_file_response(office.logo, filename=readable_name("logo", office.logo.name))
