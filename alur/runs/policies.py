"""Who may do what with letters, runs and tasks: one predicate per act.

Pages call these to show or hide an action; the services call them again and raise
`PermissionDenied` (through `require`), so the web, a command and a future API cannot disagree.
Reading is not writing: an `OfficeGrant` lets a user *see* another office, and no predicate here
accepts a grant. Every write needs membership of the office the record belongs to.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from alur.org.selectors import employee_of, holders_on, is_office_admin, roles_of, visible_offices


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def is_member(user, office_id: int) -> bool:
    """An employee of this office (never a grant holder, never another office's official)."""
    employee = employee_of(user)
    return employee is not None and employee.office_id == office_id


def can_register_letter(user, office) -> bool:
    return is_member(user, office.pk)


def can_start_run(user, revision) -> bool:
    return is_member(user, revision.sop.office_id)


def can_act_on_task(user, task, day: date | None = None) -> bool:
    """The assignee acts on an open task; so does whoever stands in (Plt/Plh) for its position on `day`."""
    employee = employee_of(user)
    if employee is None or task.status != task.Status.TERBUKA or employee.office_id != task.run.office_id:
        return False
    if task.assignee_id == employee.pk:
        return True
    if task.position_id is None:
        return False
    acting = holders_on([task.position], day or timezone.localdate()).get(task.position)
    return acting is not None and acting.prefix != "" and acting.employee.pk == employee.pk


def can_start_child_run(user, task, day: date | None = None) -> bool:
    """Starting the SOP a step links to is part of acting on that step."""
    return can_act_on_task(user, task, day)


def can_reassign_task(user, task) -> bool:
    return task.status == task.Status.TERBUKA and is_office_admin(user, task.run.office)


def can_cancel_run(user, run, day: date | None = None) -> bool:
    """The run's office admin, or the head of the run's OWN office (or their Plt/Plh), while it runs."""
    if run.status != run.Status.BERJALAN:
        return False
    if is_office_admin(user, run.office):
        return True
    employee = employee_of(user)
    return employee is not None and any(
        acting.position.is_head and acting.position.office_id == run.office_id
        for acting in roles_of(employee, day or timezone.localdate()))


def can_download(user, office_id: int) -> bool:
    """Reading a run's files: anyone who may read the office (own office or a grant)."""
    return visible_offices(user).filter(pk=office_id).exists()
