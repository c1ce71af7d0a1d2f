"""The office's kinerja settings: entry window and efficiency rule, changed by the planner or the
office admin, checked, on the trail with old and new values, and used by the entry window."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from alur.audit.models import Entry
from alur.kinerja.models import KinerjaSetting
from alur.kinerja.selectors import efficiency_rule_for
from alur.kinerja.services import settings as svc
from alur.kinerja.windows import entry_window
from alur.org.models import OfficeGrant

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize("username, allowed", [
    ("kasubbag", True), ("staf", True), ("admin", True), ("kadis", False), ("kabidpp", False), ("sekdis", False)])
def test_planner_or_office_admin_changes_the_settings(kinerja_office, username, allowed):
    if allowed:
        setting = svc.settings_update(user=user(username), office=kinerja_office, window_closes_after=12)
        assert setting.window_closes_after == 12
    else:
        with pytest.raises(PermissionDenied):
            svc.settings_update(user=user(username), office=kinerja_office, window_closes_after=12)
        assert KinerjaSetting.objects.get(office=kinerja_office).window_closes_after == 10


def test_changes_are_on_the_trail_and_move_the_entry_window(kinerja_office):
    before = entry_window(kinerja_office, 2026, 3)
    svc.settings_update(user=user("kasubbag"), office=kinerja_office, window_opens_after=2, window_closes_after=15,
                        efficiency_margin=Decimal("7.5"), efficiency_rule_name="Aturan OPD 2026")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.pengaturan.ubah").latest("pk").data
    assert entry["perubahan"]["window_closes_after"] == {"lama": 10, "baru": 15}
    assert entry["perubahan"]["efficiency_margin"] == {"lama": "5.00", "baru": "7.5"}
    after = entry_window(kinerja_office, 2026, 3)
    assert after.opens > before.opens and after.closes > before.closes
    rule = efficiency_rule_for(kinerja_office)
    assert rule.margin == Decimal("7.5") and rule.name == "Aturan OPD 2026"
    count = Entry.objects.filter(office=kinerja_office, kind="kinerja.pengaturan.ubah").count()
    svc.settings_update(user=user("kasubbag"), office=kinerja_office, window_closes_after=15)  # no change
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.pengaturan.ubah").count() == count


@pytest.mark.parametrize("fields, message", [
    ({"window_opens_after": 5, "window_closes_after": 5}, "harus sesudah dibuka"),
    ({"window_closes_after": 61}, "0–60"),
    ({"window_opens_after": -1}, "0–60"),
    ({"efficiency_margin": Decimal("-1")}, "0–100"),
    ({"efficiency_margin": Decimal("101")}, "0–100"),
    ({"efficiency_margin": Decimal("1.005")}, "dua angka di belakang koma"),
])
def test_bad_settings_are_refused_and_nothing_is_stored(kinerja_office, fields, message):
    with pytest.raises(ValidationError, match=message):
        svc.settings_update(user=user("kasubbag"), office=kinerja_office, **fields)
    setting = KinerjaSetting.objects.get(office=kinerja_office)
    assert (setting.window_opens_after, setting.window_closes_after, setting.efficiency_margin) == (
        0, 10, Decimal("5"))


def test_settings_page(kinerja_office, other_office, login, client):
    url = f"/kinerja/{kinerja_office.code}/pengaturan/"
    page = login("kabidpp").get(url).content.decode()
    assert 'data-testid="settings-current"' in page and 'data-testid="settings-form"' not in page
    assert 'data-testid="nav-settings"' in page
    assert client.post(url, {"window_opens_after": "0", "window_closes_after": "20",
                             "efficiency_margin": "5"}).status_code == 403
    planner = login("kasubbag")
    page = planner.post(url, {"window_opens_after": "3", "window_closes_after": "2", "efficiency_margin": "5",
                              "efficiency_rule_name": ""}).content.decode()
    assert "harus sesudah dibuka" in page
    planner.post(url, {"window_opens_after": "1", "window_closes_after": "12", "efficiency_margin": "6,5",
                       "efficiency_rule_name": "Aturan lokal"})
    setting = KinerjaSetting.objects.get(office=kinerja_office)
    assert (setting.window_opens_after, setting.window_closes_after, setting.efficiency_margin) == (
        1, 12, Decimal("6.5"))
    assert "6,5 poin" in planner.get(url).content.decode()

    outsider = get_user_model().objects.get(username="kadisdik")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    OfficeGrant.objects.create(office=kinerja_office, user=outsider)
    assert 'data-testid="settings-form"' not in client.get(url).content.decode()
    assert client.post(url, {"window_opens_after": "0", "window_closes_after": "20",
                             "efficiency_margin": "5"}).status_code == 403
    assert KinerjaSetting.objects.get(office=kinerja_office).window_closes_after == 12
