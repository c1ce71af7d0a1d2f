"""Who may do what with an office's SOPs: one predicate per act.

Pages call these to show or hide an action; the services call them again and raise PermissionDenied
(through `require`), so the web, the `alur sop` command and a future API cannot disagree. Reading is
not writing: an OfficeGrant lets a user *see* another office's SOPs and never write them.

- the office's admins and its own Kepala Dinas (or the Plt/Plh standing in) write SOPs: create,
  edit drafts, map actor columns to positions, confirm step actors and child-SOP links;
- "sahkan" is for the head of THE REVISION'S OFFICE (or their Plt/Plh) only.
"""

from __future__ import annotations

from alur.kit.policy import require  # noqa: F401  (re-exported: services call policies.require)
from alur.org.selectors import employee_of, is_office_admin, roles_of


def heads_for(user, office) -> list:
    """The head positions of `office` that `user` acts for today (held, or as Plt/Plh)."""
    employee = employee_of(user)
    if employee is None:
        return []
    return [acting for acting in roles_of(employee)
            if acting.position.is_head and acting.position.office_id == office.pk]


def can_create_sop(user, office) -> bool:
    return bool(user and user.is_authenticated) and (is_office_admin(user, office) or bool(heads_for(user, office)))


def can_edit_sop(user, sop) -> bool:
    """May write to this SOP at all (start a revision, map actors, confirm steps and links)."""
    return can_create_sop(user, sop.office)


def can_edit_revision(user, revision) -> bool:
    """Who may edit; that only drafts can be edited is the service's ValidationError, not a permission."""
    return can_edit_sop(user, revision.sop)


def can_approve_revision(user, revision) -> bool:
    return bool(heads_for(user, revision.sop.office))


def can_map_actors(user, sop) -> bool:
    return can_edit_sop(user, sop)


def can_confirm_step(user, revision) -> bool:
    return can_edit_sop(user, revision.sop)


def can_confirm_link(user, revision) -> bool:
    return can_edit_sop(user, revision.sop)
