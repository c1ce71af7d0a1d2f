"""Reads of the SOP library, always scoped to the offices a user may see."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from alur.org.selectors import visible_offices

from .models import Sop, SopRevision


def sops_for(user, query: str = ""):
    sops = (
        Sop.objects.filter(office__in=visible_offices(user))
        .select_related("office")
        .prefetch_related(Prefetch("revisions", queryset=SopRevision.objects.order_by("-number")))
    )
    if query:
        sops = sops.filter(Q(revisions__nama__icontains=query) | Q(revisions__nomor__icontains=query)).distinct()
    return sops


def sop_for(user, pk: int) -> Sop:
    """The SOP if `user` may see its office; 404 otherwise."""
    return get_object_or_404(Sop.objects.filter(office__in=visible_offices(user)).select_related("office"), pk=pk)


def home_panel(user) -> dict | None:
    count = Sop.objects.filter(office__in=visible_offices(user)).count()
    return {"template": "sop/_home_panel.html", "sop_count": count}
