"""An office's kinerja settings and scales: made when the office is made (`kinerja.signals`), scales
seeded from the core's documented defaults (they are rows from then on, which an admin sees and a
superuser changes). Reading them never writes: `setting_for` is a pure read."""

from __future__ import annotations

from django.db import transaction

from alur.audit import records
from alur.audit import services as audit
from alur.audit.locking import lock_rows
from alur.core.kinerja import DEFAULT_CAPAIAN_SCALE, DEFAULT_EFFICIENCY_RULE, DEFAULT_PREDIKAT_SCALE

from .changes import apply_changes
from .models import CapaianScaleRow, KinerjaSetting, PredikatRow

CAPAIAN_SOURCE = "Kategori capaian yang lazim (dirujuk ke Permendagri 86/2017)"
PREDIKAT_SOURCE = "PermenPAN-RB 88/2021"


def _defaults() -> dict:
    return {"planning_unit": None, "efficiency_margin": DEFAULT_EFFICIENCY_RULE.margin,
            "efficiency_rule_name": DEFAULT_EFFICIENCY_RULE.name}


def setting_for(office) -> KinerjaSetting:
    """The office's setting; an unsaved default (no planning unit) when it has none yet. Never writes:
    predicates (`policies.is_planner`) and pages call it."""
    setting = KinerjaSetting.objects.filter(office=office).select_related("planning_unit").first()
    return setting if setting is not None else KinerjaSetting(office=office, **_defaults())


@transaction.atomic
def ensure_setup(office, *, user=None) -> KinerjaSetting:
    """Create the setting (no planning unit: someone names it) and seed both scales when the office
    has none; idempotent. Called when an office is made, after migrating, and by writers."""
    setting, created = KinerjaSetting.objects.get_or_create(office=office, defaults=_defaults())
    seeded = []
    for model, defaults, source in ((CapaianScaleRow, DEFAULT_CAPAIAN_SCALE, CAPAIAN_SOURCE),
                                    (PredikatRow, DEFAULT_PREDIKAT_SCALE, PREDIKAT_SOURCE)):
        if not model.objects.filter(office=office).exists():
            rows = model.objects.bulk_create(_rows(model, office, defaults, source))
            records.note(model, [row.pk for row in rows])  # bulk_create sends no signal
            seeded.append(model.__name__)
    if created or seeded:
        # The settings and scales are regulated records (they decide every predikat): they enter the
        # trail as made, with the office or by the first migration that found it without them.
        audit.record(office=office, kind="kinerja.pengaturan.awal", user=user,
                     data={"pengaturan": created, "skala": seeded,
                           "unit_perencanaan": setting.planning_unit.name if setting.planning_unit else ""})
    return setting


@transaction.atomic
def name_planning_unit(office, unit) -> KinerjaSetting:
    """A loader's act (the demo, a test office): name the planning unit, on the trail as changed.
    People change it on the settings page (`services.settings.settings_update`)."""
    if unit.office_id != office.pk:
        raise ValueError("name_planning_unit: the unit belongs to another office")
    setting = lock_rows(KinerjaSetting.objects).get(pk=ensure_setup(office).pk)
    changed = apply_changes(setting, {"planning_unit": unit})
    if changed:
        setting.save(update_fields=list(changed))
        audit.record(office=office, kind="kinerja.pengaturan.ubah", data={"perubahan": changed})
    return setting


def _rows(model, office, defaults, source):
    return [
        model(office=office, order=order, label=row.label, lower=row.lower, upper=row.upper,
              lower_inclusive=row.lower_inclusive, upper_inclusive=row.upper_inclusive, colour=row.colour,
              caps_at=row.caps_at, source=source)
        for order, row in enumerate(defaults, start=1)
    ]
