from decimal import Decimal

from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Indicator, PerjanjianKinerja, Realisasi, Renstra
from alur.kinerja.selectors import pengukuran


def test_demo_is_idempotent_and_plausible(kinerja_office):
    assert load_demo_kinerja(kinerja_office) == 0
    renstra = Renstra.objects.get(office=kinerja_office)
    assert (renstra.start_year, renstra.end_year) == (2021, 2026)
    assert renstra.tujuan.count() == 2
    indicators = Indicator.objects.filter(renstra=renstra)
    assert 10 <= indicators.count() <= 14
    assert {"kumulatif", "nilai_akhir", "rata_rata"} <= set(indicators.values_list("aggregation", flat=True))
    assert indicators.filter(polarity="turun", satuan="hari").exists()
    assert indicators.filter(targets__value=0).exists()
    assert PerjanjianKinerja.objects.filter(office=kinerja_office, signed_at__isnull=False).count() == 5
    states = set(Realisasi.objects.filter(year=2026, triwulan=3).values_list("state", flat=True))
    assert {"diajukan", "dikembalikan", "diverifikasi"} <= states


def test_pengukuran_counts_only_verified(kinerja_office):
    table = pengukuran(kinerja_office, 2026)
    rows = {row.definition.code: row for row in table.rows}
    submitted = rows["IND-03"]  # triwulan III still diajukan
    assert submitted.unverified == 1
    verified_values = [c.value for c in submitted.quarters[:2]]
    assert submitted.realisasi == sum(verified_values, Decimal(0)) / 2
    zero = pengukuran(kinerja_office, 2024)
    promo = next(r for r in zero.rows if r.definition.code == "IND-04")
    assert promo.capaian.value is None and "target 0" in promo.capaian.reason
