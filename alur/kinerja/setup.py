"""An office's kinerja settings and scales: created on first use, scales seeded from the core's
documented defaults (they are rows from then on, which an admin sees and a superuser changes)."""

from __future__ import annotations

from django.db import transaction

from alur.core.kinerja import DEFAULT_CAPAIAN_SCALE, DEFAULT_PREDIKAT_SCALE, LOCAL_RULE_BANJARNEGARA
from alur.org.models import Unit

from .models import CapaianScaleRow, KinerjaSetting, PredikatRow

CAPAIAN_SOURCE = "Kategori capaian yang lazim (dirujuk ke Permendagri 86/2017)"
PREDIKAT_SOURCE = "PermenPAN-RB 88/2021"
PLANNING_UNIT_HINT = "Perencanaan"  # a new office's planning unit is guessed from its name, then editable


def setting_for(office) -> KinerjaSetting:
    setting = KinerjaSetting.objects.filter(office=office).select_related("planning_unit").first()
    if setting is None:
        setting = ensure_setup(office)
    return setting


@transaction.atomic
def ensure_setup(office) -> KinerjaSetting:
    """Create the setting and seed both scales when the office has none; idempotent."""
    planning = Unit.objects.filter(office=office, name__icontains=PLANNING_UNIT_HINT).order_by("pk").first()
    setting, _ = KinerjaSetting.objects.get_or_create(
        office=office,
        defaults={"planning_unit": planning, "efficiency_margin": LOCAL_RULE_BANJARNEGARA.margin,
                  "efficiency_rule_name": LOCAL_RULE_BANJARNEGARA.name},
    )
    if not CapaianScaleRow.objects.filter(office=office).exists():
        CapaianScaleRow.objects.bulk_create(_rows(CapaianScaleRow, office, DEFAULT_CAPAIAN_SCALE, CAPAIAN_SOURCE))
    if not PredikatRow.objects.filter(office=office).exists():
        PredikatRow.objects.bulk_create(_rows(PredikatRow, office, DEFAULT_PREDIKAT_SCALE, PREDIKAT_SOURCE))
    return setting


def _rows(model, office, defaults, source):
    return [
        model(office=office, order=order, label=row.label, lower=row.lower, upper=row.upper,
              lower_inclusive=row.lower_inclusive, upper_inclusive=row.upper_inclusive, colour=row.colour,
              caps_at=row.caps_at, source=source)
        for order, row in enumerate(defaults, start=1)
    ]
