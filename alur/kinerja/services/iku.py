"""The IKU of a Renstra: a version proposed from today's IKU indicators, approved by the head."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record

from .. import policies, taken
from ..changes import trail_value
from ..models import (
    IkuSet,
    Renstra,
)
from ..snapshots import indicator_rows, targets_by_indicator


def _iku_rows(renstra: Renstra) -> list[dict]:
    """The IKU indicators with their definitions and yearly targets, as the IKU document lists them."""
    indicators = [i for i in indicator_rows([renstra.pk]) if i.is_iku]
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    return [{"indikator": i.pk, "kode": i.code, "sasaran": i.sasaran.name, "nama": i.name, "definisi": i.definisi,
             "formula": i.formula, "satuan": i.satuan, "sumber_data": i.sumber_data,
             "penanggung_jawab": i.position.name if i.position else i.unit.name,
             "target": {str(y): trail_value(annual.get((i.pk, y))) for y in renstra.years}} for i in indicators]


@transaction.atomic
def iku_set_propose(*, user, renstra: Renstra, run_id: int | None = None) -> IkuSet:
    """A new IKU version (draft) holding today's IKU indicators; the IKU SOP run approves it."""
    renstra = Renstra.objects.select_related("office").get(pk=renstra.pk)
    policies.require(policies.can_propose_iku(user, renstra.office), _("Hanya unit perencanaan yang menyusun IKU."))
    last = renstra.iku_sets.order_by("-version").first()
    iku = IkuSet.objects.create(renstra=renstra, version=(last.version + 1) if last else 1, run_id=run_id,
                                snapshot=_iku_rows(renstra))
    record(office=renstra.office, kind="kinerja.iku.susun", user=user, run_id=run_id,
           data={"iku": iku.pk, "versi": iku.version, "indikator": [row["indikator"] for row in iku.snapshot]})
    return iku


@transaction.atomic
def iku_set_approve(*, user, iku: IkuSet) -> IkuSet:
    iku = lock_rows(IkuSet.objects).select_related("renstra__office").get(pk=iku.pk)
    if iku.status == IkuSet.Status.DISETUJUI:
        raise taken.iku_approved(iku)
    policies.require(policies.can_approve_iku(user, iku), _("Hanya kepala OPD (atau Plt) yang menetapkan IKU."))
    iku.status, iku.approved_at, iku.approved_by = IkuSet.Status.DISETUJUI, timezone.now(), user
    iku.save(update_fields=["status", "approved_at", "approved_by"])
    record(office=iku.renstra.office, kind="kinerja.iku.setujui", user=user, run_id=iku.run_id,
           data={"iku": iku.pk, "versi": iku.version, "status": {"lama": "draft", "baru": "disetujui"}})
    return iku
