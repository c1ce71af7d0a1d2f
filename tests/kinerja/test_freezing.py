"""After the PK of a year is signed, editing an indicator leaves that year's figures unchanged."""

from decimal import Decimal

from alur.kinerja import services
from alur.kinerja.models import Indicator, Renstra
from alur.kinerja.selectors import pengukuran


def _table(office, year):
    return [(r.definition.name, r.definition.formula, r.definition.polarity, r.definition.target, r.capaian.value,
             r.capaian.formula) for r in pengukuran(office, year).rows]


def test_signed_year_reads_its_snapshot(kinerja_office, user_named):
    before_2025 = _table(kinerja_office, 2025)
    planner = user_named("kasubbag")
    renstra = Renstra.objects.get(office=kinerja_office)
    services.renstra_open_revision(user=planner, renstra=renstra, reason="Perubahan definisi IKU")
    lama = Indicator.objects.get(renstra=renstra, code="IKU-07")
    services.indicator_update(user=planner, indicator=lama, name="Lama penerbitan izin (median)",
                              turun_formula="rasio", definisi="Median hari kerja")
    services.target_set(user=planner, indicator=lama, year=2025, value=Decimal("9"))

    assert _table(kinerja_office, 2025) == before_2025
    table = pengukuran(kinerja_office, 2025)
    assert table.frozen_by is not None and table.frozen_by.year == 2025
    row = next(r for r in table.rows if r.definition.id == lama.pk)
    assert row.definition.name == "Rata-rata lama penerbitan izin"
    assert row.capaian.formula.startswith("(2T−R)/T×100")


def test_unsigned_year_reads_live_rows(kinerja_office, user_named):
    from alur.kinerja.models import PerjanjianKinerja

    PerjanjianKinerja.objects.filter(office=kinerja_office, year=2026).delete()
    planner = user_named("kasubbag")
    renstra = Renstra.objects.get(office=kinerja_office)
    services.renstra_open_revision(user=planner, renstra=renstra, reason="Perubahan definisi IKU")
    lama = Indicator.objects.get(renstra=renstra, code="IKU-07")
    services.indicator_update(user=planner, indicator=lama, name="Lama penerbitan izin (median)")
    row = next(r for r in pengukuran(kinerja_office, 2026).rows if r.definition.id == lama.pk)
    assert row.definition.name == "Lama penerbitan izin (median)"


def test_signed_year_export_is_unchanged_by_later_edits(kinerja_office, user_named, login):
    from io import BytesIO

    from openpyxl import load_workbook

    url = f"/kinerja/{kinerja_office.code}/pengukuran/2025/?format=xlsx"

    def rows():
        sheet = load_workbook(BytesIO(login("kadis").get(url).content)).active
        return [tuple(r) for r in sheet.iter_rows(min_row=3, values_only=True)]

    before = rows()
    planner = user_named("kasubbag")
    renstra = Renstra.objects.get(office=kinerja_office)
    services.renstra_open_revision(user=planner, renstra=renstra, reason="Perubahan definisi IKU")
    lama = Indicator.objects.get(renstra=renstra, code="IKU-07")
    services.indicator_update(user=planner, indicator=lama, name="Lama penerbitan izin (median)",
                              turun_formula="rasio", satuan="jam")
    services.target_set(user=planner, indicator=lama, year=2025, value=Decimal("9"))
    after = rows()
    assert after == before
    assert any(r[2] == "Rata-rata lama penerbitan izin" for r in after)
