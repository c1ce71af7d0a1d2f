"""The planner's edit of an indicator's national standard (through `services.indicator_update`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..models import Indicator
from ..plan_forms import NationalStandardForm
from .common import office_or_404


@login_required
@require_POST
def indicator_standard(request, code, pk):
    office = office_or_404(request, code)
    indicator = get_object_or_404(Indicator.objects.select_related("renstra__office"), pk=pk, renstra__office=office)
    form = NationalStandardForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("kinerja:indicator", code=office.code, pk=indicator.pk)
    data = form.cleaned_data
    try:
        services.indicator_update(user=request.user, indicator=indicator,
                                  national_standard=data["national_standard"],
                                  national_standard_source=data["national_standard_source"].strip())
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Anda tidak dapat mengubah indikator ini."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Standar nasional indikator %(code)s disimpan.") % {"code": indicator.code})
    return redirect("kinerja:indicator", code=office.code, pk=indicator.pk)
