"""Disposisi sent to positions that do not continue the run: acknowledging them."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.services import record
from alur.org.selectors import employee_of
from alur.runs import policies
from alur.runs.models import DispositionCopy

from .progress import lock_run


@transaction.atomic
def disposition_acknowledge(*, copy: DispositionCopy, user, now: datetime | None = None) -> DispositionCopy:
    """Whoever holds (or stands in for) the copy's position today marks it received.
    Locks: the run row, then the audit chain (the package's lock order)."""
    now = now or timezone.now()
    run = lock_run(copy.disposition.task.run_id)
    copy = DispositionCopy.objects.select_related("position", "disposition__task").get(pk=copy.pk)
    policies.require(policies.can_acknowledge_disposition(user, copy, timezone.localdate(now)),
                     _("Disposisi ini tidak ditujukan kepada jabatan Anda."))
    if copy.acknowledged_at is not None:
        raise ValidationError(_("Disposisi ini sudah ditandai diterima."), code="already_acknowledged")
    employee = employee_of(user)
    copy.acknowledged_at, copy.acknowledged_by = now, employee
    copy.save(update_fields=["acknowledged_at", "acknowledged_by"])
    record(office=run.office, kind="disposisi.diterima", user=user, run_id=run.pk, at=now, data={
        "disposition": copy.disposition_id, "task": copy.disposition.task.engine_id,
        "position": copy.position.name, "by": employee.nip})
    return copy
