"""The plan under a Renstra: an indicator's definition, yearly and quarterly targets, the pagu
indikatif, and the Renstra's penetapan and revisions. (Creating and deleting the tree's rows:
`structure`.)"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record

from .. import locks, policies, taken
from ..changes import apply_changes, trail_value
from ..models import (
    Indicator,
    IndicatorTarget,
    Kegiatan,
    PaguIndikatif,
    Program,
    QuarterTarget,
    Renstra,
    RenstraRevision,
)
from ..snapshots import renstra_snapshot
from .common import lock_indicators

# Indicator fields a planner may change; each change is recorded with its old value.
INDICATOR_FIELDS = ("name", "definisi", "formula", "kind", "satuan", "sumber_data", "unit", "position", "polarity",
                    "turun_formula", "band_low", "band_high", "band_falloff", "aggregation", "is_iku", "baseline",
                    "sasaran", "national_standard", "national_standard_source", "alasan")


def _require_plan_editable(user, renstra: Renstra) -> None:
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang mengubah rencana kinerja."))
    if renstra.status == Renstra.Status.DITETAPKAN:
        raise ValidationError(_("Renstra sudah ditetapkan; buka revisi baru untuk mengubahnya."))


@transaction.atomic
def indicator_update(*, user, indicator: Indicator, reason: str = "", **fields) -> Indicator:
    """Change an indicator's definition (draft Renstra only). After a Dokumen IKU covering it is
    signed, a change to an IKU definition needs `reason` (see `locks`)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"indicator_update: unknown fields {sorted(unknown)}")
    indicator = lock_rows(Indicator.objects).select_related("renstra__office").get(pk=indicator.pk)
    _require_plan_editable(user, indicator.renstra)
    changed = apply_changes(indicator, fields)
    if changed:
        indicator.full_clean(validate_unique=False)
        revision = locks.require_reason(locks.indicator_locks(indicator, changed), reason)
        indicator.save()
        record(office=indicator.renstra.office, kind="kinerja.indikator.ubah", user=user,
               data={"indikator": indicator.pk, "kode": indicator.code, "perubahan": changed, **revision})
    return indicator


@transaction.atomic
def target_set(*, user, indicator: Indicator, year: int, value: Decimal | None, triwulan: int | None = None,
               reason: str = ""):
    """Set the annual target (triwulan None) or a quarter's target (rencana aksi). After the
    Perjanjian Kinerja document of the year is signed, a change needs `reason` (see `locks`)."""
    renstra = Renstra.objects.select_related("office").get(pk=indicator.renstra_id)
    _require_plan_editable(user, renstra)
    if year not in renstra.years:
        raise ValidationError({"year": _("Tahun %(year)s di luar periode Renstra.") % {"year": year}})
    lock_indicators([indicator.pk])
    if triwulan is None:
        row, _created = lock_rows(IndicatorTarget.objects).get_or_create(indicator=indicator, year=year)
    else:
        row, _created = lock_rows(QuarterTarget.objects).get_or_create(
            indicator=indicator, year=year, triwulan=triwulan)
    old = row.value
    if old != value or _created:
        revision = locks.require_reason(locks.locks_on(renstra.office, kind="pk", year=year), reason)
        row.value = value
        row.save()
        record(office=renstra.office, kind="kinerja.target.ubah", user=user,
               data={"indikator": indicator.pk, "tahun": year, "triwulan": triwulan,
                     "lama": trail_value(old), "baru": trail_value(value), **revision})
    return row


@transaction.atomic
def renstra_tetapkan(*, user, renstra: Renstra, reason: str = "") -> RenstraRevision:
    renstra = lock_rows(Renstra.objects).get(pk=renstra.pk)
    policies.require(policies.can_tetapkan_renstra(user, renstra.office),
                     _("Hanya unit perencanaan atau kepala OPD yang menetapkan Renstra."))
    if renstra.status == Renstra.Status.DITETAPKAN:
        raise taken.renstra_ditetapkan(renstra)
    renstra.status = Renstra.Status.DITETAPKAN
    renstra.save(update_fields=["status"])
    revision = RenstraRevision.objects.create(renstra=renstra, number=renstra.revision, ditetapkan_at=timezone.now(),
                                              ditetapkan_by=user, reason=reason, snapshot=renstra_snapshot(renstra))
    record(office=renstra.office, kind="kinerja.renstra.tetapkan", user=user,
           data={"renstra": renstra.pk, "revisi": renstra.revision, "status": {"lama": "draft", "baru": "ditetapkan"}})
    return revision


@transaction.atomic
def renstra_open_revision(*, user, renstra: Renstra, reason: str) -> Renstra:
    """A change after penetapan: the ditetapkan content stays in RenstraRevision; editing reopens."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan revisi Renstra.")})
    renstra = lock_rows(Renstra.objects).get(pk=renstra.pk)
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang membuka revisi Renstra."))
    if renstra.status != Renstra.Status.DITETAPKAN:
        raise ValidationError(_("Renstra masih draf; ubah langsung tanpa revisi."))
    renstra.status, renstra.revision = Renstra.Status.DRAFT, renstra.revision + 1
    renstra.save(update_fields=["status", "revision"])
    record(office=renstra.office, kind="kinerja.renstra.revisi", user=user,
           data={"renstra": renstra.pk, "revisi": renstra.revision, "alasan": reason.strip(),
                 "status": {"lama": "ditetapkan", "baru": "draft"}})
    return renstra


@transaction.atomic
def pagu_set(*, user, node, year: int, amount: Decimal):
    """The pagu indikatif of one programme, kegiatan or sub-kegiatan in one Renstra year."""
    renstra = node.renstra if isinstance(node, Program) else (
        node.program.renstra if isinstance(node, Kegiatan) else node.kegiatan.program.renstra)
    _require_plan_editable(user, renstra)
    if year not in renstra.years:
        raise ValidationError({"year": _("Tahun %(year)s di luar periode Renstra.") % {"year": year}})
    key = {{"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub_kegiatan"}[node._meta.model_name]: node}
    row = lock_rows(PaguIndikatif.objects).filter(year=year, **key).first()
    old = row.amount if row else None
    if old == amount:
        return row
    if row is None:
        row = PaguIndikatif(year=year, amount=amount, **key)
    row.amount = amount
    row.save()
    record(office=renstra.office, kind="kinerja.pagu.ubah", user=user,
           data={"baris": node._meta.model_name, "id": node.pk, "kode": node.code, "tahun": year,
                 "lama": trail_value(old), "baru": trail_value(amount)})
    return row
