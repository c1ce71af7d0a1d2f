"""The office admin's data induk pages and the services behind them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.org import services
from alur.org.models import Employee, OfficeGrant, Position, PositionHolding, StandIn, Unit
from alur.org.policies import can_manage_office

pytestmark = pytest.mark.django_db


def url(name, office, *args):
    return reverse(f"org:{name}", args=[office.code, *args])


def last_entry(office):
    return Entry.objects.filter(office=office).order_by("-position").first()


@pytest.fixture
def admin_user(demo_office, django_user_model):
    return django_user_model.objects.get(username="admin")


def test_office_admin_reaches_data_induk_from_the_navigation(login, demo_office):
    body = login("admin").get(reverse("home")).content.decode()
    assert url("manage_home", demo_office) in body
    assert reverse("admin:index") not in body  # Django admin stays for superusers
    assert url("manage_home", demo_office) not in login("kadis").get(reverse("home")).content.decode()


@pytest.mark.parametrize("name,args", [("manage_home", []), ("employee_list", []), ("position_list", []),
                                       ("calendar", []), ("letter_number", []), ("employee_add", [])])
def test_pages_are_for_that_offices_admin_only(login, demo_office, other_office, name, args):
    assert login("admin").get(url(name, demo_office, *args)).status_code == 200
    response = login("kadis").get(url(name, demo_office, *args))
    assert response.status_code == 403 and "Anda tidak memiliki izin" in response.content.decode()
    assert login("admin").get(url(name, other_office, *args)).status_code == 404


def test_a_read_grant_never_allows_a_write(login, demo_office, other_office, django_user_model):
    reader = django_user_model.objects.get(username="kadisdik")
    OfficeGrant.objects.create(user=reader, office=demo_office, note="Inspektorat")
    client = login("kadisdik")
    assert client.get(reverse("office_detail", args=[demo_office.code])).status_code == 200
    assert client.get(url("employee_list", demo_office)).status_code == 403
    assert not can_manage_office(reader, demo_office)
    with pytest.raises(PermissionDenied):
        services.unit_create(user=reader, office=demo_office, name="Bidang Baru")
    assert not Unit.objects.filter(name="Bidang Baru").exists()


def test_records_of_another_office_are_404(login, demo_office, other_office):
    client = login("admin")
    other_employee = other_office.employees.get()
    other_position = other_office.positions.get()
    assert client.get(url("employee_edit", demo_office, other_employee.pk)).status_code == 404
    assert client.get(url("position_detail", demo_office, other_position.pk)).status_code == 404
    unit = other_office.units.get()
    assert client.get(url("unit_edit", demo_office, unit.pk)).status_code == 404


def test_adding_an_employee_checks_the_nip_and_records_the_trail(login, demo_office):
    client = login("admin")
    before = Employee.objects.count()
    response = client.post(url("employee_add", demo_office), {"name": "Pegawai Baru", "nip": "19700980 199703 1 003"})
    assert response.status_code == 200
    assert "Tanggal lahir 19700980 tidak valid" in response.content.decode()
    assert Employee.objects.count() == before

    response = client.post(url("employee_add", demo_office), {
        "name": "Pegawai Baru, S.E.", "nip": "19900101 201501 2 001", "rank": "Penata Muda (III/a)"})
    employee = Employee.objects.get(nip="199001012015012001")
    assert response.status_code == 302 and employee.office == demo_office
    entry = last_entry(demo_office)
    assert entry.kind == "pegawai.ditambah" and entry.data["baru"]["name"] == "Pegawai Baru, S.E."
    assert verify_office(demo_office).broken is None


def test_a_duplicate_nip_is_refused_with_a_message(login, demo_office):
    response = login("admin").post(url("employee_add", demo_office), {"name": "Kembar", "nip": "197205141998031004"})
    assert response.status_code == 200
    assert "NIP ini sudah terdaftar untuk pegawai lain." in response.content.decode()


def test_editing_an_employee_keeps_old_and_new_values(login, demo_office):
    employee = Employee.objects.get(nip="199404032019032005")
    response = login("admin").post(url("employee_edit", demo_office, employee.pk), {
        "form": "employee", "name": employee.name, "nip": "19940403 201903 2 005", "rank": "Pengatur Tingkat I (II/d)",
        "email": employee.email})
    assert response.status_code == 302
    entry = last_entry(demo_office)
    assert entry.kind == "pegawai.diubah"
    assert entry.data["perubahan"] == {"rank": {"lama": "Pengatur (II/c)", "baru": "Pengatur Tingkat I (II/d)"}}


def test_the_last_office_admin_cannot_drop_the_flag(admin_user, demo_office):
    employee = admin_user.employee
    with pytest.raises(ValidationError) as caught:
        services.employee_update(user=admin_user, employee=employee, name=employee.name, nip=employee.nip,
                                 is_office_admin=False)
    assert "satu-satunya admin OPD" in str(caught.value)


def test_admin_creates_a_log_in_for_an_employee(login, demo_office, client):
    employee = Employee.objects.create(office=demo_office, name="Tanpa Akun", nip="199001012015012001")
    page = login("admin")
    response = page.post(url("employee_edit", demo_office, employee.pk), {
        "form": "account", "username": "tanpaakun", "password1": "pendek", "password2": "pendek"})
    assert response.status_code == 200 and "terlalu pendek" in response.content.decode()
    response = page.post(url("employee_edit", demo_office, employee.pk), {
        "form": "account", "username": "kadis", "password1": "Kuat-sekali-2026", "password2": "Kuat-sekali-2026"})
    assert "sudah dipakai" in response.content.decode()
    response = page.post(url("employee_edit", demo_office, employee.pk), {
        "form": "account", "username": "tanpaakun", "password1": "Kuat-sekali-2026", "password2": "Kuat-sekali-2026"})
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.user.username == "tanpaakun" and employee.user.check_password("Kuat-sekali-2026")
    entry = last_entry(demo_office)
    assert entry.kind == "pegawai.akun_ditetapkan" and "Kuat-sekali-2026" not in str(entry.data)


def test_a_new_holder_closes_the_previous_holding(login, demo_office):
    position = Position.objects.get(office=demo_office, code="sekretaris")
    newcomer = Employee.objects.create(office=demo_office, name="Sekretaris Baru", nip="199001012015012001")
    previous = PositionHolding.objects.get(position=position, end__isnull=True)
    client = login("admin")
    response = client.post(url("position_detail", demo_office, position.pk),
                           {"form": "holding", "employee": newcomer.pk, "start": "2026-03-02"})
    assert response.status_code == 302
    previous.refresh_from_db()
    assert previous.end == date(2026, 3, 1)
    assert PositionHolding.objects.filter(position=position).count() == 2  # history kept
    assert last_entry(demo_office).data["pemangku_sebelumnya"]["selesai"] == "2026-03-01"
    # a start before the latest holder's start is refused with a message
    response = client.post(url("position_detail", demo_office, position.pk),
                           {"form": "holding", "employee": previous.employee.pk, "start": "2025-01-01"})
    assert "Tanggal mulai harus sesudah 2 Maret 2026" in response.content.decode()


def test_an_employee_of_another_office_cannot_be_chosen(login, demo_office, other_office):
    position = Position.objects.get(office=demo_office, code="sekretaris")
    stranger = other_office.employees.get()
    response = login("admin").post(url("position_detail", demo_office, position.pk),
                                   {"form": "holding", "employee": stranger.pk, "start": "2026-03-02"})
    assert response.status_code == 200
    assert not PositionHolding.objects.filter(employee=stranger, position=position).exists()


def test_overlapping_stand_ins_are_refused(login, demo_office):
    position = Position.objects.get(office=demo_office, code="kepala-dinas")
    sekdis = Employee.objects.get(user__username="sekdis")
    client = login("admin")
    data = {"form": "stand_in", "employee": sekdis.pk, "kind": "plt", "start": "2026-05-04", "end": "2026-05-15",
            "basis": "Surat Perintah Bupati Nomor 800/12/BKPSDM/2026"}
    assert client.post(url("position_detail", demo_office, position.pk), data).status_code == 302
    overlapping = {**data, "kind": "plh", "start": "2026-05-15", "end": "2026-05-20"}
    response = client.post(url("position_detail", demo_office, position.pk), overlapping)
    body = response.content.decode()
    assert response.status_code == 200 and "tumpang tindih" in body and "4 Mei 2026" in body
    assert StandIn.objects.filter(position=position).count() == 1
    assert last_entry(demo_office).data["dasar"] == "Surat Perintah Bupati Nomor 800/12/BKPSDM/2026"
    backwards = {**data, "start": "2026-06-10", "end": "2026-06-01"}
    body = client.post(url("position_detail", demo_office, position.pk), backwards).content.decode()
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai" in body


def test_units_and_positions_are_added_and_renamed(login, demo_office):
    client = login("admin")
    client.post(url("unit_add", demo_office), {"name": "Bidang Pengaduan"})
    unit = Unit.objects.get(office=demo_office, name="Bidang Pengaduan")
    response = client.post(url("unit_add", demo_office), {"name": "Bidang Pengaduan"})
    assert "sudah ada" in response.content.decode()
    client.post(url("unit_edit", demo_office, unit.pk), {"name": "Bidang Pengaduan dan Informasi"})
    unit.refresh_from_db()
    assert unit.name == "Bidang Pengaduan dan Informasi"
    assert last_entry(demo_office).data["perubahan"]["name"] == {
        "lama": "Bidang Pengaduan", "baru": "Bidang Pengaduan dan Informasi"}

    client.post(url("position_add", demo_office), {"name": "Kepala Bidang Pengaduan", "unit": unit.pk})
    position = Position.objects.get(office=demo_office, name="Kepala Bidang Pengaduan")
    assert position.code == "kepala-bidang-pengaduan"
    response = client.post(url("position_detail", demo_office, position.pk),
                           {"form": "position", "name": "Kabid Pengaduan", "unit": unit.pk, "is_head": "on"})
    assert "sudah punya kepala OPD: Kepala Dinas" in response.content.decode()
    client.post(url("position_detail", demo_office, position.pk),
                {"form": "position", "name": "Kabid Pengaduan", "unit": unit.pk})
    position.refresh_from_db()
    assert position.name == "Kabid Pengaduan" and position.code == "kepala-bidang-pengaduan"


def test_a_unit_cannot_sit_under_itself(admin_user, demo_office):
    parent = Unit.objects.get(office=demo_office, name="Sekretariat")
    child = parent.children.first()
    with pytest.raises(ValidationError):
        services.unit_update(user=admin_user, unit=parent, name=parent.name, parent=child)


def test_letter_number_page_validates_and_shows_an_example(login, demo_office):
    client = login("admin")
    body = client.get(url("letter_number", demo_office)).content.decode()
    assert "503/07/DPM-PTSP/2026" in body
    body = client.post(url("letter_number", demo_office), {"letter_number_template": "{x}"}).content.decode()
    assert "Kolom {x} tidak dikenal" in body and "503/07/DPM-PTSP/2026" in body
    body = client.post(url("letter_number", demo_office),
                       {"letter_number_template": "{nomor:>999999999}"}).content.decode()
    assert "tidak diperbolehkan" in body
    client.post(url("letter_number", demo_office), {"letter_number_template": "B-{nomor:03d}/{kode}/{tahun}"})
    demo_office.refresh_from_db()
    assert demo_office.letter_number_example() == "B-007/DPM-PTSP/2026"
    assert last_entry(demo_office).data["format_nomor_surat"] == {
        "lama": "503/{nomor:02d}/{kode}/{tahun}", "baru": "B-{nomor:03d}/{kode}/{tahun}"}


def test_a_superuser_manages_any_office(client, other_office, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x-very-secret-1"))
    assert client.get(url("employee_list", other_office)).status_code == 200


def test_the_data_induk_home_lists_changes_as_sentences(login, demo_office):
    client = login("admin")
    position = Position.objects.get(office=demo_office, code="kepala-dinas")
    sekdis = Employee.objects.get(user__username="sekdis")
    client.post(url("position_detail", demo_office, position.pk), {
        "form": "stand_in", "employee": sekdis.pk, "kind": "plt", "start": "2026-05-04", "end": "2026-05-15",
        "basis": "SP Bupati 800/12/2026"})
    client.post(url("letter_number", demo_office), {"letter_number_template": "B-{nomor:03d}/{kode}/{tahun}"})
    staf = Employee.objects.get(user__username="staf")
    client.post(url("employee_edit", demo_office, staf.pk), {
        "form": "employee", "name": staf.name, "nip": staf.nip, "rank": "Pengatur Tingkat I (II/d)"})
    body = client.get(url("manage_home", demo_office)).content.decode()
    assert ("Andi Pratama, S.Kom.</strong> mencatat Plt. Kepala Dinas: Rina Marlina, S.Sos., M.M., "
            "4 Mei 2026 s.d. 15 Mei 2026 (SP Bupati 800/12/2026)") in body
    assert ("mengubah format nomor surat dari “503/{nomor:02d}/{kode}/{tahun}” "
            "menjadi “B-{nomor:03d}/{kode}/{tahun}”") in body
    assert "mengubah data Siti Nurhaliza, A.Md.: pangkat/golongan “Pengatur (II/c)” → “Pengatur Tingkat I (II/d)”; " \
           "surel “staf@dpmptsp.example.go.id” → —" in body


def test_every_data_induk_trail_kind_has_a_sentence():
    from alur.audit import sentences
    from alur.org import trail

    data_induk = ("pegawai.", "jabatan.", "plt_plh.", "unit.", "opd.", "kalender.")
    assert {kind for kind in sentences.registered() if kind.startswith(data_induk)} == set(trail.KINDS)
    assert trail.describe("kalender.hari_khusus_ditambah", {"tanggal": "2026-06-13", "jenis": "Hari kerja tambahan"}) \
        == "mencatat 13 Juni 2026 sebagai hari kerja tambahan"


def test_an_office_admin_cannot_take_over_a_system_admin_account(admin_user, demo_office):
    kadis = Employee.objects.get(user__username="kadis")
    kadis.user.is_superuser = True
    kadis.user.save()
    with pytest.raises(ValidationError) as caught:
        services.employee_set_account(user=admin_user, employee=kadis, username="kadis", password="Ambil-alih-2026")
    assert "hanya admin sistem" in str(caught.value)
    kadis.user.refresh_from_db()
    assert not kadis.user.check_password("Ambil-alih-2026")


ACCOUNT_POST = {"form": "account", "password1": "Ambil-alih-2026", "password2": "Ambil-alih-2026"}


def _reader_of(office, django_user_model, username="inspektorat"):
    """A log-in without an employee record that reads `office` (as `alur generate`'s inspector does)."""
    reader = django_user_model.objects.create_user(username, password="Pemeriksa-asli-2026")
    OfficeGrant.objects.create(user=reader, office=office, note="Inspektorat")
    return reader


def test_an_office_admin_cannot_link_a_log_in_without_employee(login, demo_office, other_office, django_user_model):
    """Issue 16 item 1: linking `inspektorat` to an employee of the admin's office reset its password."""
    reader = _reader_of(other_office, django_user_model)
    employee = Employee.objects.create(office=demo_office, name="Tanpa Akun", nip="199001012015012001")
    entries = Entry.objects.count()
    response = login("admin").post(url("employee_edit", demo_office, employee.pk),
                                   {**ACCOUNT_POST, "username": "Inspektorat"})
    assert response.status_code == 200
    assert "sudah dipakai akun lain" in response.content.decode()
    reader.refresh_from_db()
    employee.refresh_from_db()
    assert reader.check_password("Pemeriksa-asli-2026") and not reader.check_password("Ambil-alih-2026")
    assert employee.user is None and Entry.objects.count() == entries


@pytest.mark.parametrize("kind", ["superuser", "staff", "plain"])
def test_the_service_refuses_every_existing_log_in_to_an_office_admin(admin_user, demo_office, django_user_model,
                                                                        kind):
    other = django_user_model.objects.create_user(
        "lain", password="Asli-sekali-2026", is_superuser=kind == "superuser", is_staff=kind == "staff")
    employee = Employee.objects.create(office=demo_office, name="Tanpa Akun", nip="199001012015012001")
    with pytest.raises(ValidationError) as caught:
        services.employee_set_account(user=admin_user, employee=employee, username="lain", password="Ambil-alih-2026")
    assert "username" in caught.value.message_dict
    other.refresh_from_db()
    assert other.check_password("Asli-sekali-2026")


def test_an_office_admin_cannot_take_an_account_of_another_office(admin_user, demo_office, other_office):
    employee = Employee.objects.create(office=demo_office, name="Tanpa Akun", nip="199001012015012001")
    with pytest.raises(ValidationError):
        services.employee_set_account(user=admin_user, employee=employee, username="kadisdik",
                                      password="Ambil-alih-2026")
    assert Employee.objects.get(office=other_office).user.check_password("rahasia-123")


def test_an_office_admin_cannot_reset_an_own_employee_holding_another_offices_grant(
        admin_user, demo_office, other_office):
    kadis = Employee.objects.get(user__username="kadis")
    OfficeGrant.objects.create(user=kadis.user, office=other_office, note="Tim evaluasi")
    with pytest.raises(ValidationError) as caught:
        services.employee_set_account(user=admin_user, employee=kadis, username="kadis", password="Ambil-alih-2026")
    assert "izin baca OPD lain" in str(caught.value)
    kadis.user.refresh_from_db()
    assert not kadis.user.check_password("Ambil-alih-2026")


def test_a_superuser_may_still_link_an_unlinked_log_in(demo_office, other_office, django_user_model):
    root = django_user_model.objects.create_superuser("akar", password="Akar-sekali-2026")
    reader = _reader_of(other_office, django_user_model, username="pembaca")
    employee = Employee.objects.create(office=demo_office, name="Tanpa Akun", nip="199001012015012001")
    services.employee_set_account(user=root, employee=employee, username="pembaca")
    employee.refresh_from_db()
    assert employee.user == reader


def test_an_office_admin_still_manages_its_own_employees_log_ins(admin_user, demo_office):
    kadis = Employee.objects.get(user__username="kadis")
    services.employee_set_account(user=admin_user, employee=kadis, username="kadis2", password="Baru-sekali-2026")
    kadis.user.refresh_from_db()
    assert kadis.user.username == "kadis2" and kadis.user.check_password("Baru-sekali-2026")


@pytest.mark.parametrize("form,field", [("holding", "employee"), ("stand_in", "employee"), ("position", "unit")])
def test_ids_of_another_office_in_a_post_are_refused(login, demo_office, other_office, form, field):
    """Relatives of item 1: the office admin's forms name only its own office's rows."""
    position = Position.objects.get(office=demo_office, code="sekretaris")
    foreign = {"employee": Employee.objects.get(office=other_office).pk,
               "unit": Unit.objects.get(office=other_office).pk}[field]
    entries = Entry.objects.count()
    data = {"form": form, field: foreign, "start": "2026-01-05", "end": "2026-01-09", "kind": "plt",
            "basis": "SP 1", "name": "Sekretaris"}
    response = login("admin").post(url("position_detail", demo_office, position.pk), data)
    assert response.status_code == 200 and Entry.objects.count() == entries
    parent = Unit.objects.get(office=other_office).pk
    response = login("admin").post(url("unit_add", demo_office), {"name": "Bidang Lain", "parent": parent})
    assert response.status_code == 200 and not Unit.objects.filter(name="Bidang Lain").exists()
