"""The office's kinerja settings page: readers see the entry windows and the efficiency rule in force;
the planning unit or the office admin changes them through `services.settings`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.kit.forms import add_service_errors

from .. import policies
from ..plan_forms import SettingsForm
from ..selectors import efficiency_rule_for
from ..services import settings as settings_services
from ..setup import setting_for
from ..windows import entry_window
from .common import nav_context, office_or_404


@login_required
def kinerja_settings(request, code):
    office = office_or_404(request, code)
    setting = setting_for(office)
    can_change = policies.can_change_settings(request.user, office)
    initial = {name: getattr(setting, name) for name in settings_services.SETTING_FIELDS}
    initial["efficiency_margin"] = format(setting.efficiency_margin.normalize(), "f")
    form = SettingsForm(request.POST or None, initial=initial, office=office) if can_change else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Hanya unit perencanaan atau admin OPD yang mengubah pengaturan kinerja."))
        if form.is_valid():
            try:
                settings_services.settings_update(user=request.user, office=office, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Pengaturan kinerja disimpan."))
                return redirect("kinerja:settings", code=office.code)
    year = timezone.localdate().year
    windows = [entry_window(office, year, triwulan, setting=setting) for triwulan in (1, 2, 3, 4)]
    return render(request, "kinerja/settings.html", {
        **nav_context(request, office), "setting": setting, "form": form, "windows": windows, "year": year,
        "rule": efficiency_rule_for(office), "section": "pengaturan"})
