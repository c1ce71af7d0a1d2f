from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alur.core.kinerja import round_percent
from alur.dashboard.capaian import capaian_by_office
from alur.kinerja.models import PerjanjianKinerja, Realisasi
from alur.kinerja.selectors import pengukuran


@pytest.fixture
def kinerja(demo_office):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    return demo_office


def _expected(office, year):
    """The same figures read from the pengukuran table of alur.kinerja (one office at a time)."""
    table = pengukuran(office, year)
    verified = [row for row in table.rows if row.capaian.value is not None]
    capped = [row.category.capped(row.capaian.value) if row.category else row.capaian.value for row in verified]
    counts = {row.label: 0 for row in table.scale}
    for row in verified:
        if row.category:
            counts[row.category.label] += 1
    average = round_percent(sum(capped, Decimal(0)) / len(capped)) if capped else None
    return len(table.rows), len(verified), average, [(s.label, counts[s.label]) for s in table.scale]


@pytest.mark.parametrize("year", [2025, 2026])
def test_figures_equal_the_pengukuran_table(kinerja, other_office, year):
    figures = capaian_by_office([kinerja.pk, other_office.pk], year)
    mine = figures[kinerja.pk]
    indicators, verified, average, categories = _expected(kinerja, year)
    assert (mine.indicators, mine.verified, mine.average) == (indicators, verified, average)
    assert [(label, n) for label, _colour, n in mine.categories] == categories
    assert mine.verified >= 1 and sum(n for *_, n in mine.categories) == mine.verified
    assert mine.predikat is None and "evaluasi" in mine.predikat_reason
    assert figures[other_office.pk].indicators == 0 and figures[other_office.pk].average is None


def test_unverified_quarters_do_not_count_and_the_live_renstra_stands_in_without_a_pk(kinerja):
    before = capaian_by_office([kinerja.pk], 2025)[kinerja.pk]
    Realisasi.objects.filter(indicator__renstra__office=kinerja, year=2025).update(
        state=Realisasi.State.DIAJUKAN)
    after = capaian_by_office([kinerja.pk], 2025)[kinerja.pk]
    assert before.verified > 0 and after.verified == 0 and after.average is None
    PerjanjianKinerja.objects.filter(office=kinerja, year=2024).update(signed_at=None)
    live = capaian_by_office([kinerja.pk], 2024)[kinerja.pk]
    assert (live.indicators, live.verified, live.average) == _expected(kinerja, 2024)[:3]


def test_statements_do_not_grow_with_offices(kinerja, other_office):
    def count(ids):
        with CaptureQueriesContext(connection) as captured:
            capaian_by_office(ids, 2025)
        return len(captured)

    assert count([kinerja.pk]) == count([kinerja.pk, other_office.pk]) <= 8


def test_kabupaten_page_shows_capaian_per_office(kinerja, login):
    client = login("admin")
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="admin").update(is_superuser=True)
    response = client.get(reverse("dashboard:kabupaten"), {"dari": "2025-01-01", "sampai": "2025-12-31"})
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["office"] == kinerja)
    expected = _expected(kinerja, 2025)
    assert row["capaian"].average == expected[2]
    html = response.content.decode()
    shown = str(expected[2]).replace(".", ",")  # Indonesian decimal comma
    assert f'data-testid="capaian-average">{shown}%' in html and "Capaian 2025" in html
    sheet = client.get(reverse("dashboard:kabupaten"), {"dari": "2025-01-01", "sampai": "2025-12-31",
                                                        "unduh": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(sheet.content)).worksheets[0].values)
    assert "Rata-rata capaian terverifikasi (%)" in rows[0]
    mine = next(r for r in rows[1:] if r[0] == kinerja.name)
    assert Decimal(str(mine[rows[0].index("Rata-rata capaian terverifikasi (%)")])) == expected[2]
