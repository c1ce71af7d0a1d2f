"""Reads of the SOP library, always scoped to the offices a user may see."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from alur.core.durations import WorkingDay
from alur.org.selectors import visible_offices
from alur.sop.render import OfficeHeader
from alur.workdays.selectors import calendar_for

from .models import Sop, SopRevision


def sops_for(user, query: str = ""):
    sops = (
        Sop.objects.filter(office__in=visible_offices(user))
        .select_related("office")
        .prefetch_related(
            Prefetch("revisions", queryset=SopRevision.objects.order_by("-number").prefetch_related("confirmations"))
        )
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


def revision_of(sop: Sop, number=None) -> SopRevision:
    """Revision `number` of `sop` (404 if it has none such), else the current one."""
    if number in (None, ""):
        revision = sop.current_revision()
        if revision is None:
            raise Http404
        return revision
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(SopRevision, sop=sop, number=number)


def confirmed_step_nos(revision: SopRevision) -> set[int]:
    """Steps whose actor column is confirmed: in the data, or by a record on this revision."""
    recorded = {c.step_no for c in revision.confirmations.all()}
    return recorded | {s.get("no") for s in revision.data.get("steps", []) if s.get("actor_confirmed")}


def unconfirmed_steps(revision: SopRevision) -> list[dict]:
    """The steps (as stored dicts) whose inferred actor still awaits confirmation ("perlu dikonfirmasi")."""
    confirmed = confirmed_step_nos(revision)
    return [s for s in revision.data.get("steps", []) if s.get("no") not in confirmed]


def unconfirmed_message(steps: list[dict]) -> str:
    numbers = ", ".join(str(step.get("no")) for step in steps)
    return _("SOP belum dapat disahkan: pelaksana langkah %(steps)s masih perlu dikonfirmasi.") % {"steps": numbers}


def working_day_of(office) -> WorkingDay:
    """The office calendar's standard day (its Monday hours, or the first open weekday): what "1 Hari"
    of an SOP means for this office, and the hours its document names."""

    calendar = calendar_for(office)
    return WorkingDay.of(calendar.hours[0] or next(hours for hours in calendar.hours if hours))


MAX_LOGO_BYTES = 2 * 1024 * 1024  # a logo larger than this is not inlined into every print


def office_header(office):
    """The issuing office as the SOP renderers want it: heading lines, address and the logo's bytes,
    read through the file storage (a storage without local paths serves them too)."""
    logo = None
    if office.logo:
        try:
            with office.logo.open("rb") as file:
                logo = file.read(MAX_LOGO_BYTES + 1)
        except (OSError, ValueError):  # the row names a file the storage no longer has
            logo = None
        if logo is not None and len(logo) > MAX_LOGO_BYTES:
            logo = None
    return OfficeHeader(lines=tuple(office.header_lines()), address=office.address or "", logo=logo or None)


def linked_revisions(revision: SopRevision, step_no: int) -> list[tuple[str, SopRevision]]:
    """(link text, the target SOP's approved revision in force) for each Keterangan link of step
    `step_no` that a person confirmed. Links no longer named by the step, and targets with no
    approved revision, are left out."""
    step = next((s for s in revision.data.get("steps", []) if s.get("no") == step_no), None)
    if step is None:
        return []
    named = step.get("sop_links") or []
    links = {link.text: link for link in revision.links.filter(step_no=step_no).select_related("target")}
    found = []
    for text in named:
        link = links.get(text)
        if link is None:
            continue
        target = (SopRevision.objects.filter(sop=link.target_id, status=SopRevision.Status.APPROVED)
                  .order_by("-number").first())
        if target is not None:
            found.append((text, target))
    return found


def link_proposals(revision: SopRevision) -> list[dict]:
    """Every Keterangan link of the revision with its confirmed target, and a name match as a mere
    proposal for the person who confirms it."""
    confirmed = {(link.step_no, link.text): link for link in revision.links.select_related("target", "confirmed_by")}
    candidates = [sop for sop in Sop.objects.filter(office=revision.sop.office_id).exclude(pk=revision.sop_id)
                  .prefetch_related("revisions")]
    rows = []
    for step in revision.data.get("steps", []):
        for text in step.get("sop_links") or []:
            name = text.removeprefix("SOP ").strip().lower()
            proposal = next((sop for sop in candidates if name and name in str(sop).lower()), None)
            link = confirmed.get((step.get("no"), text))
            rows.append({"step_no": step.get("no"), "text": text, "link": link, "proposal": proposal,
                         "choices": candidates})
    return rows
