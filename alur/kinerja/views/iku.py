"""The IKU page: the versions of a Renstra's IKU, proposed by the planning unit, approved by the head."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import policies, services
from ..models import IkuSet
from ..snapshots import indicator_rows, targets_by_indicator
from .common import chosen_renstra, nav_context, office_or_404


@login_required
def iku(request, code):
    office = office_or_404(request, code)
    renstra = chosen_renstra(request, office)
    indicators = [i for i in indicator_rows([renstra.pk]) if i.is_iku]
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    for indicator in indicators:
        indicator.year_targets = [annual.get((indicator.pk, y)) for y in renstra.years]
    iku_sets = list(renstra.iku_sets.select_related("renstra__office"))
    for iku_set in iku_sets:
        iku_set.can_approve = policies.can_approve_iku(request.user, iku_set)
    return render(request, "kinerja/iku.html", {
        **nav_context(request, office), "renstra": renstra, "indicators": indicators, "iku_sets": iku_sets,
        "can_propose": policies.can_propose_iku(request.user, office), "section": "iku"})


@login_required
@require_POST
def iku_propose(request, code):
    office = office_or_404(request, code)
    try:
        renstra = chosen_renstra(request, office)
        iku = services.iku_set_propose(user=request.user, renstra=renstra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Versi IKU %(v)s diajukan.") % {"v": iku.version})
        return redirect(f"{reverse('kinerja:iku', args=[office.code])}?periode={renstra.start_year}")
    return redirect("kinerja:iku", code=office.code)


@login_required
@require_POST
def iku_approve(request, code, pk):
    office = office_or_404(request, code)
    iku = get_object_or_404(IkuSet.objects.select_related("renstra__office"), pk=pk, renstra__office=office)
    try:
        services.iku_set_approve(user=request.user, iku=iku)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Versi IKU %(v)s disetujui.") % {"v": iku.version})
    return redirect(f"{reverse('kinerja:iku', args=[office.code])}?periode={iku.renstra.start_year}")
