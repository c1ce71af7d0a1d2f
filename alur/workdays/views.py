"""The office calendar page for the office admin: office hours, extra days off, working Saturdays."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core.sop.vocabulary import tanggal
from alur.kit.forms import add_service_errors
from alur.org.views import office_admin_page

from . import services
from .forms import OfficeHoursForm, SpecialDayForm
from .models import SpecialDay
from .selectors import calendar_for


@office_admin_page
def calendar_page(request, office):
    which = request.POST.get("form") if request.method == "POST" else None
    hours_form = OfficeHoursForm(request.POST if which == "hours" else None,
                                 initial=OfficeHoursForm.initial_for(calendar_for(office)))
    day_form = SpecialDayForm(request.POST if which == "day" else None)
    try:
        if which == "hours" and hours_form.is_valid():
            form = hours_form
            services.office_hours_set(user=request.user, office=office, tz=form.cleaned_data["tz"], hours=form.hours())
            messages.success(request, _("Jam kerja disimpan; tenggat tugas baru memakai jam ini."))
            return redirect("org:calendar", office.code)
        if which == "day" and day_form.is_valid():
            form = day_form
            data = form.cleaned_data
            services.special_day_add(user=request.user, office=office, day=data["date"], kind=data["kind"],
                                     note=data["note"])
            messages.success(request, _("Tanggal %(date)s dicatat.") % {"date": tanggal(data["date"])})
            return redirect("org:calendar", office.code)
    except ValidationError as exc:
        add_service_errors(form, exc)
    today = timezone.localdate()
    days = SpecialDay.objects.filter(office=office).order_by("date")
    return render(request, "workdays/calendar.html", {
        "office": office, "hours_form": hours_form, "day_form": day_form, "section": "kalender",
        "upcoming": [d for d in days if d.date >= today], "past": [d for d in days if d.date < today][-10:],
    })


@office_admin_page
def special_day_remove(request, office, pk):
    special = get_object_or_404(SpecialDay, pk=pk, office=office)
    if request.method != "POST":
        return redirect("org:calendar", office.code)
    services.special_day_remove(user=request.user, special=special)
    messages.success(request, _("Tanggal %(date)s dihapus dari kalender.")
                     % {"date": tanggal(special.date)})
    return redirect("org:calendar", office.code)
