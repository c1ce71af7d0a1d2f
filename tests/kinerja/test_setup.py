"""The kinerja settings come with the office: reading them (a predicate, a page) never writes; an
office found without them after migrating gets them on its trail; the planning unit is named, never
guessed."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from alur.audit.models import Entry
from alur.kinerja import policies
from alur.kinerja.models import CapaianScaleRow, KinerjaSetting, PredikatRow
from alur.kinerja.setup import setting_for
from alur.kinerja.signals import setup_offices_without_settings
from alur.org.models import Employee, Office, Position, PositionHolding, Unit

pytestmark = pytest.mark.django_db

PAGES = ("settings", "renstra", "iku", "pengukuran", "realisasi_list", "renja", "budget", "pk")


def _counts(office):
    return (Entry.objects.filter(office=office).count(), KinerjaSetting.objects.filter(office=office).count(),
            CapaianScaleRow.objects.filter(office=office).count(), PredikatRow.objects.filter(office=office).count())


def _office_without_settings():
    """An office as an older database or a raw load leaves it: no post_save, so no settings yet."""
    office = Office.objects.bulk_create([Office(name="Dinas Lama", code="lama", short_code="LAMA",
                                                government="Pemerintah Kabupaten Contoh")])[0]
    unit = Unit.objects.create(office=office, name="Subbag Perencanaan dan Pelaporan")
    position = Position.objects.create(office=office, unit=unit, name="Kasubbag Perencanaan", code="kasubbag")
    user = get_user_model().objects.create_user("admin-lama", password="rahasia-123")
    employee = Employee.objects.create(office=office, name="Admin Lama", nip="198001012005011002", user=user,
                                       is_office_admin=True)
    PositionHolding.objects.create(employee=employee, position=position, start=date(2024, 1, 1))
    return office, unit, user


def _get_pages(client, office, ok=(200,)):
    assert client.get(reverse("kinerja:index")).status_code in (200, 302)
    assert client.get(reverse("kinerja:mine")).status_code == 200
    for name in PAGES:
        kwargs = {"code": office.code}
        if name in ("pengukuran", "realisasi_list", "renja", "budget", "pk"):
            kwargs["year"] = 2026
        response = client.get(reverse(f"kinerja:{name}", kwargs=kwargs))
        assert response.status_code in ok, (name, response.status_code)


def test_predicates_and_pages_write_nothing_for_an_office_without_settings(client):
    office, unit, user = _office_without_settings()
    before = _counts(office)
    assert before == (0, 0, 0, 0)
    setting = setting_for(office)
    assert setting.pk is None and setting.planning_unit is None  # an unsaved default
    # a unit named like planning is not guessed: nobody plans until someone names the unit
    assert not policies.is_planner(user, office)
    assert not policies.can_edit_plan(user, office) and not policies.can_prepare_pk(user, office)
    assert policies.can_change_settings(user, office)  # the office admin, who names it
    client.force_login(user)
    _get_pages(client, office, ok=(200, 404))  # no Renstra yet: some pages have nothing to show
    assert client.get(reverse("kinerja:settings", kwargs={"code": office.code})).status_code == 200
    assert _counts(office) == before


def test_predicates_and_pages_write_nothing_for_the_demo_office(kinerja_office, login):
    planner = get_user_model().objects.get(username="perencana")
    before = _counts(kinerja_office)
    assert policies.is_planner(planner, kinerja_office) and policies.can_edit_plan(planner, kinerja_office)
    _get_pages(login("perencana"), kinerja_office)
    assert _counts(kinerja_office) == before


def test_an_office_is_made_with_its_settings_on_its_trail(db):
    office = Office.objects.create(name="Dinas Baru", code="baru", short_code="BARU", government="Pemkab Contoh")
    entry = Entry.objects.get(office=office)
    assert (entry.position, entry.kind, entry.user_id) == (1, "kinerja.pengaturan.awal", None)
    assert entry.data == {"pengaturan": True, "skala": ["CapaianScaleRow", "PredikatRow"], "unit_perencanaan": ""}
    assert KinerjaSetting.objects.get(office=office).planning_unit is None
    assert CapaianScaleRow.objects.filter(office=office).exists() and PredikatRow.objects.filter(office=office).exists()


def test_after_migrating_an_office_without_settings_gets_them_once():
    office, _unit, _user = _office_without_settings()
    kinerja = apps.get_app_config("kinerja")
    setup_offices_without_settings(sender=apps.get_app_config("org"))  # another app's post_migrate: not ours
    assert _counts(office) == (0, 0, 0, 0)
    setup_offices_without_settings(sender=kinerja)
    entry = Entry.objects.get(office=office)
    assert (entry.kind, entry.user_id, entry.data["pengaturan"]) == ("kinerja.pengaturan.awal", None, True)
    after = _counts(office)
    setup_offices_without_settings(sender=kinerja)  # idempotent
    assert _counts(office) == after


def test_the_office_admin_names_the_planning_unit_on_the_settings_page(client):
    office, unit, user = _office_without_settings()
    client.force_login(user)
    response = client.post(reverse("kinerja:settings", kwargs={"code": office.code}), {
        "planning_unit": unit.pk, "window_opens_after": 0, "window_closes_after": 10,
        "efficiency_margin": "5", "efficiency_rule_name": "Aturan OPD"})
    assert response.status_code == 302
    assert KinerjaSetting.objects.get(office=office).planning_unit == unit
    assert policies.is_planner(user, office)
    kinds = list(Entry.objects.filter(office=office).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["kinerja.pengaturan.awal", "kinerja.pengaturan.ubah"]  # the writer made the settings first
    change = Entry.objects.get(office=office, kind="kinerja.pengaturan.ubah").data["perubahan"]
    assert change["planning_unit"] == {"lama": None, "baru": unit.pk}


def test_a_unit_of_another_office_is_refused(kinerja_office, other_office):
    from django.core.exceptions import ValidationError

    from alur.kinerja.services import settings as svc

    stranger = Unit.objects.get(office=other_office)
    with pytest.raises(ValidationError):
        svc.settings_update(user=get_user_model().objects.get(username="admin"), office=kinerja_office,
                            planning_unit=stranger)
    assert KinerjaSetting.objects.get(office=kinerja_office).planning_unit.office_id == kinerja_office.pk
