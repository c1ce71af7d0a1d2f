"""An office builds its Renstra structure in Alur: services, permissions, draft vs ditetapkan,
delete-in-use refusals and the trail entries."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from alur.audit.models import Entry
from alur.kinerja import selectors, services
from alur.kinerja.models import Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan
from alur.kinerja.services import structure
from alur.org.models import OfficeGrant, Position, Unit

PPMEP = "Subbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan"
PP = "Bidang Pelayanan Perizinan"


def _unit(office, name):
    return Unit.objects.get(office=office, name=name)


@pytest.fixture
def planner(user_named, demo_office):
    return user_named("kasubbag")


@pytest.fixture
def renstra(planner, demo_office):
    return structure.renstra_create(user=planner, office=demo_office, title="Renstra DPMPTSP", start_year=2025,
                                    end_year=2030)


@pytest.fixture
def tree(planner, renstra, demo_office):
    """One tujuan, sasaran, indicator with targets, programme, kegiatan and sub-kegiatan."""
    tujuan = structure.tujuan_create(user=planner, renstra=renstra, code="T1", name="Meningkatnya investasi")
    sasaran = structure.sasaran_create(user=planner, tujuan=tujuan, code="S1.1", name="Meningkatnya realisasi")
    indicator = structure.indicator_create(
        user=planner, parent=sasaran, code="IKU-01", name="Nilai realisasi investasi", satuan="Rp miliar",
        unit=_unit(demo_office, PP), position=Position.objects.get(office=demo_office, code="kabid-pp"),
        definisi="Nilai investasi terealisasi", formula="PMA + PMDN", kind="jumlah", sumber_data="LKPM",
        polarity="naik", aggregation="kumulatif", is_iku=True, baseline="410",
        targets={2026: "450", 2027: Decimal("480"), 2030: "600"}, national_standard="500",
        national_standard_source="RPJMN 2025–2029")
    program = structure.program_create(user=planner, renstra=renstra, code="2.18.03", name="Program Promosi",
                                       unit=_unit(demo_office, PP), sasaran=sasaran)
    kegiatan = structure.kegiatan_create(user=planner, program=program, code="2.18.03.2.01", name="Promosi",
                                         unit=_unit(demo_office, PP))
    sub = structure.subkegiatan_create(user=planner, kegiatan=kegiatan, code="2.18.03.2.01.0001",
                                       name="Pameran investasi", unit=_unit(demo_office, PP))
    return {"tujuan": tujuan, "sasaran": sasaran, "indicator": indicator, "program": program,
            "kegiatan": kegiatan, "sub": sub}


def test_the_planner_builds_a_whole_tree(tree, renstra, demo_office):
    assert renstra.status == "draft" and renstra.years == list(range(2025, 2031))
    indicator = Indicator.objects.get(pk=tree["indicator"].pk)
    assert (indicator.sasaran, indicator.unit.name, indicator.position.code) == (tree["sasaran"], PP, "kabid-pp")
    assert (indicator.kind, indicator.is_iku, indicator.baseline) == ("jumlah", True, Decimal("410"))
    assert (indicator.national_standard, indicator.national_standard_source) == (Decimal(500), "RPJMN 2025–2029")
    assert dict(IndicatorTarget.objects.filter(indicator=indicator).values_list("year", "value")) == {
        2026: Decimal("450"), 2027: Decimal("480"), 2030: Decimal("600")}
    assert SubKegiatan.objects.get(kegiatan__program__renstra=renstra).code == "2.18.03.2.01.0001"
    kinds = list(Entry.objects.filter(office=demo_office, kind__startswith="kinerja.").order_by("pk")
                 .values_list("kind", flat=True))
    assert kinds == ["kinerja.pengaturan.awal",  # made with the office (alur.kinerja.signals)
                     "kinerja.pengaturan.ubah",  # the demo_office fixture names the planning unit
                     "kinerja.renstra.buat", "kinerja.tujuan.buat", "kinerja.sasaran.buat", "kinerja.indikator.buat",
                     "kinerja.program.buat", "kinerja.kegiatan.buat", "kinerja.subkegiatan.buat"]
    created = Entry.objects.get(office=demo_office, kind="kinerja.indikator.buat").data
    assert created["baru"]["code"] == "IKU-01" and created["baru"]["baseline"] == "410"
    assert created["target"] == {"2026": "450", "2027": "480", "2030": "600"}


def test_pagu_of_a_new_programme_through_pagu_set(planner, tree):
    services.pagu_set(user=planner, node=tree["program"], year=2026, amount=Decimal("260000000"))
    assert tree["program"].pagu.get(year=2026).amount == Decimal("260000000")


@pytest.mark.parametrize("start, end, field, message", [
    (2025, 2029, "end_year", "tahun akhir harus tahun awal + 5"),
    (2025, 2031, "end_year", "tahun akhir harus tahun awal + 5"),
    (1990, 1995, "start_year", "antara 2000 dan 2100"),
])
def test_renstra_period_is_checked(planner, demo_office, start, end, field, message):
    with pytest.raises(ValidationError) as error:
        structure.renstra_create(user=planner, office=demo_office, title="X", start_year=start, end_year=end)
    assert field in error.value.message_dict and message in error.value.message_dict[field][0]
    assert not Renstra.objects.filter(office=demo_office).exists()


def test_renstra_overlap_and_empty_title_are_refused(planner, renstra, demo_office):
    with pytest.raises(ValidationError, match="bertumpang tindih"):
        structure.renstra_create(user=planner, office=demo_office, title="Lain", start_year=2029, end_year=2034)
    with pytest.raises(ValidationError, match="Judul Renstra wajib"):
        structure.renstra_create(user=planner, office=demo_office, title=" ", start_year=2030, end_year=2035)
    # The next Renstra starts in the year this one ends: 2030 is its kondisi awal and this one's last target year.
    nxt = structure.renstra_create(user=planner, office=demo_office, title="Berikut", start_year=2030, end_year=2035)
    assert nxt.years[-1] == 2035
    # Drafts are never in force (issue 18): once both are ditetapkan, the shared year is the older plan's.
    assert selectors.renstra_for(demo_office, 2030) is None and selectors.renstra_for(demo_office, 2031) is None
    services.renstra_tetapkan(user=planner, renstra=renstra)
    services.renstra_tetapkan(user=planner, renstra=nxt)
    assert selectors.renstra_for(demo_office, 2030) == renstra and selectors.renstra_for(demo_office, 2031) == nxt


@pytest.mark.parametrize("username", ["kabidpp", "kadis", "kasubbagumum", "admin", "kadisdik", "inspektur"])
def test_only_the_planning_unit_builds(user_named, demo_office, other_office, renstra, tree, username):
    if username == "inspektur":
        user = get_user_model().objects.create_user("inspektur", password="rahasia-123")
        OfficeGrant.objects.create(user=user, office=demo_office, note="Reviu")
    else:
        user = user_named(username)
    pp = _unit(demo_office, PP)
    acts = [
        lambda: structure.renstra_create(user=user, office=demo_office, title="X", start_year=2031, end_year=2036),
        lambda: structure.tujuan_create(user=user, renstra=renstra, code="T9", name="X"),
        lambda: structure.tujuan_update(user=user, tujuan=tree["tujuan"], code="T1", name="Y"),
        lambda: structure.sasaran_create(user=user, tujuan=tree["tujuan"], code="S9", name="X"),
        lambda: structure.sasaran_delete(user=user, sasaran=tree["sasaran"]),
        lambda: structure.indicator_create(user=user, parent=tree["sasaran"], code="I9", name="X", satuan="%",
                                           unit=pp),
        lambda: structure.indicator_delete(user=user, indicator=tree["indicator"]),
        lambda: structure.program_create(user=user, renstra=renstra, code="2.18.09", name="X", unit=pp),
        lambda: structure.kegiatan_update(user=user, kegiatan=tree["kegiatan"], code="2.18.03.2.01", name="Y",
                                          unit=pp),
        lambda: structure.subkegiatan_delete(user=user, sub_kegiatan=tree["sub"]),
    ]
    for act in acts:
        with pytest.raises(PermissionDenied):
            act()
    assert Tujuan.objects.filter(renstra=renstra).count() == 1 and Indicator.objects.count() == 1


def test_planning_staff_build_too(user_named, renstra):
    """The issue: the planning unit (Kasubbag PPMEP and its staff) edits plans."""
    assert structure.tujuan_create(user=user_named("staf"), renstra=renstra, code="T2", name="Tujuan dua").pk


def test_a_ditetapkan_renstra_is_changed_only_through_a_revision(user_named, planner, renstra, tree):
    services.renstra_tetapkan(user=user_named("kadis"), renstra=renstra)
    with pytest.raises(ValidationError, match="buka revisi"):
        structure.tujuan_create(user=planner, renstra=renstra, code="T2", name="Tujuan dua")
    with pytest.raises(ValidationError, match="buka revisi"):
        structure.program_delete(user=planner, program=tree["program"])
    with pytest.raises(ValidationError, match="buka revisi"):
        structure.indicator_create(user=planner, parent=tree["sasaran"], code="I2", name="X", satuan="%",
                                   unit=tree["program"].unit)
    services.renstra_open_revision(user=planner, renstra=renstra, reason="Perubahan RPJMD")
    assert structure.tujuan_create(user=planner, renstra=renstra, code="T2", name="Tujuan dua").code == "T2"


@pytest.mark.parametrize("make, field, message", [
    (lambda t, u, w: structure.kegiatan_create(user=w, code="2.18.04.2.01", program=t["program"], name="X", unit=u),
     "code", "harus diawali kode induknya '2.18.03'"),
    (lambda t, u, w: structure.kegiatan_create(user=w, code="2.18.03", program=t["program"], name="X", unit=u),
     "code", "harus diawali"),
    (lambda t, u, w: structure.kegiatan_create(user=w, code="2.18.03.2.01", program=t["program"], name="X", unit=u),
     "code", "sudah dipakai"),
    (lambda t, u, w: structure.subkegiatan_create(user=w, code="2.18.03.2.02.0001", kegiatan=t["kegiatan"],
                                                  name="X", unit=u),
     "code", "harus diawali kode induknya '2.18.03.2.01'"),
    (lambda t, u, w: structure.program_create(user=w, code="2.18.x3", renstra=t["program"].renstra, name="X", unit=u),
     "code", "angka bertitik"),
    (lambda t, u, w: structure.program_create(user=w, code="2.18.03", renstra=t["program"].renstra, name="X", unit=u),
     "code", "sudah dipakai"),
    (lambda t, u, w: structure.program_create(user=w, code="2.18.07", renstra=t["program"].renstra, name=" ", unit=u),
     "name", "Nama program wajib"),
    (lambda t, u, w: structure.sasaran_create(user=w, code="S 1", tujuan=t["tujuan"], name="X"), "code", "tidak sah"),
    (lambda t, u, w: structure.sasaran_create(user=w, code="S1.1", tujuan=t["tujuan"], name="X"),
     "code", "sudah dipakai"),
    (lambda t, u, w: structure.tujuan_update(user=w, tujuan=t["tujuan"], code="", name="X"), "code", "wajib"),
    (lambda t, u, w: structure.program_update(user=w, program=t["program"], code="2.18.05", name="X", unit=u),
     "code", "tidak lagi mengawali kode kegiatannya (2.18.03.2.01)"),
])
def test_bad_codes_and_names_are_named(planner, tree, demo_office, make, field, message):
    before = Entry.objects.count()
    with pytest.raises(ValidationError) as error:
        make(tree, _unit(demo_office, PP), planner)
    assert message in error.value.message_dict[field][0]
    assert Entry.objects.count() == before


@pytest.mark.parametrize("fields, field, message", [
    ({"satuan": ""}, "satuan", "Satuan indikator wajib"),
    ({"kind": "lain"}, "kind", "Jenis formula 'lain' tidak dikenal"),
    ({"polarity": "rentang"}, "band_low", "memerlukan batas bawah dan batas atas"),
    ({"polarity": "rentang", "band_low": "10", "band_high": "5"}, "band_high", "batas atas harus"),
    ({"baseline": "tujuh"}, "baseline", "Kondisi awal: 'tujuh' bukan angka"),
    ({"targets": {2031: "1"}}, "targets", "Target tahun 2031 di luar periode Renstra 2025–2030"),
    ({"targets": {2026: "banyak"}}, "targets", "Target 2026: 'banyak' bukan angka"),
    ({"code": "IKU-01"}, "code", "sudah dipakai"),
    ({"position": "kabid-pm"}, "position", "tidak berada di unit"),
    ({"unit": None}, "unit", "Pilih unit penanggung jawab"),
    ({"unit": "other"}, "unit", "harus unit dari OPD ini"),
])
def test_indicator_fields_are_checked(planner, tree, demo_office, other_office, fields, field, message):
    given = {"code": "IND-02", "name": "Jumlah proyek", "satuan": "proyek", "unit": _unit(demo_office, PP),
             **fields}
    if given.get("position"):
        given["position"] = Position.objects.get(office=demo_office, code=given["position"])
    if given["unit"] == "other":
        given["unit"] = Unit.objects.get(office=other_office)
    with pytest.raises(ValidationError) as error:
        structure.indicator_create(user=planner, parent=tree["sasaran"], **given)
    assert message in error.value.message_dict[field][0]
    assert Indicator.objects.count() == 1


def test_indicators_of_programmes_and_rentang(planner, tree, demo_office):
    indicator = structure.indicator_create(
        user=planner, parent=tree["kegiatan"], code="K-01", name="Pameran diikuti", satuan="kegiatan",
        unit=_unit(demo_office, PP), polarity="rentang", band_low="2", band_high="4", aggregation="nilai_akhir")
    assert (indicator.kegiatan, indicator.sasaran, indicator.band_high) == (tree["kegiatan"], None, Decimal("4"))
    turun = structure.indicator_create(
        user=planner, parent=tree["sasaran"], code="IKU-07", name="Lama izin", satuan="hari",
        unit=_unit(demo_office, PP), polarity="turun", turun_formula="rasio", kind="rasio")
    assert (turun.polarity, turun.turun_formula, turun.order) == ("turun", "rasio", 3)


def test_updates_record_old_and_new(planner, tree, demo_office):
    structure.sasaran_update(user=planner, sasaran=tree["sasaran"], code="S1.2", name="Meningkatnya realisasi")
    structure.kegiatan_update(user=planner, kegiatan=tree["kegiatan"], code="2.18.03.2.01", name="Promosi investasi",
                              unit=_unit(demo_office, PPMEP))
    sasaran = Entry.objects.get(office=demo_office, kind="kinerja.sasaran.ubah").data
    assert sasaran["perubahan"] == {"code": {"lama": "S1.1", "baru": "S1.2"}}
    kegiatan = Entry.objects.get(office=demo_office, kind="kinerja.kegiatan.ubah").data
    assert kegiatan["perubahan"]["name"] == {"lama": "Promosi", "baru": "Promosi investasi"}
    assert kegiatan["perubahan"]["unit"]["baru"] == _unit(demo_office, PPMEP).pk
    before = Entry.objects.count()
    structure.tujuan_update(user=planner, tujuan=tree["tujuan"], code="T1", name="Meningkatnya investasi")
    assert Entry.objects.count() == before  # nothing changed, nothing recorded


def test_deletes_refused_while_used_then_allowed_bottom_up(planner, tree, demo_office):
    with pytest.raises(ValidationError, match="Tujuan T1 tidak dapat dihapus.*1 sasaran"):
        structure.tujuan_delete(user=planner, tujuan=tree["tujuan"])
    with pytest.raises(ValidationError, match="1 indikator, 1 program yang mendukungnya"):
        structure.sasaran_delete(user=planner, sasaran=tree["sasaran"])
    with pytest.raises(ValidationError, match="1 kegiatan"):
        structure.program_delete(user=planner, program=tree["program"])
    with pytest.raises(ValidationError, match="1 sub-kegiatan"):
        structure.kegiatan_delete(user=planner, kegiatan=tree["kegiatan"])
    services.pagu_set(user=planner, node=tree["sub"], year=2026, amount=Decimal("75000000"))
    structure.subkegiatan_delete(user=planner, sub_kegiatan=tree["sub"])
    structure.kegiatan_delete(user=planner, kegiatan=tree["kegiatan"])
    structure.program_delete(user=planner, program=tree["program"])
    structure.indicator_delete(user=planner, indicator=tree["indicator"])
    structure.sasaran_delete(user=planner, sasaran=tree["sasaran"])
    structure.tujuan_delete(user=planner, tujuan=tree["tujuan"])
    assert not (Tujuan.objects.exists() or Sasaran.objects.exists() or Program.objects.exists()
                or Kegiatan.objects.exists() or Indicator.objects.exists() or IndicatorTarget.objects.exists())
    deleted = Entry.objects.get(office=demo_office, kind="kinerja.subkegiatan.hapus").data
    assert deleted["lama"]["kode"] == "2.18.03.2.01.0001" and deleted["lama"]["pagu"] == {"2026": "75000000.00"}
    indicator = Entry.objects.get(office=demo_office, kind="kinerja.indikator.hapus").data
    assert indicator["lama"]["target"]["2030"] == "600.0000"


def test_used_demo_rows_cannot_be_deleted(user_named, kinerja_office):
    """In the demo Renstra (after opening a revision), realisations, signed PKs, Renja lines and budget
    keep their rows."""
    planner = user_named("kasubbag")
    renstra = Renstra.objects.get(office=kinerja_office)
    services.renstra_open_revision(user=planner, renstra=renstra, reason="Perubahan RPJMD")
    izin = Indicator.objects.get(renstra=renstra, code="IND-09")
    with pytest.raises(ValidationError, match=r"Indikator IND-09 .*realisasi.*PK yang ditandatangani \(2022, 2023"):
        structure.indicator_delete(user=planner, indicator=izin)
    program = Program.objects.get(renstra=renstra, code="2.18.03")
    with pytest.raises(ValidationError, match="1 kegiatan.*baris Renja.*baris anggaran"):
        structure.program_delete(user=planner, program=program)
    assert Indicator.objects.filter(pk=izin.pk).exists()
