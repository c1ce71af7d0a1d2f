"""Writes to the SOP library. Every door (web, CLI, demo loader) goes through these functions.

Each act asks its predicate in `policies` and raises PermissionDenied when the user may not, and
appends to the office's hash-chained trail inside its own transaction (`sop.dibuat`, `sop.diubah`,
`sop.disahkan`, `sop.pelaksana_dipetakan`, `sop.pelaksana_dikonfirmasi`, `sop.tautan_dikonfirmasi`).

Two functions act on the office's behalf without a user, both for SOPs that were already decided
outside Alur: `load_approved_sop` (the demo/seed loader: SOPs approved on paper) and
`sop_import_by_operator` (the `alur sop import` command run by the server's operator). Both are
listed in tests/test_policy_coverage.py with that reason, and their trail entries say so.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.core.errors import ValidationError as CoreValidationError
from alur.core.nip import validate_nip
from alur.core.sop.approver import approver_jabatan
from alur.core.sop.diff import diff_sops
from alur.core.sop.model import Sop as CoreSop
from alur.core.sop.validate import validate_sop_dict
from alur.core.sop.yaml_format import sop_from_yaml_data
from alur.org.models import Employee, Office

from . import policies
from .models import ActorMapping, Sop, SopLink, SopRevision, StepActorConfirmation
from .selectors import unconfirmed_message, unconfirmed_steps
from .signals import revision_changed, revision_created

SYSTEM_SOURCE_SEED = "muatan SOP contoh (disahkan di atas kertas)"
SYSTEM_SOURCE_OPERATOR = "perintah alur sop import oleh operator server"


def check_sop_data(data: dict, source: str = "formulir") -> None:
    """Raise ValidationError carrying every error message when `data` is not a valid SOP."""
    issues = validate_sop_dict(data, source, None)
    errors = [str(issue) for issue in issues if issue.severity == "error"]
    if errors:
        raise ValidationError(errors)


def _trail(revision: SopRevision, kind: str, user, **data) -> None:
    record(office=revision.sop.office, kind=kind, user=user if user and user.is_authenticated else None,
           data={"sop": revision.sop_id, "revisi": revision.number, "nomor": revision.nomor, "nama": revision.nama,
                 **data})


def _store_new_sop(*, office: Office, data: dict, user, slug: str | None = None) -> SopRevision:
    check_sop_data(data)
    base = slug or slugify(data.get("nama") or data.get("nomor") or "sop")[:70] or "sop"
    candidate, n = base, 2
    while Sop.objects.filter(office=office, slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    sop = Sop.objects.create(office=office, slug=candidate)
    revision = SopRevision.objects.create(
        sop=sop, number=1, nomor=data.get("nomor", ""), nama=data.get("nama", ""), data=data, created_by=user
    )
    revision_created.send(sender=SopRevision, revision=revision, previous=None, seeded=False)
    return revision


@transaction.atomic
def sop_create(*, office: Office, data: dict, user, slug: str | None = None) -> SopRevision:
    """A new SOP with a first draft revision; nothing is stored if `data` is invalid."""
    policies.require(policies.can_create_sop(user, office),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat menyusun SOP."))
    revision = _store_new_sop(office=office, data=data, user=user, slug=slug)
    _trail(revision, "sop.dibuat", user, langkah=len(data.get("steps") or []))
    return revision


@transaction.atomic
def revision_start(*, sop: Sop, user) -> SopRevision:
    """A new draft copied from the current revision (or the existing draft, if one is open)."""
    policies.require(policies.can_edit_sop(user, sop),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat membuat revisi SOP."))
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
    revision = SopRevision.objects.create(
        sop=sop, number=number, nomor=current.nomor, nama=current.nama, data=data, created_by=user
    )
    SopLink.objects.bulk_create([
        SopLink(revision=revision, step_no=link.step_no, text=link.text, target_id=link.target_id,
                confirmed_by_id=link.confirmed_by_id)
        for link in current.links.all()
    ])
    revision_created.send(sender=SopRevision, revision=revision, previous=current, seeded=False)
    _trail(revision, "sop.revisi_dibuat", user, dari_revisi=current.number)
    return revision


@transaction.atomic
def revision_update(*, revision: SopRevision, data: dict, user) -> SopRevision:
    revision = lock_rows(SopRevision.objects).select_related("sop__office").get(pk=revision.pk)
    policies.require(policies.can_edit_revision(user, revision),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat mengubah SOP."))
    if not revision.is_draft:
        raise ValidationError(_("Revisi yang sudah disahkan tidak dapat diubah; buat revisi baru."))
    check_sop_data(data)
    before_data = revision.data
    before = CoreSop.from_dict(before_data)
    revision.data = data
    revision.nomor = data.get("nomor", "")
    revision.nama = data.get("nama", "")
    revision.changes = _changes_against_previous(revision)
    revision.save()
    revision_changed.send(sender=SopRevision, revision=revision, before=before_data)
    _trail(revision, "sop.diubah", user, perubahan=[str(c) for c in diff_sops(before, CoreSop.from_dict(data))])
    return revision


@transaction.atomic
def revision_approve(*, revision: SopRevision, user, when=None) -> SopRevision:
    """"Sahkan": only the head of the revision's office (or their Plt/Plh); the approver is written
    into the SOP. Refused while any step's actor still awaits confirmation."""
    revision = lock_rows(SopRevision.objects).select_related("sop__office").get(pk=revision.pk)
    policies.require(policies.can_approve_revision(user, revision),
                     _("Hanya Kepala Dinas OPD ini (atau Plt/Plh-nya) yang dapat mengesahkan SOP."))
    if not revision.is_draft:
        raise ValidationError(_("Revisi ini sudah disahkan."))
    waiting = unconfirmed_steps(revision)
    if waiting:
        raise ValidationError(unconfirmed_message(waiting))
    when = when or timezone.now()
    acting = policies.heads_for(user, revision.sop.office)[0]
    employee = acting.employee
    office = revision.sop.office
    data = dict(revision.data)
    data["disahkan_oleh"] = {
        "jabatan": approver_jabatan(acting.title, office.name, office.government),
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
    _trail(revision, "sop.disahkan", user, jabatan=data["disahkan_oleh"]["jabatan"], nama=employee.name,
           perubahan=revision.changes)
    return revision


@transaction.atomic
def actor_map(*, sop: Sop, actor: str, user, position=None, positions=None, mode: str = ActorMapping.Mode.SEMUA
              ) -> list[ActorMapping]:
    """Which positions fill the actor column `actor`: one (`position`) or several (`positions`), and for
    several whether its steps go to all of them or to the one chosen when a run starts (`mode`)."""
    policies.require(policies.can_map_actors(user, sop),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat memetakan pelaksana SOP."))
    return _store_mapping(sop=sop, actor=actor, positions=_positions(position, positions), mode=mode, user=user)


def _positions(position, positions) -> list:
    chosen = list(positions or ([position] if position is not None else []))
    return list({p.pk: p for p in chosen}.values())  # once each, in the order given


def _store_mapping(*, sop: Sop, actor: str, positions: list, mode: str = ActorMapping.Mode.SEMUA,
                   user) -> list[ActorMapping]:
    if not positions:
        raise ValidationError(_("Pilih sedikitnya satu jabatan untuk pelaksana %(actor)s.") % {"actor": actor})
    if any(position.office_id != sop.office_id for position in positions):
        raise ValidationError(_("Jabatan harus berasal dari OPD pemilik SOP."))
    if mode not in ActorMapping.Mode.values:
        raise ValidationError({"mode": _("Pilih cara pembagian tugas pelaksana %(actor)s.") % {"actor": actor}})
    mode = mode if len(positions) > 1 else ActorMapping.Mode.SEMUA  # one position: nothing to choose
    previous = list(ActorMapping.objects.filter(sop=sop, actor=actor).select_related("position").order_by("pk"))
    if [m.position_id for m in previous] == [p.pk for p in positions] and all(m.mode == mode for m in previous):
        return previous
    ActorMapping.objects.filter(sop=sop, actor=actor).delete()
    mappings = [ActorMapping.objects.create(sop=sop, actor=actor, position=p, mode=mode) for p in positions]
    record(office=sop.office, kind="sop.pelaksana_dipetakan", user=user if user and user.is_authenticated else None,
           data={"sop": sop.pk, "pelaksana": actor, "jabatan": ", ".join(p.name for p in positions),
                 "jabatan_sebelumnya": ", ".join(m.position.name for m in previous),
                 **({"cara": mode} if len(positions) > 1 else {})})
    return mappings


def _record_confirmation(revision: SopRevision, step_no: int, user) -> StepActorConfirmation:
    confirmation, created = StepActorConfirmation.objects.get_or_create(
        revision=revision, step_no=step_no, defaults={"confirmed_by": user}
    )
    if created:
        _trail(revision, "sop.pelaksana_dikonfirmasi", user, langkah=step_no)
    return confirmation


@transaction.atomic
def step_confirm(*, revision: SopRevision, step_no: int, user) -> SopRevision:
    """Confirm the actor column of one step. In a draft the flag is written into the data (so it
    follows the step when steps are renumbered); an approved revision keeps a confirmation record."""
    policies.require(policies.can_confirm_step(user, revision),
                     _("Anda tidak berhak mengonfirmasi pelaksana langkah SOP."))
    if step_no not in {s.get("no") for s in revision.data.get("steps", [])}:
        raise ValidationError(_("Langkah %(no)s tidak ada.") % {"no": step_no})
    if not revision.is_draft:
        _record_confirmation(revision, step_no, user)
        return revision
    data = dict(revision.data)
    steps = [dict(step) for step in data.get("steps", [])]
    for step in steps:
        if step.get("no") == step_no:
            step["actor_confirmed"] = True
    data["steps"] = steps
    revision = revision_update(revision=revision, data=data, user=user)
    _trail(revision, "sop.pelaksana_dikonfirmasi", user, langkah=step_no)
    return revision


@transaction.atomic
def link_confirm(*, revision: SopRevision, step_no: int, text: str, target: Sop, user) -> SopLink:
    """A person says which SOP of the office a step's Keterangan link names (the child SOP a run may
    start there). Replaces an earlier choice for the same link."""
    policies.require(policies.can_confirm_link(user, revision),
                     _("Anda tidak berhak menetapkan tautan SOP."))
    step = next((s for s in revision.data.get("steps", []) if s.get("no") == step_no), None)
    if step is None or text not in (step.get("sop_links") or []):
        raise ValidationError(_("Langkah %(no)s tidak menyebut tautan “%(text)s”.") % {"no": step_no, "text": text})
    return _store_link(revision=revision, step_no=step_no, text=text, target=target, user=user)


def _store_link(*, revision: SopRevision, step_no: int, text: str, target: Sop, user) -> SopLink:
    if target.office_id != revision.sop.office_id:
        raise ValidationError(_("SOP tujuan harus milik OPD yang sama."))
    if target.pk == revision.sop_id:
        raise ValidationError(_("SOP tidak dapat menautkan dirinya sendiri."))
    link, _created = SopLink.objects.update_or_create(
        revision=revision, step_no=step_no, text=text,
        defaults={"target": target, "confirmed_by": user if user and user.is_authenticated else None,
                  "confirmed_at": timezone.now()},
    )
    _trail(revision, "sop.tautan_dikonfirmasi", user, langkah=step_no, tautan=text, sop_tujuan=target.pk)
    return link


@transaction.atomic
def sop_import(*, office: Office, data: dict, user, source: str = "impor") -> SopRevision:
    """Store one SOP read by the importer (or a YAML file) as a draft whose step actors all await
    confirmation. Raises ValidationError (every error message) and stores nothing if it is invalid."""
    policies.require(policies.can_create_sop(user, office),
                     _("Hanya admin OPD dan Kepala Dinas OPD ini yang dapat mengimpor SOP."))
    return _import(office=office, data=data, user=user, source=source)


@transaction.atomic
def sop_import_by_operator(*, office: Office, data: dict, source: str) -> SopRevision:
    """`alur sop import`: the server's operator stores a draft on the office's behalf (no user; the
    trail says so). A draft only: the office still confirms the actors and its head approves it."""
    return _import(office=office, data=data, user=None, source=source, by=SYSTEM_SOURCE_OPERATOR)


def _import(*, office: Office, data: dict, user, source: str, by: str = "") -> SopRevision:
    clean = {key: value for key, value in data.items() if key != "warnings"}
    clean["steps"] = [dict(step, actor_confirmed=False) for step in clean.get("steps") or []]
    _set_aside_invalid_nip(clean)
    check_sop_data(clean, source)
    revision = _store_new_sop(office=office, data=sop_from_yaml_data(clean).to_dict(), user=user)
    extra = {"oleh": by} if by else {}
    _trail(revision, "sop.dibuat", user, langkah=len(clean["steps"]), sumber=str(source), **extra)
    return revision


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
    *, office: Office, data: dict, slug: str, approver: Employee | None = None,
    actor_positions: dict | None = None,
) -> tuple[SopRevision, bool]:
    """Store an SOP the office already approved on paper (the demo seeds), once, with the positions
    that fill its actor columns. No user: the trail entries say it was loaded, not approved in Alur."""
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
        revision_created.send(sender=SopRevision, revision=revision, previous=None, seeded=True)
        _trail(revision, "sop.dimuat", None, oleh=SYSTEM_SOURCE_SEED)
        for actor, positions in (actor_positions or {}).items():
            many = isinstance(positions, list | tuple)
            _store_mapping(sop=sop, actor=actor, positions=list(positions) if many else [positions], user=None)
    return revision, True


def load_confirmed_steps(*, revision: SopRevision) -> list[int]:
    """The demo loader confirms the seed SOPs' inferred actor columns on the office's behalf (no user;
    the trail entry says so), so demo runs may start. Steps confirmed already are left alone."""
    with transaction.atomic():
        waiting = [step.get("no") for step in unconfirmed_steps(revision)]
        StepActorConfirmation.objects.bulk_create(
            [StepActorConfirmation(revision=revision, step_no=no, confirmed_by=None) for no in waiting])
        if waiting:
            _trail(revision, "sop.pelaksana_dikonfirmasi", None, langkah=waiting, oleh=SYSTEM_SOURCE_SEED)
        return waiting


def load_confirmed_link(*, revision: SopRevision, step_no: int, text: str, target: Sop) -> SopLink:
    """The demo loader's obvious Keterangan links (no user): confirmed on the office's behalf."""
    with transaction.atomic():
        return _store_link(revision=revision, step_no=step_no, text=text, target=target, user=None)
