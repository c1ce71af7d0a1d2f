"""An office's kinerja settings and scales: created on first use, scales seeded from the core's
documented defaults (they are rows from then on, which an admin sees and a superuser changes)."""

from __future__ import annotations

from django.db import transaction

from alur.audit import records
from alur.audit import services as audit
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
    setting, created = KinerjaSetting.objects.get_or_create(
        office=office,
        defaults={"planning_unit": planning, "efficiency_margin": LOCAL_RULE_BANJARNEGARA.margin,
                  "efficiency_rule_name": LOCAL_RULE_BANJARNEGARA.name},
    )
    seeded = []
    for model, defaults, source in ((CapaianScaleRow, DEFAULT_CAPAIAN_SCALE, CAPAIAN_SOURCE),
                                    (PredikatRow, DEFAULT_PREDIKAT_SCALE, PREDIKAT_SOURCE)):
        if not model.objects.filter(office=office).exists():
            rows = model.objects.bulk_create(_rows(model, office, defaults, source))
            records.note(model, [row.pk for row in rows])  # bulk_create sends no signal
            seeded.append(model.__name__)
    if created or seeded:
        # The settings and scales are regulated records (they decide every predikat): even made on
        # first use, by whoever opened a page first, they enter the trail as made.
        audit.record(office=office, kind="kinerja.pengaturan.awal",
                     data={"pengaturan": created, "skala": seeded,
                           "unit_perencanaan": setting.planning_unit.name if setting.planning_unit else ""})
    return setting


def _rows(model, office, defaults, source):
    return [
        model(office=office, order=order, label=row.label, lower=row.lower, upper=row.upper,
              lower_inclusive=row.lower_inclusive, upper_inclusive=row.upper_inclusive, colour=row.colour,
              caps_at=row.caps_at, source=source)
        for order, row in enumerate(defaults, start=1)
    ]
