"""The Renstra structure pages: the planner creates a Renstra and adds, edits and deletes at each
level; readers without the right see no buttons and are refused; another office gets 404."""

import pytest
from django.contrib.auth import get_user_model

from alur.audit.models import Entry
from alur.kinerja.models import Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, Tujuan
from alur.kinerja.services import structure
from alur.org.models import OfficeGrant, Position, Unit

PP = "Bidang Pelayanan Perizinan"


@pytest.fixture
def draft(demo_office, user_named):
    """A draft Renstra with one tujuan, sasaran and programme."""
    planner = user_named("kasubbag")
    renstra = structure.renstra_create(user=planner, office=demo_office, title="Renstra", start_year=2025,
                                       end_year=2030)
    tujuan = structure.tujuan_create(user=planner, renstra=renstra, code="T1", name="Tujuan satu")
    sasaran = structure.sasaran_create(user=planner, tujuan=tujuan, code="S1.1", name="Sasaran satu")
    program = structure.program_create(user=planner, renstra=renstra, code="2.18.04", name="Program Pelayanan",
                                       unit=Unit.objects.get(office=demo_office, name=PP))
    return {"renstra": renstra, "tujuan": tujuan, "sasaran": sasaran, "program": program}


def _url(office, *parts):
    return f"/kinerja/{office.code}/renstra/" + "".join(f"{p}/" for p in parts)


def test_a_fresh_office_planner_sees_buat_renstra_and_creates_it(demo_office, login):
    client = login("kasubbag")
    page = client.get(_url(demo_office))
    assert page.status_code == 200 and b'data-testid="renstra-create"' in page.content
    bad = client.post(_url(demo_office, "baru"), {"title": "Renstra", "start_year": 2025, "end_year": 2028})
    assert "tahun akhir harus tahun awal + 5" in bad.content.decode() and not Renstra.objects.exists()
    response = client.post(_url(demo_office, "baru"), {"title": "Renstra DPMPTSP", "start_year": 2025,
                                                       "end_year": 2030})
    assert response.status_code == 302
    renstra = Renstra.objects.get(office=demo_office)
    assert (renstra.status, renstra.start_year, renstra.end_year) == ("draft", 2025, 2030)
    tree = client.get(_url(demo_office)).content.decode()
    assert 'data-testid="add-tujuan"' in tree and "Belum ada tujuan." in tree


def test_readers_of_a_fresh_office_get_404_and_cannot_create(demo_office, login):
    client = login("kabidpp")
    assert client.get(_url(demo_office)).status_code == 404  # no Renstra yet, and nothing for them to do
    assert client.get(_url(demo_office, "baru")).status_code == 403
    assert client.post(_url(demo_office, "baru"), {"title": "X", "start_year": 2025,
                                                   "end_year": 2030}).status_code == 403
    assert not Renstra.objects.exists()


def test_the_planner_adds_each_level(demo_office, login, draft):
    client = login("kasubbag")
    unit = Unit.objects.get(office=demo_office, name=PP)
    position = Position.objects.get(office=demo_office, code="kabid-pp")
    r = draft["renstra"]
    assert client.post(_url(demo_office, "tambah", "tujuan", "renstra", r.pk),
                       {"code": "T2", "name": "Tujuan dua"}).status_code == 302
    assert client.post(_url(demo_office, "tambah", "sasaran", "tujuan", draft["tujuan"].pk),
                       {"code": "S1.2", "name": "Sasaran dua"}).status_code == 302
    assert Sasaran.objects.get(code="S1.2").tujuan == draft["tujuan"]
    indicator = {"code": "IKU-01", "name": "Indeks kepuasan", "kind": "indeks", "satuan": "indeks",
                 "unit": unit.pk, "position": position.pk, "polarity": "naik", "turun_formula": "selisih",
                 "aggregation": "nilai_akhir", "is_iku": "on", "baseline": "78,2", "definisi": "Survei SKM",
                 "formula": "Rata-rata tertimbang × 25", "sumber_data": "SKM", "target_2026": "80",
                 "target_2030": "85,5"}
    response = client.post(_url(demo_office, "tambah", "indikator", "sasaran", draft["sasaran"].pk), indicator)
    assert response.status_code == 302
    created = Indicator.objects.get(code="IKU-01")
    assert (created.sasaran, created.position, created.is_iku, str(created.baseline)) == (
        draft["sasaran"], position, True, "78.2000")
    assert dict(IndicatorTarget.objects.filter(indicator=created).values_list("year", "value")) == {
        2026: 80, 2030: 85.5}
    assert client.post(_url(demo_office, "tambah", "kegiatan", "program", draft["program"].pk),
                       {"code": "2.18.04.2.01", "name": "Pelayanan terpadu", "unit": unit.pk}).status_code == 302
    kegiatan = Kegiatan.objects.get(code="2.18.04.2.01")
    assert client.post(_url(demo_office, "tambah", "subkegiatan", "kegiatan", kegiatan.pk),
                       {"code": "2.18.04.2.01.0001", "name": "Penyediaan layanan", "unit": unit.pk}
                       ).status_code == 302
    tree = client.get(_url(demo_office)).content.decode()
    for text in ("Tujuan dua", "Sasaran dua", "Indeks kepuasan", "Pelayanan terpadu", "2.18.04.2.01.0001"):
        assert text in tree


def test_bad_input_is_shown_on_the_form_and_nothing_stored(demo_office, login, draft):
    client = login("kasubbag")
    unit = Unit.objects.get(office=demo_office, name=PP)
    before = Entry.objects.count()
    response = client.post(_url(demo_office, "tambah", "kegiatan", "program", draft["program"].pk),
                           {"code": "2.18.05.2.01", "name": "Salah induk", "unit": unit.pk})
    assert response.status_code == 200
    assert "harus diawali kode induknya &#x27;2.18.04&#x27;" in response.content.decode()
    response = client.post(_url(demo_office, "tambah", "indikator", "sasaran", draft["sasaran"].pk), {
        "code": "I-1", "name": "X", "kind": "jumlah", "satuan": "dok", "unit": unit.pk, "polarity": "rentang",
        "turun_formula": "selisih", "aggregation": "kumulatif", "target_2026": "tujuh"})
    text = response.content.decode()
    assert "bukan angka" in text  # the form names the target cell
    assert Entry.objects.count() == before and not Kegiatan.objects.exists() and not Indicator.objects.exists()


def test_edit_and_delete_from_the_page(demo_office, login, draft):
    client = login("kasubbag")
    response = client.post(_url(demo_office, "tujuan", draft["tujuan"].pk, "ubah"),
                           {"code": "T1", "name": "Tujuan satu (diubah)"})
    assert response.status_code == 302 and Tujuan.objects.get(pk=draft["tujuan"].pk).name == "Tujuan satu (diubah)"
    refused = client.post(_url(demo_office, "tujuan", draft["tujuan"].pk, "hapus"))
    assert refused.status_code == 400 and "1 sasaran" in refused.content.decode()
    assert client.get(_url(demo_office, "program", draft["program"].pk, "hapus")).status_code == 200
    assert client.post(_url(demo_office, "program", draft["program"].pk, "hapus")).status_code == 302
    assert not Program.objects.filter(pk=draft["program"].pk).exists()


def test_indicator_edit_page_changes_definition_and_targets(demo_office, login, draft, user_named):
    unit = Unit.objects.get(office=demo_office, name=PP)
    indicator = structure.indicator_create(user=user_named("kasubbag"), parent=draft["sasaran"], code="I-1",
                                           name="Izin terbit", satuan="dokumen", unit=unit, targets={2026: 10})
    client = login("kasubbag")
    form = client.get(_url(demo_office, "indikator", indicator.pk, "ubah")).content.decode()
    assert 'value="I-1"' in form and "disabled" in form
    response = client.post(_url(demo_office, "indikator", indicator.pk, "ubah"), {
        "name": "Izin dan non-izin terbit", "kind": "jumlah", "satuan": "dokumen", "unit": unit.pk,
        "polarity": "naik", "turun_formula": "selisih", "aggregation": "kumulatif", "target_2026": "12",
        "target_2027": "14"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Izin dan non-izin terbit" and indicator.code == "I-1"
    assert dict(indicator.targets.values_list("year", "value")) == {2026: 12, 2027: 14}


@pytest.mark.parametrize("username", ["kabidpp", "kadis", "inspektur"])
def test_readers_see_no_buttons_and_are_refused(demo_office, login, draft, username):
    if username == "inspektur":
        get_user_model().objects.create_user("inspektur", password="rahasia-123")
        OfficeGrant.objects.create(user=get_user_model().objects.get(username="inspektur"), office=demo_office)
    client = login(username)
    tree = client.get(_url(demo_office))
    assert tree.status_code == 200
    text = tree.content.decode()
    assert "Tujuan satu" in text
    for marker in ('data-testid="add-tujuan"', 'data-testid="actions-', "/ubah/", "/hapus/"):
        assert marker not in text
    # The head of the office may set the Renstra (the same predicate as the service); nobody else here.
    assert ('data-testid="renstra-tetapkan"' in text) == (username == "kadis")
    assert client.get(_url(demo_office, "tambah", "tujuan", "renstra", draft["renstra"].pk)).status_code == 403
    assert client.post(_url(demo_office, "tujuan", draft["tujuan"].pk, "hapus")).status_code == 403
    assert Tujuan.objects.filter(pk=draft["tujuan"].pk).exists()


def test_planner_sees_buttons_only_while_draft(demo_office, login, draft, user_named):
    client = login("kasubbag")
    text = client.get(_url(demo_office)).content.decode()
    assert f'data-testid="actions-tujuan-{draft["tujuan"].pk}"' in text and 'data-testid="add-program"' in text
    assert client.post(_url(demo_office, draft["renstra"].pk, "tetapkan")).status_code == 302
    text = client.get(_url(demo_office)).content.decode()
    assert 'data-testid="actions-' not in text and 'data-testid="renstra-revision"' in text
    refused = client.post(_url(demo_office, "tambah", "tujuan", "renstra", draft["renstra"].pk),
                          {"code": "T2", "name": "Tujuan dua"})
    assert "buka revisi" in refused.content.decode() and not Tujuan.objects.filter(code="T2").exists()
    assert client.post(_url(demo_office, draft["renstra"].pk, "revisi"),
                       {"reason": "Perubahan RPJMD"}).status_code == 302
    assert Renstra.objects.get(pk=draft["renstra"].pk).status == "draft"


def test_another_office_gets_404(demo_office, other_office, draft, client):
    client.force_login(get_user_model().objects.get(username="kadisdik"))
    urls = [_url(demo_office), _url(demo_office, "baru"),
            _url(demo_office, "tambah", "tujuan", "renstra", draft["renstra"].pk),
            _url(demo_office, "tujuan", draft["tujuan"].pk, "ubah"),
            _url(demo_office, "program", draft["program"].pk, "hapus")]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # A row of this office named under the other office's code is not found either.
    assert client.get(f"/kinerja/{other_office.code}/renstra/tujuan/{draft['tujuan'].pk}/ubah/").status_code == 404
    assert client.post(_url(demo_office, "program", draft["program"].pk, "hapus")).status_code == 404
    assert Program.objects.filter(pk=draft["program"].pk).exists()


def test_pagu_per_year_is_set_with_the_line(demo_office, login, draft):
    from decimal import Decimal

    client = login("kasubbag")
    unit = Unit.objects.get(office=demo_office, name=PP)
    refused = client.post(_url(demo_office, "tambah", "kegiatan", "program", draft["program"].pk),
                          {"code": "2.18.04.2.01", "name": "Pelayanan", "unit": unit.pk, "pagu_2026": "-5"})
    assert "Pagu tidak boleh negatif." in refused.content.decode() and not Kegiatan.objects.exists()
    assert client.post(_url(demo_office, "tambah", "kegiatan", "program", draft["program"].pk),
                       {"code": "2.18.04.2.01", "name": "Pelayanan", "unit": unit.pk,
                        "pagu_2026": "540.000.000", "pagu_2027": "560000000"}).status_code == 302
    kegiatan = Kegiatan.objects.get(code="2.18.04.2.01")
    assert dict(kegiatan.pagu.values_list("year", "amount")) == {2026: Decimal(540000000), 2027: Decimal(560000000)}
    form = client.get(_url(demo_office, "program", draft["program"].pk, "ubah")).content.decode()
    assert 'name="pagu_2030"' in form
    assert client.post(_url(demo_office, "program", draft["program"].pk, "ubah"),
                       {"code": "2.18.04", "name": "Program Pelayanan", "unit": unit.pk,
                        "pagu_2026": "600000000"}).status_code == 302
    assert draft["program"].pagu.get(year=2026).amount == Decimal(600000000)
    pagu = Entry.objects.filter(office=demo_office, kind="kinerja.pagu.ubah").order_by("pk")
    assert [e.data["baru"] for e in pagu] == ["540000000", "560000000", "600000000"]


def test_the_head_sets_the_renstra_after_a_confirmation_panel(demo_office, login, draft):
    client = login("kadis")
    text = client.get(_url(demo_office)).content.decode()
    panel = text.split('data-testid="tetapkan-panel"')[1].split("</details>")[0]
    assert "tidak dapat diubah lagi" in panel and 'data-testid="renstra-tetapkan"' in panel
    assert client.post(_url(demo_office, draft["renstra"].pk, "tetapkan")).status_code == 302
    assert Renstra.objects.get(pk=draft["renstra"].pk).status == "ditetapkan"
    assert Entry.objects.filter(office=demo_office, kind="kinerja.renstra.tetapkan").count() == 1
    assert 'data-testid="tetapkan-panel"' not in client.get(_url(demo_office)).content.decode()


def test_indicators_of_kegiatan_and_sub_kegiatan_are_added_and_shown_in_the_tree(demo_office, login, draft):
    client = login("kasubbag")
    unit = Unit.objects.get(office=demo_office, name=PP)
    kegiatan = structure.kegiatan_create(user=get_user_model().objects.get(username="kasubbag"),
                                         program=draft["program"], code="2.18.04.2.01", name="Pelayanan terpadu",
                                         unit=unit)
    text = client.get(_url(demo_office)).content.decode()
    assert f'data-testid="add-indikator-{kegiatan.pk}"' in text
    indicator = {"code": "K-01", "name": "Jumlah gerai layanan", "kind": "jumlah", "satuan": "gerai",
                 "unit": unit.pk, "polarity": "naik", "turun_formula": "selisih", "aggregation": "nilai_akhir",
                 "baseline": "2", "target_2026": "3"}
    assert client.post(_url(demo_office, "tambah", "indikator", "kegiatan", kegiatan.pk), indicator).status_code == 302
    assert Indicator.objects.get(code="K-01").kegiatan == kegiatan
    tree = client.get(_url(demo_office)).content.decode()
    programme_table = tree.split('data-testid="program-tree"')[1]
    assert "Jumlah gerai layanan" in programme_table
