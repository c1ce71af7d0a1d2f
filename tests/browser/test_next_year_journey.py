"""Issue 18, done when: the planner moves the demo office into 2027. Nothing is in force for 2027
(the demo's Renstra 2021–2026 ends in 2026), so the way into next year is: Renja 2027 says the plan
is missing and where to make it; the planner drafts the next Renstra 2026–2031 without disturbing
the one in force; it is ditetapkan; then Renja and PK 2027 are made under it. The 2026 pages still
show 2026 with the 2021–2026 plan's data, and say which plan the transition year belongs to."""

import pytest

from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import PerjanjianKinerja, Renja, Renstra

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PM = "Bidang Penanaman Modal"
OLD_IKU = "Nilai realisasi investasi PMA dan PMDN"  # IKU-01 of the demo's 2021–2026 plan
NEW_IKU = "Nilai investasi terealisasi per tahun"


@pytest.fixture
def office(demo_office):
    load_demo_kinerja(demo_office)
    return demo_office


def submit_structure(page):
    page.click("[data-testid=structure-submit]")
    page.wait_for_selector("[data-testid=pohon-kinerja]")


def draft_next_renstra(page):
    """From the Renja 2027 page's "buat di …" link: the next Renstra with one IKU and one programme."""
    page.click("[data-testid=create-renstra]")
    page.fill("#id_title", "Rencana Strategis DPMPTSP 2026–2031")
    page.fill("#id_start_year", "2026")
    page.fill("#id_end_year", "2031")
    submit_structure(page)
    page.click("[data-testid=add-tujuan]")
    page.fill("#id_code", "T1")
    page.fill("#id_name", "Meningkatnya investasi daerah")
    submit_structure(page)
    page.click("a[data-testid^=add-sasaran-]")
    page.fill("#id_code", "S1.1")
    page.fill("#id_name", "Meningkatnya realisasi investasi")
    submit_structure(page)
    page.click("a[data-testid^=add-indikator-]")
    page.fill("#id_code", "IKU-01")  # the same code as the plan in force: it must not shadow it
    page.fill("#id_name", NEW_IKU)
    page.select_option("#id_kind", "jumlah")
    page.fill("#id_satuan", "Rp miliar")
    page.select_option("#id_unit", label=PM)
    page.check("#id_is_iku")
    page.fill("#id_baseline", "600")
    for year, target in zip(range(2027, 2032), ["650", "700", "760", "820", "900"], strict=True):
        page.fill(f"#id_target_{year}", target)
    submit_structure(page)
    page.click("[data-testid=add-program]")
    page.fill("#id_code", "2.18.03")
    page.fill("#id_name", "Program Promosi Penanaman Modal 2027")
    page.select_option("#id_unit", label=PM)
    page.select_option("#id_sasaran", label="S1.1 Meningkatnya realisasi investasi")
    submit_structure(page)


def test_the_planner_moves_the_office_into_2027(page, log_in, office):
    base = f"/kinerja/{office.code}"
    old = Renstra.objects.get(office=office, start_year=2021)
    log_in("kasubbag")

    # The Renja tab has a year selector; 2027 says what is missing and where to make it.
    page.goto(f"{base}/renja/2026/")
    switcher = page.locator("[data-testid=period-switcher]")
    assert switcher.locator("[data-testid=year-2026]").get_attribute("aria-current") == "page"
    switcher.locator("[data-testid=year-2027]").click()
    page.wait_for_selector("[data-testid=no-plan]")
    assert "Renstra yang berlaku untuk 2027 belum ada" in page.inner_text("[data-testid=no-plan]")

    draft_next_renstra(page)
    assert "Rencana Strategis DPMPTSP 2026–2031" in page.inner_text("h1")
    assert "2026–2031 2026–2031" not in page.content()
    assert page.locator("[data-testid=period-2026]").get_attribute("aria-current") == "page"
    draft = Renstra.objects.get(office=office, start_year=2026)
    assert draft.status == "draft"

    # The draft disturbs nothing: the Renstra, IKU and pengukuran pages of 2026 keep the plan in force.
    page.goto(f"{base}/renstra/")
    assert page.locator("[data-testid=period-2021]").get_attribute("aria-current") == "page"
    assert OLD_IKU in page.inner_text("[data-testid=pohon-kinerja]")
    assert NEW_IKU not in page.content()
    page.goto(f"{base}/iku/")
    assert OLD_IKU in page.content() and NEW_IKU not in page.content()
    page.goto(f"{base}/pengukuran/2026/")
    assert OLD_IKU in page.content() and NEW_IKU not in page.content()
    assert "dihitung pada Renstra 2021–2026" in page.inner_text("[data-testid=transition-note]")

    # Renja 2027 now names the draft, which must be ditetapkan first.
    page.goto(f"{base}/renja/2027/")
    assert "masih draf dan harus ditetapkan" in page.inner_text("[data-testid=no-plan]")
    page.click("[data-testid=no-plan] a")
    page.click("[data-testid=tetapkan-panel] summary")
    page.click("[data-testid=renstra-tetapkan]")
    page.wait_for_selector("[data-testid=structure-locked]")
    draft.refresh_from_db()
    assert draft.status == "ditetapkan"
    old.refresh_from_db()
    assert old.status == "ditetapkan"

    # Renja 2027 under the new plan.
    page.goto(f"{base}/renja/2026/")
    page.locator("[data-testid=period-switcher] [data-testid=year-2027]").click()
    page.click("[data-testid=renja-create]")
    page.wait_for_selector("[data-testid=renja-table]")
    page.select_option("#id_source", label="2.18.03 Program Promosi Penanaman Modal 2027")
    page.fill("#id_pagu", "250000000")
    page.click("[data-testid=renja-line-add] button[type=submit]")
    page.wait_for_selector("[data-testid=renja-table]:has-text('Program Promosi Penanaman Modal 2027')")
    renja = Renja.objects.get(office=office, year=2027)
    assert renja.renstra == draft and renja.lines.get().program.renstra == draft

    # PK 2027 under the new plan.
    page.locator("[data-testid=nav-pk]").click()
    page.locator("[data-testid=period-switcher] [data-testid=year-2027]").click()
    page.wait_for_selector("[data-testid=pk-create-form]")
    page.fill("#id_pihak_kedua_name", "Drs. H. Anwar Sadat, M.Ag.")
    page.fill("#id_pihak_kedua_title", "Bupati Tanjung Jabung Barat")
    page.click("[data-testid=pk-create-form] button[type=submit]")
    page.wait_for_url(f"**{base}/pk/2027/")
    pk = PerjanjianKinerja.objects.get(office=office, year=2027)
    assert pk.renstra == draft
    assert NEW_IKU in page.content()

    # 2026 still shows 2026, with the 2021–2026 plan's data; 2027 shows the new plan's.
    page.goto(f"{base}/pengukuran/2026/")
    assert "Pengukuran kinerja tahun 2026" in page.inner_text("h1")
    assert OLD_IKU in page.content() and NEW_IKU not in page.content()
    page.goto(f"{base}/renstra/")
    assert page.locator("[data-testid=period-2021]").get_attribute("aria-current") == "page"
    assert OLD_IKU in page.inner_text("[data-testid=pohon-kinerja]")
    page.goto(f"{base}/pengukuran/2027/")
    assert NEW_IKU in page.content() and OLD_IKU not in page.content()
    assert PerjanjianKinerja.objects.filter(office=office, year=2026, renstra=old).exists()
