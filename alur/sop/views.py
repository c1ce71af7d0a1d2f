from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import sop_for, sops_for


@login_required
def sop_list(request):
    query = request.GET.get("q", "").strip()
    sops = sops_for(request.user, query)
    template = "sop/_sop_rows.html" if request.htmx else "sop/sop_list.html"
    return render(request, template, {"sops": sops, "query": query})


@login_required
def sop_detail(request, pk):
    sop = sop_for(request.user, pk)
    revision = sop.current_revision()
    return render(request, "sop/sop_detail.html", {"sop": sop, "revision": revision, "core": revision.as_core()})
