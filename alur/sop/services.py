"""Writes to the SOP library. Every door (web, CLI, demo loader) goes through these functions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alur.core.errors import ValidationError as CoreValidationError
from alur.core.nip import validate_nip
from alur.core.sop.diff import diff_sops
from alur.core.sop.model import Sop as CoreSop
from alur.core.sop.validate import validate_sop_dict
from alur.org.models import Employee, Office
from alur.org.selectors import employee_of, is_head, is_office_admin, roles_of

from .models import ActorMapping, Sop, SopRevision, StepActorConfirmation


def can_edit(user, office: Office) -> bool:
    """Only the office's admins and its own Kepala Dinas (or Plt/Plh) write SOPs."""
    if is_office_admin(user, office):
        return True
    employee = employee_of(user)
    return bool(employee and employee.office_id == office.pk and is_head(employee))


def can_approve(user, office: Office) -> bool:
    """"Sahkan" is for the office's Kepala Dinas (or Plt/Plh) only."""
    employee = employee_of(user)
    return bool(employee and employee.office_id == office.pk and is_head(employee))


def check_sop_data(data: dict, source: str = "formulir") -> None:
    """Raise ValidationError carrying every error message when `data` is not a valid SOP."""
    issues = validate_sop_dict(data, source, None)
    errors = [str(issue) for issue in issues if issue.severity == "error"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sop_create(*, office: Office, data: dict, user=None, slug: str | None = None) -> SopRevision:
    """A new SOP with a first draft revision; nothing is stored if `data` is invalid."""
    check_sop_data(data)
    base = slug or slugify(data.get("nama") or data.get("nomor") or "sop")[:70] or "sop"
    candidate, n = base, 2
    while Sop.objects.filter(office=office, slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    sop = Sop.objects.create(office=office, slug=candidate)
    return SopRevision.objects.create(
        sop=sop, number=1, nomor=data.get("nomor", ""), nama=data.get("nama", ""), data=data, created_by=user
    )


@transaction.atomic
def revision_start(*, sop: Sop, user=None) -> SopRevision:
    """A new draft copied from the current revision (or the existing draft, if one is open)."""
    existing = sop.draft()
    if existing:
        return existing
    current = sop.current_revision()
    number = (sop.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    # Actors confirmed on the source revision stay confirmed in the copy (records are per revision).
    confirmed = set(current.confirmations.values_list("step_no", flat=True))
    data = dict(current.data)
    data["steps"] = [
        dict(step, actor_confirmed=True) if step.get("no") in confirmed else step for step in data.get("steps", [])
    ]
    return SopRevision.objects.create(
        sop=sop, number=number, nomor=current.nomor, nama=current.nama, data=data, created_by=user
    )


@transaction.atomic
def revision_update(*, revision: SopRevision, data: dict, user=None) -> SopRevision:
    revision = SopRevision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_draft:
        raise ValidationError(_("Revisi yang sudah disahkan tidak dapat diubah; buat revisi baru."))
    check_sop_data(data)
    revision.data = data
    revision.nomor = data.get("nomor", "")
    revision.nama = data.get("nama", "")
    revision.changes = _changes_against_previous(revision)
    revision.save()
    return revision


@transaction.atomic
def revision_approve(*, revision: SopRevision, user, when=None) -> SopRevision:
    """"Sahkan": only the Kepala Dinas or their Plt/Plh; the approver is written into the SOP."""
    employee = employee_of(user)
    if not is_head(employee):
        raise PermissionDenied(_("Hanya Kepala Dinas (atau Plt/Plh-nya) yang dapat mengesahkan SOP."))
    revision = SopRevision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_draft:
        raise ValidationError(_("Revisi ini sudah disahkan."))
    when = when or timezone.now()
    acting = next(a for a in roles_of(employee) if a.position.is_head)
    data = dict(revision.data)
    data["disahkan_oleh"] = {
        "jabatan": f"{acting.title} {revision.sop.office.name} {revision.sop.office.government.replace('Pemerintah ', '')}".strip(),  # noqa: E501
        "nama": employee.name,
        "nip": employee.nip,
    }
    data["tanggal_pengesahan"] = timezone.localdate(when).isoformat()
    if revision.number > 1:
        data["tanggal_revisi"] = data["tanggal_pengesahan"]
    check_sop_data(data)
    revision.data = data
    revision.changes = _changes_against_previous(revision)
    revision.status = SopRevision.Status.APPROVED
    revision.approved_by = employee
    revision.approved_title = acting.title
    revision.approved_at = when
    revision.save()
    return revision


def actor_map(*, sop: Sop, actor: str, position) -> ActorMapping:
    if position.office_id != sop.office_id:
        raise ValidationError(_("Jabatan harus berasal dari OPD pemilik SOP."))
    mapping, _created = ActorMapping.objects.update_or_create(
        sop=sop, actor=actor, defaults={"position": position}
    )
    return mapping


def step_actor_confirm(*, revision: SopRevision, step_no: int, user) -> StepActorConfirmation:
    if not can_edit(user, revision.sop.office):
        raise PermissionDenied(_("Anda tidak berhak mengonfirmasi pelaksana langkah SOP."))
    if step_no not in {s.no for s in revision.as_core().steps}:
        raise ValidationError(_("Langkah %(no)s tidak ada.") % {"no": step_no})
    confirmation, _created = StepActorConfirmation.objects.get_or_create(
        revision=revision, step_no=step_no, defaults={"confirmed_by": user}
    )
    return confirmation


@transaction.atomic
def step_confirm(*, revision: SopRevision, step_no: int, user) -> SopRevision:
    """Confirm the actor column of one step. In a draft the flag is written into the data (so it
    follows the step when steps are renumbered); an approved revision keeps a confirmation record."""
    if not revision.is_draft:
        step_actor_confirm(revision=revision, step_no=step_no, user=user)
        return revision
    if not can_edit(user, revision.sop.office):
        raise PermissionDenied(_("Anda tidak berhak mengonfirmasi pelaksana langkah SOP."))
    data = dict(revision.data)
    steps = [dict(step) for step in data.get("steps", [])]
    found = [step for step in steps if step.get("no") == step_no]
    if not found:
        raise ValidationError(_("Langkah %(no)s tidak ada.") % {"no": step_no})
    found[0]["actor_confirmed"] = True
    data["steps"] = steps
    return revision_update(revision=revision, data=data, user=user)


def sop_import(*, office: Office, data: dict, user=None, source: str = "impor") -> SopRevision:
    """Store one SOP read by the importer (or a YAML file) as a draft whose step actors all await
    confirmation. Raises ValidationError (every error message) and stores nothing if it is invalid."""
    from alur.core.sop.yaml_format import sop_from_yaml_data

    clean = {key: value for key, value in data.items() if key != "warnings"}
    clean["steps"] = [dict(step, actor_confirmed=False) for step in clean.get("steps") or []]
    _set_aside_invalid_nip(clean)
    check_sop_data(clean, source)
    return sop_create(office=office, data=sop_from_yaml_data(clean).to_dict(), user=user)


def _set_aside_invalid_nip(data: dict) -> None:
    """An imported approver NIP that is not a valid NIP (a typo in the source) must not block the
    draft: sahkan writes the real approver anyway. Keep the original as a correction, leave it empty."""
    approver = data.get("disahkan_oleh") or {}
    nip = approver.get("nip") or ""
    if not nip:
        return
    try:
        validate_nip(nip)
    except CoreValidationError:
        data["disahkan_oleh"] = {**approver, "nip": ""}
        data["corrections"] = [*(data.get("corrections") or []), {"field": "disahkan_oleh.nip", "original": nip}]


def _changes_against_previous(revision: SopRevision) -> list[str]:
    previous = (
        SopRevision.objects.filter(sop=revision.sop, number__lt=revision.number).order_by("-number").first()
    )
    if previous is None:
        return []
    return [str(change) for change in diff_sops(previous.as_core(), CoreSop.from_dict(revision.data))]


def load_approved_sop(
    *, office: Office, data: dict, slug: str, approver: Employee | None = None
) -> tuple[SopRevision, bool]:
    """Store an SOP the office already approved on paper (the demo seeds), once."""
    existing = Sop.objects.filter(office=office, slug=slug).first()
    if existing:
        return existing.current_revision(), False
    check_sop_data(data, slug)
    with transaction.atomic():
        sop = Sop.objects.create(office=office, slug=slug)
        revision = SopRevision.objects.create(
            sop=sop, number=1, status=SopRevision.Status.APPROVED, nomor=data.get("nomor", ""),
            nama=data.get("nama", ""), data=data, approved_by=approver,
            approved_title=data.get("disahkan_oleh", {}).get("jabatan", ""),
            approved_at=timezone.now(),
        )
    return revision, True
