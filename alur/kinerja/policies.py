"""Who may do what with an office's performance data: one predicate per act.

Pages ask these to show or hide an action; the services ask them again and raise PermissionDenied,
so the web, a command and the import can never disagree. Reading: the office's own people and
holders of an OfficeGrant. Writing always needs membership of the office; a grant never writes.

- the unit responsible for an indicator enters, corrects and submits its realisations;
- the planning unit (KinerjaSetting.planning_unit: Kasubbag PPMEP and its staff) verifies or sends
  back, and edits plans (Renstra, targets, PK, budget);
- the head of the office (or the Plt/Plh standing in) approves realisations and signs the PK;
- scale rows are changed by superusers only (an office admin sees them).
"""

from __future__ import annotations

from datetime import date

from alur.kit.policy import require  # noqa: F401  (re-exported: services call policies.require)
from alur.org import policies as org_policies
from alur.org.selectors import employee_of, roles_of, visible_offices

from .models import Realisasi
from .setup import setting_for

EDITABLE_STATES = (Realisasi.State.DRAFT, Realisasi.State.DIKEMBALIKAN)


def can_read(user, office) -> bool:
    return visible_offices(user).filter(pk=office.pk).exists()


def _member(user, office_id: int):
    employee = employee_of(user)
    return employee if employee is not None and employee.office_id == office_id else None


def _roles(employee, day: date | None):
    return roles_of(employee, day) if employee is not None else []


def unit_ids_of(user, office, day: date | None = None) -> set[int]:
    """Units in which `user` acts (held positions and Plt/Plh) on `day`, within `office`."""
    return {acting.position.unit_id for acting in _roles(_member(user, office.pk), day)}


def is_planner(user, office, day: date | None = None) -> bool:
    planning_unit_id = setting_for(office).planning_unit_id
    return planning_unit_id is not None and planning_unit_id in unit_ids_of(user, office, day)


def is_head(user, office, day: date | None = None) -> bool:
    return any(acting.position.is_head for acting in _roles(_member(user, office.pk), day))


def is_responsible(user, indicator, day: date | None = None) -> bool:
    """Someone acting in the indicator's unit (or in the position named responsible for it)."""
    employee = _member(user, indicator.renstra.office_id)
    roles = _roles(employee, day)
    return any(acting.position.unit_id == indicator.unit_id or acting.position.pk == indicator.position_id
               for acting in roles)


def can_enter_realisasi(user, indicator, realisasi: Realisasi | None = None, day: date | None = None) -> bool:
    if realisasi is not None and realisasi.state not in EDITABLE_STATES:
        return False
    return is_responsible(user, indicator, day)


def can_submit(user, realisasi: Realisasi, day: date | None = None) -> bool:
    return realisasi.state in EDITABLE_STATES and is_responsible(user, realisasi.indicator, day)


def can_verify(user, realisasi: Realisasi, day: date | None = None) -> bool:
    return realisasi.state == Realisasi.State.DIAJUKAN and is_planner(user, realisasi.indicator.renstra.office, day)


def can_send_back(user, realisasi: Realisasi, day: date | None = None) -> bool:
    """The planner sends back what was submitted; the head may send back what the planner verified."""
    office = realisasi.indicator.renstra.office
    if realisasi.state == Realisasi.State.DIAJUKAN:
        return is_planner(user, office, day)
    if realisasi.state == Realisasi.State.DIVERIFIKASI:
        return is_head(user, office, day)
    return False


def can_approve(user, realisasi: Realisasi, day: date | None = None) -> bool:
    return realisasi.state == Realisasi.State.DIVERIFIKASI and is_head(user, realisasi.indicator.renstra.office, day)


def can_edit_plan(user, office, day: date | None = None) -> bool:
    return is_planner(user, office, day)


def can_sign_pk(user, pk, day: date | None = None) -> bool:
    return pk.signed_at is None and is_head(user, pk.office, day)


def can_change_scale(user) -> bool:
    return bool(user and user.is_superuser)


def can_prepare_pk(user, office, day: date | None = None) -> bool:
    """A PK (or a PK perubahan) is drafted by the planning unit; the head signs it."""
    return can_edit_plan(user, office, day)


def can_propose_iku(user, office, day: date | None = None) -> bool:
    return can_edit_plan(user, office, day)


def can_approve_iku(user, iku, day: date | None = None) -> bool:
    return iku.status == iku.Status.DRAFT and is_head(user, iku.renstra.office, day)


def can_set_pagu(user, office) -> bool:
    return can_edit_plan(user, office)


def can_enter_spending(user, program, kegiatan=None) -> bool:
    """Realisasi anggaran: the planner, or someone acting in the unit responsible for the programme
    (or kegiatan)."""
    office = program.renstra.office
    if can_edit_plan(user, office):
        return True
    unit_id = kegiatan.unit_id if kegiatan is not None else program.unit_id
    return unit_id in unit_ids_of(user, office)


def can_change_settings(user, office) -> bool:
    """The entry windows and the efficiency rule: the planning unit, or the office admin."""
    return can_edit_plan(user, office) or org_policies.can_manage_office(user, office)


def can_tetapkan_renstra(user, office, day: date | None = None) -> bool:
    """The planning unit sets (ditetapkan) the Renstra it composed, or the head of the office."""
    return can_edit_plan(user, office, day) or is_head(user, office, day)
