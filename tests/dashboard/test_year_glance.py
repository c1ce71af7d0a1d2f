"""The office Dasbor shows the year's performance at a glance (issue 18 item 24): every IKU with its
target, realisation to date and capaian in its category colour, a chart per sasaran, the PK's
progress per triwulan and the budget absorbed per programme; each figure links to its pengukuran row."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alur.dashboard.year import year_glance
from alur.kinerja.models import BudgetLine, Indicator, PerjanjianKinerja, Realisasi
from alur.kinerja.selectors import pengukuran

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinerja(demo_office):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    return demo_office


def _now(client, office, **query):
    return client.get(reverse("dashboard:now", args=[office.code]), query)


def test_each_iku_is_shown_with_its_capaian_and_links_to_its_pengukuran_row(kinerja, login):
    response = _now(login("kadis"), kinerja, tahun=2025)
    assert response.status_code == 200
    html = response.content.decode()
    table = pengukuran(kinerja, 2025)
    iku = [row for row in table.rows if row.definition.is_iku]
    others = [row for row in table.rows if not row.definition.is_iku]
    assert iku and others  # the demo has both, so the filter is tested
    url = reverse("kinerja:pengukuran", args=[kinerja.code, 2025])
    for row in iku:
        assert f'data-testid="glance-{row.definition.code}"' in html
        assert f'href="{url}#indikator-{row.definition.id}"' in html
    for row in others:
        assert f'data-testid="glance-{row.definition.code}"' not in html
    shown = next(row for row in iku if row.capaian.value is not None)
    cell = html.split(f'data-testid="glance-{shown.definition.code}"')[1].split("</tr>")[0]
    assert f"{shown.capaian_shown}".replace(".", ",") + "%" in cell
    assert shown.category.colour in cell and shown.category.label in cell
    # the row the links point at exists on the pengukuran page
    page = login("kadis").get(url).content.decode()
    assert f'id="indikator-{shown.definition.id}"' in page and 'id="anggaran"' in page
    # one chart per sasaran with a text alternative naming the indicators
    assert html.count('class="alur-capaian-bars"') == len({row.definition.sasaran_id for row in iku})
    assert re.search(r'aria-label="Capaian [^"]*' + re.escape(shown.definition.code) + " ", html)


def test_budget_absorption_per_programme_computed_by_hand(kinerja, login):
    program_line = BudgetLine.objects.filter(program__renstra__office=kinerja, year=2025, kegiatan__isnull=True).first()
    program = program_line.program
    BudgetLine.objects.filter(program=program, year=2025).delete()
    BudgetLine.objects.create(program=program, year=2025, triwulan=1, pagu=Decimal("600000"),
                              realisasi=Decimal("200000"))
    BudgetLine.objects.create(program=program, year=2025, triwulan=2, pagu=Decimal("400000"),
                              realisasi=Decimal("50000"))  # 250.000 of 1.000.000
    html = _now(login("kadis"), kinerja, tahun=2025).content.decode()
    row = html.split(f'data-testid="glance-program-{program.code}"')[1].split("</tr>")[0]
    assert "1.000.000" in row and "250.000" in row and "25,00%" in row


def test_quarter_progress_counts_only_verified_figures_that_reach_the_quarter_target(kinerja):
    office = kinerja
    Realisasi.objects.filter(indicator__renstra__office=office, year=2025).update(state=Realisasi.State.DIAJUKAN)
    table = pengukuran(office, 2025)
    # an IKU whose higher figure is better and that has a first-quarter target
    row = next(r for r in table.rows if r.definition.is_iku and r.definition.polarity == "naik"
               and r.definition.quarter_targets[0])
    target = row.definition.quarter_targets[0]
    Realisasi.objects.filter(indicator_id=row.definition.id, year=2025, triwulan=1).update(
        value=target, state=Realisasi.State.DISAHKAN)
    glance = year_glance(office, 2025, 2026)
    with_target = [sum(1 for r in table.rows if r.definition.quarter_targets[i] is not None) for i in range(4)]
    assert [(q.with_target, q.reported, q.reached) for q in glance.quarters] == [
        (with_target[0], 1, 1), (with_target[1], 0, 0), (with_target[2], 0, 0), (with_target[3], 0, 0)]
    assert glance.reported_to == 1
    # below the target: reported, not reached
    Realisasi.objects.filter(indicator_id=row.definition.id, year=2025, triwulan=1).update(value=target / 2)
    first = year_glance(office, 2025, 2026).quarters[0]
    assert (first.reported, first.reached) == (1, 0)


def test_statements_do_not_grow_with_indicators(kinerja):
    PerjanjianKinerja.objects.filter(office=kinerja, year=2024).update(signed_at=None)  # live indicators

    def count():
        with CaptureQueriesContext(connection) as captured:
            year_glance(kinerja, 2024, 2026)
        return len(captured)

    before = count()
    template = Indicator.objects.filter(renstra__office=kinerja, is_iku=True).first()
    for n in range(5):
        template.pk = None
        template.code = f"IKU-X{n}"
        template.save()
    assert count() == before


def test_a_year_without_a_renstra_says_so_and_a_bad_year_is_refused(kinerja, login):
    client = login("kadis")
    html = _now(client, kinerja, tahun=2040).content.decode()
    assert 'data-testid="year-empty"' in html and "2040" in html
    response = _now(client, kinerja, tahun="dua ribu")
    assert response.status_code == 400
    assert "Tahun kinerja" in response.content.decode()


def test_year_choice_offers_the_renstra_years(kinerja, login):
    html = _now(login("kadis"), kinerja).content.decode()
    choice = html.split('data-testid="year-choice"')[1].split("</select>")[0]
    for year in range(2021, 2027):
        assert f'value="{year}"' in choice


def test_kabupaten_view_links_each_office_to_its_pengukuran_and_its_iku_figures(kinerja, login):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="admin").update(is_superuser=True)
    client = login("admin")
    html = client.get(reverse("dashboard:kabupaten"), {"dari": "2025-01-01", "sampai": "2025-12-31"}).content.decode()
    assert f'href="{reverse("kinerja:pengukuran", args=[kinerja.code, 2025])}"' in html
    glance = f'{reverse("dashboard:now", args=[kinerja.code])}?tahun=2025#kinerja-tahun'
    assert f'href="{glance}"' in html
    assert 'data-testid="glance-' in client.get(glance.split("#")[0]).content.decode()
