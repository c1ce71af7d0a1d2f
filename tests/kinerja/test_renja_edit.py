"""The Renja of a year as data the planner edits: create, add lines from the Renstra or free lines,
update, delete — planner only, on the trail, locked after the Renja document is signed."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from alur.audit.models import Entry
from alur.kinerja.models import Indicator, Kegiatan, Program, Renja, RenjaLine
from alur.kinerja.services import renja as svc
from alur.org.models import OfficeGrant

from .test_locks import make_document, run  # noqa: F401 - `run` is a fixture

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def renja_2027(kinerja_office):
    """An empty Renja of a year the demo leaves without one (the Renstra runs to 2026: extend it)."""
    from alur.kinerja.models import Renstra

    Renstra.objects.filter(office=kinerja_office).update(end_year=2027)
    return svc.renja_create(user=user("kasubbag"), office=kinerja_office, year=2027)


def test_planner_creates_a_renja_once_and_only_inside_a_renstra(kinerja_office, renja_2027):
    assert renja_2027.year == 2027 and not renja_2027.lines.exists()
    with pytest.raises(ValidationError, match="Renja tahun 2027 sudah ada"):
        svc.renja_create(user=user("kasubbag"), office=kinerja_office, year=2027)
    with pytest.raises(ValidationError, match="Tidak ada Renstra yang mencakup tahun 2030"):
        svc.renja_create(user=user("kasubbag"), office=kinerja_office, year=2030)
    for username in ("kabidpp", "kadis", "sekdis"):
        with pytest.raises(PermissionDenied):
            svc.renja_create(user=user(username), office=kinerja_office, year=2028)
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.renja.susun").count() == 1


def test_lines_from_the_renstra_copy_code_and_name_and_free_lines_are_flagged(kinerja_office, renja_2027):
    program = Program.objects.filter(renstra=renja_2027.renstra).order_by("code").first()
    kegiatan = Kegiatan.objects.filter(program=program).order_by("code").first()
    indicator = Indicator.objects.filter(renstra=renja_2027.renstra).order_by("code").first()
    planner = user("kasubbag")
    line = svc.renja_line_add(user=planner, renja=renja_2027, node=kegiatan, indicator=indicator,
                              target=Decimal("80"), pagu=Decimal("150000000"), code="ignored", name="ignored")
    assert (line.code, line.name, line.kegiatan_id, line.serves_nothing) == (kegiatan.code, kegiatan.name,
                                                                            kegiatan.pk, False)
    free = svc.renja_line_add(user=planner, renja=renja_2027, code="2.18.98", name="Pameran investasi",
                              pagu=Decimal("10000000"))
    assert free.serves_nothing
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.renja.baris.tambah").latest("pk")
    assert entry.data["kode"] == "2.18.98" and entry.data["pagu"] == "10000000"


@pytest.mark.parametrize("fields, message", [
    ({"code": "", "name": "Tanpa kode"}, "Isi kode baris Renja"),
    ({"code": "9.99", "name": ""}, "Isi uraian baris Renja"),
    ({"code": "9.99", "name": "Negatif", "pagu": Decimal("-1")}, "Pagu tidak boleh kosong atau negatif"),
    ({"code": "9.99", "name": "Target", "target": Decimal("5")}, "Pilih indikator untuk target ini"),
])
def test_bad_lines_are_refused_with_a_named_message_and_store_nothing(renja_2027, fields, message):
    with pytest.raises(ValidationError, match=message):
        svc.renja_line_add(user=user("kasubbag"), renja=renja_2027, **fields)
    assert not RenjaLine.objects.filter(renja=renja_2027).exists()


def test_duplicate_code_is_refused(kinerja_office, renja_2027):
    planner = user("kasubbag")
    svc.renja_line_add(user=planner, renja=renja_2027, code="2.18.98", name="Pameran")
    with pytest.raises(ValidationError, match="Kode 2.18.98 sudah ada di Renja 2027"):
        svc.renja_line_add(user=planner, renja=renja_2027, code="2.18.98", name="Lagi")


def test_update_and_delete_keep_old_and_new_on_the_trail(kinerja_office, renja_2027):
    planner = user("kasubbag")
    line = svc.renja_line_add(user=planner, renja=renja_2027, code="2.18.98", name="Pameran",
                              pagu=Decimal("10000000"))
    svc.renja_line_update(user=planner, line=line, pagu=Decimal("12500000"), name="Pameran investasi")
    change = Entry.objects.filter(office=kinerja_office, kind="kinerja.renja.baris.ubah").latest("pk").data
    assert change["perubahan"] == {"pagu": {"lama": "10000000.00", "baru": "12500000"},
                                   "name": {"lama": "Pameran", "baru": "Pameran investasi"}}
    with pytest.raises(PermissionDenied):
        svc.renja_line_delete(user=user("kabidpp"), line=line)
    svc.renja_line_delete(user=planner, line=line)
    assert not RenjaLine.objects.filter(pk=line.pk).exists()
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.renja.baris.hapus").get().data["kode"] == "2.18.98"


def test_a_signed_renja_document_locks_its_lines(kinerja_office, run):  # noqa: F811
    planner = user("kasubbag")
    renja = Renja.objects.get(office=kinerja_office, year=2026)
    line = renja.lines.order_by("code").first()
    make_document(run, "renja", 2026)
    with pytest.raises(ValidationError, match=r"Renja 2026 \(ditandatangani 3 Nov 2026\): isi alasan perubahan"):
        svc.renja_line_update(user=planner, line=line, pagu=line.pagu + 1)
    with pytest.raises(ValidationError, match="Renja 2026"):
        svc.renja_line_delete(user=planner, line=line)
    with pytest.raises(ValidationError, match="Renja 2026"):
        svc.renja_line_add(user=planner, renja=renja, code="2.18.97", name="Baru")
    svc.renja_line_update(user=planner, line=line, pagu=line.pagu + 1, reason="APBD perubahan")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.renja.baris.ubah").latest("pk").data
    assert entry["alasan"] == "APBD perubahan" and entry["ditetapkan"][0]["dokumen"] == "Renja 2026"


def test_renja_page_add_edit_delete_for_the_planner_and_read_only_for_others(kinerja_office, other_office,
                                                                           renja_2027, login, client):
    base = f"/kinerja/{kinerja_office.code}/renja/2027/"
    program = Program.objects.filter(renstra=renja_2027.renstra).order_by("code").first()
    page = login("kasubbag").get(base).content.decode()
    assert 'data-testid="renja-line-add"' in page
    client.post(base + "baris/", {"source": f"program:{program.pk}", "pagu": "1.500.000"})
    client.post(base + "baris/", {"source": "", "code": "2.18.98", "name": "Pameran", "pagu": "2.000.000"})
    client.post(base + "baris/", {"source": "", "code": "", "name": "Tanpa kode", "pagu": "1"})
    lines = {line.code: line for line in RenjaLine.objects.filter(renja=renja_2027)}
    assert set(lines) == {program.code, "2.18.98"}
    assert lines["2.18.98"].pagu == Decimal("2000000")
    page = client.get(base).content.decode()
    assert page.count('data-testid="serves-nothing"') == 1 and "Tidak mengacu pada Renstra" in page
    free = lines["2.18.98"]
    client.post(f"/kinerja/{kinerja_office.code}/renja/baris/{free.pk}/ubah/",
                {f"line{free.pk}-code": "2.18.98", f"line{free.pk}-name": "Pameran investasi",
                 f"line{free.pk}-pagu": "2.500.000,50"})
    free.refresh_from_db()
    assert (free.name, free.pagu) == ("Pameran investasi", Decimal("2500000.50"))

    kabid = login("kabidpp")
    page = kabid.get(base).content.decode()
    assert 'data-testid="renja-line-add"' not in page and 'data-testid="renja-table"' in page
    kabid.post(f"/kinerja/{kinerja_office.code}/renja/baris/{free.pk}/hapus/")
    assert RenjaLine.objects.filter(pk=free.pk).exists()
    # No Renja and no Renstra in force for 2028: the page says so (issue 18: never a 404 there).
    missing = kabid.get(f"/kinerja/{kinerja_office.code}/renja/2028/")
    assert missing.status_code == 200 and "Renstra yang berlaku untuk 2028 belum ada" in missing.content.decode()
    assert kabid.get(f"/kinerja/{kinerja_office.code}/renja/2021/").status_code == 404  # no Renja, not a planner

    outsider = get_user_model().objects.get(username="kadisdik")
    client.force_login(outsider)
    assert client.get(base).status_code == 404
    assert client.post(f"/kinerja/{kinerja_office.code}/renja/baris/{free.pk}/hapus/").status_code == 404
    OfficeGrant.objects.create(office=kinerja_office, user=outsider)
    assert client.get(base).status_code == 200
    client.post(f"/kinerja/{kinerja_office.code}/renja/baris/{free.pk}/hapus/")
    assert RenjaLine.objects.filter(pk=free.pk).exists()  # a grant reads, never writes


def test_planner_creates_the_renja_from_the_page(kinerja_office, login):
    from alur.kinerja.models import Renstra

    Renstra.objects.filter(office=kinerja_office).update(end_year=2027)
    client = login("kasubbag")
    page = client.get(f"/kinerja/{kinerja_office.code}/renja/2027/").content.decode()
    assert 'data-testid="renja-create"' in page
    client.post(f"/kinerja/{kinerja_office.code}/renja/2027/susun/")
    assert Renja.objects.filter(office=kinerja_office, year=2027).exists()
