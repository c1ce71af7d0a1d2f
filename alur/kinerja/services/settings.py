"""The office's kinerja settings: the planning unit (who verifies and plans), the entry window
(working days after the quarter ends) and the efficiency label rule (its margin in points and its
name). Changed by the planning unit or the office admin; every change goes to the trail with the old
and new values. A new office has no planning unit until the office admin names it here."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record

from .. import policies
from ..changes import apply_changes
from ..models import KinerjaSetting
from ..setup import ensure_setup

SETTING_FIELDS = ("planning_unit", "window_opens_after", "window_closes_after", "efficiency_margin",
                  "efficiency_rule_name")
MAX_WORKING_DAYS = 60
MAX_MARGIN = Decimal(100)


def _check(office, values: dict) -> None:
    errors = {}
    unit = values["planning_unit"]
    if unit is not None and unit.office_id != office.pk:
        errors["planning_unit"] = _("Unit perencanaan harus unit OPD ini.")
    opens, closes = values["window_opens_after"], values["window_closes_after"]
    for name, days, title in (("window_opens_after", opens, _("Pengisian dibuka")),
                              ("window_closes_after", closes, _("Pengisian ditutup"))):
        if days is None or not isinstance(days, int) or not 0 <= days <= MAX_WORKING_DAYS:
            errors[name] = _("%(title)s: isi jumlah hari kerja 0–%(max)s.") % {"title": title, "max": MAX_WORKING_DAYS}
    if not errors and closes <= opens:
        errors["window_closes_after"] = _(
            "Pengisian ditutup (hari kerja ke-%(closes)s) harus sesudah dibuka (hari kerja ke-%(opens)s setelah "
            "triwulan berakhir).") % {"closes": closes, "opens": opens + 1}
    margin = values["efficiency_margin"]
    if margin is None or not isinstance(margin, Decimal) or not Decimal(0) <= margin <= MAX_MARGIN:
        errors["efficiency_margin"] = _("Batas efisiensi: isi angka 0–100 poin.")
    elif margin != margin.quantize(Decimal("0.01")):
        errors["efficiency_margin"] = _("Batas efisiensi paling banyak dua angka di belakang koma.")
    if len(values["efficiency_rule_name"]) > 200:
        errors["efficiency_rule_name"] = _("Nama aturan efisiensi paling panjang 200 karakter.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def settings_update(*, user, office, **fields) -> KinerjaSetting:
    unknown = set(fields) - set(SETTING_FIELDS)
    if unknown:
        raise TypeError(f"settings_update: unknown fields {sorted(unknown)}")
    policies.require(policies.can_change_settings(user, office),
                     _("Hanya unit perencanaan atau admin OPD yang mengubah pengaturan kinerja."))
    setting = lock_rows(KinerjaSetting.objects).get(pk=ensure_setup(office).pk)
    if "efficiency_rule_name" in fields:
        fields["efficiency_rule_name"] = (fields["efficiency_rule_name"] or "").strip()
    values = {name: fields.get(name, getattr(setting, name)) for name in SETTING_FIELDS}
    _check(office, values)
    changed = apply_changes(setting, values)
    if changed:
        setting.save(update_fields=list(changed))
        record(office=office, kind="kinerja.pengaturan.ubah", user=user, data={"perubahan": changed})
    return setting
