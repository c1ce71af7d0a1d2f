"""The IKU's "alasan" (why an indicator is an IKU): kept with the indicator, entered where the
indicator is edited, on the trail, and behind the IKU lock once the Dokumen IKU is signed."""

import pytest

from alur.audit.models import Entry
from alur.kinerja import locks, services
from alur.kinerja.services import structure
from alur.kinerja.snapshots import Definition
from alur.kinerja.structure_forms import IndicatorForm

from .test_structure import PP, _unit, planner, renstra, tree  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_alasan_is_created_changed_and_recorded(planner, tree, demo_office):  # noqa: F811
    indicator = structure.indicator_create(
        user=planner, parent=tree["sasaran"], code="IKU-02", name="Jumlah proyek baru", satuan="proyek",
        unit=_unit(demo_office, PP), is_iku=True, alasan="Mengukur hasil promosi")
    assert indicator.alasan == "Mengukur hasil promosi"
    created = Entry.objects.filter(office=demo_office, kind="kinerja.indikator.buat").order_by("-position").first()
    assert created.data["baru"]["alasan"] == "Mengukur hasil promosi"
    services.indicator_update(user=planner, indicator=indicator, alasan="Mengukur hasil, bukan keluaran")
    changed = Entry.objects.get(office=demo_office, kind="kinerja.indikator.ubah").data
    assert changed["perubahan"]["alasan"] == {"lama": "Mengukur hasil promosi",
                                              "baru": "Mengukur hasil, bukan keluaran"}


def test_the_indicator_form_asks_for_alasan_and_a_signed_iku_locks_it(demo_office, renstra):  # noqa: F811
    form = IndicatorForm(office=demo_office, years=renstra.years)
    assert "alasan" in form.fields and "Alasan" in str(form.fields["alasan"].label)
    assert "alasan" in locks.IKU_DEFINITION_FIELDS
    old = {k: v for k, v in Definition.__dataclass_fields__.items() if k != "alasan"}
    assert Definition.from_json({**{k: None for k in old}, "quarter_targets": [None] * 4}).alasan == ""
