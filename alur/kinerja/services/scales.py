"""The capaian and predikat scales: rows a superuser changes, each change on the office's trail."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record

from .. import policies
from ..changes import trail_value
from ..models import (
    CapaianScaleRow,
    PredikatRow,
)

SCALE_FIELDS = ("label", "lower", "lower_inclusive", "upper", "upper_inclusive", "colour", "caps_at", "order")


@transaction.atomic
def scale_row_update(*, user, row: CapaianScaleRow | PredikatRow, **fields):
    policies.require(policies.can_change_scale(user), _("Hanya superuser yang mengubah skala."))
    unknown = set(fields) - set(SCALE_FIELDS)
    if unknown:
        raise TypeError(f"scale_row_update: unknown fields {sorted(unknown)}")
    row = lock_rows(type(row).objects).get(pk=row.pk)
    changed = {}
    for field, value in fields.items():
        if getattr(row, field) != value:
            changed[field] = {"lama": trail_value(getattr(row, field)), "baru": trail_value(value)}
            setattr(row, field, value)
    if changed:
        row.full_clean()
        row.save()
        record(office=row.office, kind="kinerja.skala.ubah", user=user,
               data={"tabel": row._meta.model_name, "baris": row.pk, "perubahan": changed})
    return row
