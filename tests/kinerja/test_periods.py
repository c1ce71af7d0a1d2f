"""Issue 18 items 1 and 2: which Renstra is in force for a year (a draft never shadows it, the
transition year belongs to one plan and the page says which), the period switcher on the kinerja
pages, and the way into next year (a year without a plan in force says what is missing)."""

from __future__ import annotations

import pytest

from alur.kinerja import periods, selectors, services
from alur.kinerja.models import Indicator, Renstra
from alur.kinerja.services import structure


@pytest.fixture
def planner(user_named):
    return user_named("kasubbag")


@pytest.fixture
def old(kinerja_office):
    return Renstra.objects.get(office=kinerja_office, start_year=2021)


@pytest.fixture
def draft(kinerja_office, planner, old):
    """The next Renstra 2026–2031 being drafted, reusing the code IKU-01 (as a real office would)."""
    renstra = structure.renstra_create(user=planner, office=kinerja_office, title="Renstra DPMPTSP 2026–2031",
                                       start_year=2026, end_year=2031)
    tujuan = structure.tujuan_create(user=planner, renstra=renstra, code="T1", name="Meningkatnya investasi")
    sasaran = structure.sasaran_create(user=planner, tujuan=tujuan, code="S1.1", name="Meningkatnya realisasi")
    iku = Indicator.objects.get(renstra=old, code="IKU-01")
    structure.indicator_create(user=planner, parent=sasaran, code="IKU-01", name="Nilai realisasi investasi baru",
                               satuan="Rp miliar", unit=iku.unit, position=iku.position, kind="jumlah", is_iku=True,
                               baseline="600", targets={2027: "650", 2031: "900"})
    structure.program_create(user=planner, renstra=renstra, code="2.18.03", name="Program Promosi Baru",
                             unit=iku.unit, sasaran=sasaran)
    return renstra


def test_a_draft_never_shadows_the_plan_in_force(kinerja_office, old, draft):
    assert selectors.renstra_for(kinerja_office, 2026) == old
    assert periods.in_force(kinerja_office, 2027) is None  # only a draft covers 2027
    assert periods.draft_being_prepared(kinerja_office) == draft
    assert periods.in_force_by_office([kinerja_office.pk], 2026) == {kinerja_office.pk: old}
    found = periods.periods(kinerja_office)
    assert [(p.label, p.in_force) for p in found] == [("2021–2026", True), ("2026–2031", False)]
    assert found[0].own_years == tuple(range(2021, 2027)) and found[1].own_years == ()
    assert 2027 in periods.years(found) and 2031 in periods.years(found)
    note = periods.transition_note(found, 2026)
    assert "dihitung pada Renstra 2021–2026" in note and "Renstra 2026–2031 tahun ini adalah kondisi awal" in note
    assert "masih draf" in periods.missing_plan_message(found, 2027)


def test_the_transition_year_belongs_to_the_older_plan_once_both_are_ditetapkan(kinerja_office, planner, old,
                                                                                  draft):
    services.renstra_tetapkan(user=planner, renstra=draft)
    assert selectors.renstra_for(kinerja_office, 2026) == old
    assert selectors.renstra_for(kinerja_office, 2027) == draft
    found = periods.periods(kinerja_office)
    assert found[1].own_years == tuple(range(2027, 2032))
    assert periods.period_of(found, 2026).renstra == old and periods.period_of(found, 2027).renstra == draft
    assert periods.years(found)[-1] == 2032  # the year after the last plan in force: a way into it


def test_a_plan_reopened_for_revision_stays_in_force(kinerja_office, planner, old):
    services.renstra_open_revision(user=planner, renstra=old, reason="Penyesuaian RPJMD")
    assert Renstra.objects.get(pk=old.pk).status == Renstra.Status.DRAFT
    assert selectors.renstra_for(kinerja_office, 2025) == old
    assert periods.draft_being_prepared(kinerja_office) is None


def test_the_title_does_not_print_the_period_twice(kinerja_office, old, draft):
    assert str(draft) == "Renstra DPMPTSP 2026–2031"
    assert str(old) == f"{old.title} 2021–2026"


def test_renstra_and_iku_pages_open_on_the_plan_in_force_and_switch_to_the_draft(kinerja_office, login, draft):
    client = login("kasubbag")
    base = f"/kinerja/{kinerja_office.code}"
    page = client.get(f"{base}/renstra/").content.decode()
    assert "2021–2026" in page and "Program Promosi Baru" not in page
    assert f'href="{base}/renstra/?periode=2026"' in page and 'data-testid="period-switcher"' in page
    assert 'aria-current="page" data-testid="period-2021"' in page
    assert "tahun peralihan" in page  # the shared year 2026, said on the plan page
    page = client.get(f"{base}/renstra/?periode=2026").content.decode()
    assert "Program Promosi Baru" in page and 'aria-current="page" data-testid="period-2026"' in page
    assert "Renstra DPMPTSP 2026–2031 2026–2031" not in page
    iku = client.get(f"{base}/iku/").content.decode()
    assert "Nilai realisasi investasi baru" not in iku and "2021–2026" in iku
    assert "Nilai realisasi investasi baru" in client.get(f"{base}/iku/?periode=2026").content.decode()
    assert client.get(f"{base}/iku/?periode=2040").status_code == 404


def test_editing_the_draft_returns_to_the_draft(kinerja_office, login, draft):
    client = login("kasubbag")
    response = client.post(f"/kinerja/{kinerja_office.code}/renstra/tambah/tujuan/renstra/{draft.pk}/",
                           {"code": "T2", "name": "Meningkatnya pelayanan"})
    assert response.status_code == 302 and response["Location"].endswith("/renstra/?periode=2026")


def test_year_pages_carry_the_switcher_and_the_transition_note(kinerja_office, login, draft):
    client = login("kasubbag")
    base = f"/kinerja/{kinerja_office.code}"
    for section in ("pengukuran", "realisasi", "renja", "pk", "anggaran"):
        page = client.get(f"{base}/{section}/2026/").content.decode()
        assert 'data-testid="period-switcher"' in page, section
        assert f'href="{base}/{section}/2025/"' in page and f'href="{base}/{section}/2027/"' in page, section
        assert 'aria-current="page" data-testid="year-2026"' in page, section
        assert "dihitung pada Renstra 2021–2026" in page, section


@pytest.mark.parametrize("section", ["renja", "pk", "pengukuran", "anggaran"])
def test_a_year_without_a_plan_in_force_says_what_is_missing(kinerja_office, login, planner, section):
    client = login("kasubbag")
    base = f"/kinerja/{kinerja_office.code}"
    response = client.get(f"{base}/{section}/2027/")
    page = response.content.decode()
    assert response.status_code == 200 and "Renstra yang berlaku untuk 2027 belum ada" in page
    assert f'href="{base}/renstra/baru/"' in page  # where to create it
    structure.renstra_create(user=planner, office=kinerja_office, title="Renstra 2026–2031", start_year=2026,
                             end_year=2031)
    page = client.get(f"{base}/{section}/2027/").content.decode()
    assert "masih draf dan harus ditetapkan" in page and f'href="{base}/renstra/?periode=2026"' in page


def test_next_years_renja_and_pk_are_made_under_the_new_plan_once_ditetapkan(kinerja_office, planner, draft):
    from django.core.exceptions import ValidationError

    from alur.kinerja.services import renja as renja_services

    with pytest.raises(ValidationError):
        renja_services.renja_create(user=planner, office=kinerja_office, year=2027)
    services.renstra_tetapkan(user=planner, renstra=draft)
    assert renja_services.renja_create(user=planner, office=kinerja_office, year=2027).renstra == draft
    pk = services.pk_create(user=planner, office=kinerja_office, year=2027, pihak_kedua_name="Bupati",
                            pihak_kedua_title="Bupati Tanjung Jabung Barat")
    assert pk.renstra == draft


def test_indikator_saya_lists_the_plan_in_force_only(kinerja_office, login, old, draft):
    # IKU-01 of the draft 2026–2031 shares the code and the Kabid PM's unit with the plan in force.
    page = login("kabidpm").get("/kinerja/saya/?tahun=2026&tw=3").content.decode()
    assert page.count('data-testid="mine-IKU-01"') == 1 and "Nilai realisasi investasi baru" not in page
    page = login("kabidpm").get("/kinerja/saya/?tahun=2027&tw=1").content.decode()
    assert 'data-testid="mine-IKU-01"' not in page  # nothing in force for 2027 yet: nothing to enter


def test_sakip_year_counts_the_indicators_of_the_plan_in_force(kinerja_office, old, draft):
    from alur.dashboard.sakip import year_at_a_glance

    n = Indicator.objects.filter(renstra=old).count()
    details = [e.detail for e in year_at_a_glance(kinerja_office, 2026) if "/" in (e.detail or "")]
    assert details and all(d.endswith(f"/{n}") for d in details)


def test_renja_document_compares_last_year_with_the_plan_then_in_force(kinerja_office, planner, draft):
    from alur.documents.content import Table
    from alur.documents.kinds.renja import build_renja

    services.renstra_tetapkan(user=planner, renstra=draft)
    doc = build_renja(kinerja_office, 2027)
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.caption.startswith("Tabel 2.2"))
    assert "Target akhir Renstra 2021–2026" in table.columns


def test_the_data_kinerja_collection_asks_for_the_plan_in_force_only(kinerja_office, planner, old, draft):
    from alur.kinerja.collection.period import period_indicators

    sasaran = draft.tujuan.get().sasaran.get()
    iku = Indicator.objects.get(renstra=old, code="IKU-01")
    extra = structure.indicator_create(user=planner, parent=sasaran, code="IKU-09", name="Kondisi awal",
                                       satuan="%", unit=iku.unit, kind="persentase", targets={2026: "1"})
    found = {i.pk for i in period_indicators(kinerja_office, 2026, 3)}
    assert extra.pk not in found and iku.pk in found


def test_export_renstra_writes_the_plan_in_force_not_the_newer_draft(kinerja_office, draft, tmp_path):
    from django.core.management import call_command
    from openpyxl import load_workbook

    out = tmp_path / "renstra.xlsx"
    call_command("kinerja", "export-renstra", kinerja_office.code, "-o", str(out))
    cells = {str(c.value) for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert "Nilai realisasi investasi PMA dan PMDN" in cells and "Nilai realisasi investasi baru" not in cells


def test_the_pengukuran_year_choice_reaches_beyond_the_old_plan_when_a_newer_one_exists(kinerja_office, login,
                                                                                        draft):
    base = f"/kinerja/{kinerja_office.code}"
    page = login("kadis").get(f"{base}/pengukuran/2026/").content.decode()
    assert f'<option value="{base}/pengukuran/2031/"' in page and f'<option value="{base}/pengukuran/2021/"' in page
