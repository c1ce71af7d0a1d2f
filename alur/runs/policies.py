"""Who may do what with letters, runs and tasks: one predicate per act.

Pages call these to show or hide an action; the services call them again and raise
`PermissionDenied` (through `require`), so the web, a command and a future API cannot disagree.
Reading is not writing: an `OfficeGrant` lets a user *see* another office, and no predicate here
accepts a grant. Every write needs membership of the office the record belongs to.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from alur.kit.policy import require  # noqa: F401  (re-exported: services call policies.require)
from alur.org.selectors import employee_of, holders_on, is_office_admin, roles_of, visible_offices
from alur.runs.models import Disposition, IncomingLetter, Task


def is_member(user, office_id: int) -> bool:
    """An employee of this office (never a grant holder, never another office's official)."""
    employee = employee_of(user)
    return employee is not None and employee.office_id == office_id


def can_register_letter(user, office) -> bool:
    return is_member(user, office.pk)


def can_start_run(user, revision) -> bool:
    return is_member(user, revision.sop.office_id)


def own_office_id(user) -> int | None:
    """The office whose runs this user may start (its employees'); None for a reader with grants only,
    who is offered no "Mulai alur"."""
    employee = employee_of(user)
    return employee.office_id if employee is not None else None


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


def can_acknowledge_disposition(user, copy, day: date | None = None) -> bool:
    """The holder of the position a disposisi was sent to, or whoever stands in for it on `day`."""
    employee = employee_of(user)
    return employee is not None and any(
        acting.position.pk == copy.position_id for acting in roles_of(employee, day or timezone.localdate()))


def confidential_letters_visible(user, letters) -> set[int]:
    """Which of these letters' perihal and scan the user may see; for a letter with sifat Rahasia only
    whom it concerns: the registrar, the head of its office (or their Plt/Plh), the positions it was
    disposed to (their holders and stand-ins today), and the actors of runs started from it.
    At most four statements for any number of letters."""

    letters = list(letters)
    visible = {letter.pk for letter in letters if letter.sifat != IncomingLetter.Sifat.RAHASIA}
    secret = {letter.pk: letter for letter in letters if letter.pk not in visible}
    if not secret:
        return visible
    visible |= {pk for pk, letter in secret.items() if letter.registered_by_id == user.pk}
    employee = employee_of(user)
    if employee is None:
        return visible
    roles = roles_of(employee, timezone.localdate())
    heads = {acting.position.office_id for acting in roles if acting.position.is_head}
    visible |= {pk for pk, letter in secret.items() if letter.office_id in heads}
    rest = [pk for pk in secret if pk not in visible]
    if rest and roles:
        visible |= set(Disposition.objects.filter(
            task__run__letter_id__in=rest, to_positions__in=[acting.position.pk for acting in roles])
            .values_list("task__run__letter_id", flat=True))
    rest = [pk for pk in secret if pk not in visible]
    if rest:
        visible |= set(Task.objects.filter(run__letter_id__in=rest).filter(
            Q(assignee=employee) | Q(completed_by=employee)).values_list("run__letter_id", flat=True))
    return visible


def can_see_letter(user, letter) -> bool:
    """Perihal and scan of an incoming letter (office visibility is checked by the selectors)."""
    return letter.pk in confidential_letters_visible(user, [letter])


def hide_confidential(user, letters):
    """Mark each letter the user may not read with `hidden = True` (templates then show neither
    perihal nor scan); returns the letters."""
    letters = [letter for letter in letters if letter is not None]
    visible = confidential_letters_visible(user, letters)
    for letter in letters:
        letter.hidden = letter.pk not in visible
    return letters
