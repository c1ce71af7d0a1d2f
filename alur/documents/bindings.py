"""Binding SOP steps to document kinds (`StepDocument`): the seed loaders' bindings, the carry-over
into a new revision or an edited draft, and "hubungkan ke dokumen" by a person.

A binding belongs to one revision and one step number. When steps move (a new revision, a draft
edited), a binding follows its step by what the step *is*: the same kegiatan and output. A step
whose kegiatan or output changed loses its binding until someone who may edit the office's SOPs
binds it again (`bind_step`, on the trail as `dokumen.langkah.dihubungkan`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.sop.models import SopRevision

from . import kinds, policies
from .models import StepDocument


def _identity(step: dict) -> tuple[str, str]:
    """What a step is, for following it when numbers change: its kegiatan and its output."""
    return " ".join((step.get("kegiatan") or "").split()), " ".join((step.get("output") or "").split())


def follow(bound: dict[int, str], before_steps: list[dict], after_steps: list[dict]) -> dict[int, int]:
    """{old step no: new step no} for the bound steps whose kegiatan and output are unchanged
    (the same number when it still fits, else the first unclaimed step that matches)."""
    before = {step.get("no"): _identity(step) for step in before_steps}
    numbers_of: dict[tuple[str, str], list[int]] = {}
    for step in after_steps:
        numbers_of.setdefault(_identity(step), []).append(step.get("no"))
    moved: dict[int, int] = {}
    for old in sorted(bound):
        candidates = [no for no in numbers_of.get(before.get(old), []) if no not in moved.values()]
        if candidates:
            moved[old] = old if old in candidates else candidates[0]
    return moved


def carry_over(previous: SopRevision, revision: SopRevision) -> int:
    """Copy the previous revision's bindings to the steps of the new one that are unchanged."""
    rows = {row.step_no: row for row in previous.step_documents.all()}
    if not rows:
        return 0
    moved = follow({no: row.kind for no, row in rows.items()}, previous.data.get("steps") or [],
                   revision.data.get("steps") or [])
    StepDocument.objects.bulk_create([
        StepDocument(revision=revision, step_no=new, kind=rows[old].kind, confirmed_by_id=rows[old].confirmed_by_id)
        for old, new in moved.items()])
    return len(moved)


def follow_edit(revision: SopRevision, before: dict) -> None:
    """A draft's steps changed: move its bindings with their steps, drop those whose step changed."""
    rows = {row.step_no: row for row in StepDocument.objects.filter(revision=revision)}
    if not rows:
        return
    moved = follow({no: row.kind for no, row in rows.items()}, before.get("steps") or [],
                   revision.data.get("steps") or [])
    if all(old == new for old, new in moved.items()) and len(moved) == len(rows):
        return
    StepDocument.objects.filter(revision=revision).delete()
    StepDocument.objects.bulk_create([
        StepDocument(revision=revision, step_no=new, kind=rows[old].kind, confirmed_by_id=rows[old].confirmed_by_id,
                     confirmed_at=rows[old].confirmed_at)
        for old, new in moved.items()])


def bind_seed_steps(revision: SopRevision) -> int:
    """Bind the steps the document kinds name for a seed SOP (`DocumentKind.seed_binding`, matched on
    a fragment of the SOP's name). For the seed loaders only: an office's own SOPs are bound by a
    person. Steps already bound are left as they are."""
    steps = {step.get("no") for step in revision.data.get("steps") or []}
    taken = set(StepDocument.objects.filter(revision=revision).values_list("step_no", flat=True))
    name = revision.nama.lower()
    new = []
    for kind in kinds.all_kinds():
        for seed in kind.seed_binding:
            if seed.name_fragment.lower() not in name:
                continue
            for no in sorted(seed.steps & steps - taken):
                new.append(StepDocument(revision=revision, step_no=no, kind=kind.key))
                taken.add(no)
    StepDocument.objects.bulk_create(new)
    return len(new)


@dataclass(frozen=True)
class StepRow:
    no: int
    kegiatan: str
    output: str
    binding: StepDocument | None

    @property
    def title(self) -> str:
        kind = kinds.get(self.binding.kind) if self.binding else None
        return kind.title if kind else ""


def step_rows(revision: SopRevision) -> list[StepRow]:
    """Every step of the revision with the document it produces (None: unbound). One query."""
    bound = {row.step_no: row for row in revision.step_documents.select_related("confirmed_by")}
    return [StepRow(no=step.no, kegiatan=step.kegiatan, output=step.output, binding=bound.get(step.no))
            for step in revision.as_core().steps]


@transaction.atomic
def bind_step(*, revision: SopRevision, step_no: int, kind: str | None, user) -> StepDocument | None:
    """"Hubungkan ke dokumen": the step produces `kind` from now on (None or "": produces nothing).
    For whoever may edit the office's SOPs; on the office's trail with the kind it replaces."""
    revision = lock_rows(SopRevision.objects).select_related("sop__office").get(pk=revision.pk)
    policies.require(policies.can_bind_step(user, revision),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat menghubungkan langkah SOP ke dokumen."))
    if step_no not in {step.no for step in revision.as_core().steps}:
        raise ValidationError(_("Langkah %(no)s tidak ada pada revisi ini.") % {"no": step_no})
    if kind and kinds.get(kind) is None:
        raise ValidationError(_("Jenis dokumen '%(kind)s' tidak dikenal.") % {"kind": kind})
    previous = StepDocument.objects.filter(revision=revision, step_no=step_no).first()
    now = timezone.now()
    binding = None
    if kind:
        binding, _created = StepDocument.objects.update_or_create(
            revision=revision, step_no=step_no, defaults={"kind": kind, "confirmed_by": user, "confirmed_at": now})
    elif previous is not None:
        previous.delete()
    record(office=revision.sop.office, kind="dokumen.langkah.dihubungkan", user=user, at=now, data={
        "sop": revision.sop_id, "revisi": revision.number, "nama": revision.nama, "langkah": step_no,
        "dokumen": kind or None, "sebelumnya": previous.kind if previous else None})
    return binding
