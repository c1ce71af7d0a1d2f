"""An office with no Renstra builds one in the browser: the planner creates the Renstra, a tujuan, a
sasaran, an indicator with its targets, a programme with a kegiatan, and sees them in the tree."""

from decimal import Decimal

import pytest

from alur.kinerja.models import Indicator, Kegiatan, Renstra

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PP = "Bidang Pelayanan Perizinan"


def submit(page):
    page.click("[data-testid=structure-submit]")
    page.wait_for_selector("[data-testid=pohon-kinerja]")


def test_planner_builds_a_renstra_from_nothing(page, log_in, demo_office):
    log_in("kasubbag")
    page.goto(f"/kinerja/{demo_office.code}/renstra/")
    page.click("[data-testid=renstra-create]")
    page.fill("#id_title", "Rencana Strategis DPMPTSP")
    page.fill("#id_start_year", "2025")
    page.fill("#id_end_year", "2030")
    submit(page)

    page.click("[data-testid=add-tujuan]")
    page.fill("#id_code", "T1")
    page.fill("#id_name", "Meningkatnya kualitas pelayanan perizinan")
    submit(page)

    page.click("a[data-testid^=add-sasaran-]")
    page.fill("#id_code", "S1.1")
    page.fill("#id_name", "Meningkatnya kepuasan masyarakat")
    submit(page)

    page.click("a[data-testid^=add-indikator-]")
    page.fill("#id_code", "IKU-01")
    page.fill("#id_name", "Indeks Kepuasan Masyarakat")
    page.fill("#id_definisi", "Nilai survei kepuasan masyarakat atas layanan perizinan")
    page.fill("#id_formula", "Rata-rata tertimbang nilai unsur × 25")
    page.select_option("#id_kind", "indeks")
    page.fill("#id_satuan", "indeks")
    page.fill("#id_sumber_data", "Survei Kepuasan Masyarakat")
    page.select_option("#id_unit", label=PP)
    page.select_option("#id_position", label=f"Kepala Bidang Pelayanan Perizinan ({PP})")
    page.select_option("#id_polarity", "naik")
    page.select_option("#id_aggregation", "nilai_akhir")
    page.check("#id_is_iku")
    page.fill("#id_baseline", "78,2")
    for year, target in zip(range(2026, 2031), ["80", "81", "82", "83", "85,5"], strict=True):
        page.fill(f"#id_target_{year}", target)
    submit(page)

    page.click("[data-testid=add-program]")
    page.fill("#id_code", "2.18.04")
    page.fill("#id_name", "Program Pelayanan Penanaman Modal")
    page.select_option("#id_unit", label=PP)
    page.select_option("#id_sasaran", label="S1.1 Meningkatnya kepuasan masyarakat")
    submit(page)

    page.click("a[data-testid^=add-kegiatan-]")
    page.fill("#id_code", "2.18.04.2.01")
    page.fill("#id_name", "Pelayanan Perizinan Terpadu Satu Pintu")
    page.select_option("#id_unit", label=PP)
    submit(page)

    tree = page.inner_text("[data-testid=pohon-kinerja]")
    for text in ("T1: Meningkatnya kualitas pelayanan perizinan", "S1.1: Meningkatnya kepuasan masyarakat",
                 "IKU-01 Indeks Kepuasan Masyarakat", "78,2", "85,5", "Kepala Bidang Pelayanan Perizinan"):
        assert text in tree, text
    programs = page.inner_text("[data-testid=program-tree]")
    assert "2.18.04" in programs and "Pelayanan Perizinan Terpadu Satu Pintu" in programs

    renstra = Renstra.objects.get(office=demo_office)
    assert (renstra.status, renstra.start_year, renstra.end_year) == ("draft", 2025, 2030)
    indicator = Indicator.objects.get(renstra=renstra, code="IKU-01")
    assert indicator.is_iku and indicator.aggregation == "nilai_akhir"
    assert dict(indicator.targets.values_list("year", "value"))[2030] == Decimal("85.5")
    assert Kegiatan.objects.get(code="2.18.04.2.01").program.code == "2.18.04"
