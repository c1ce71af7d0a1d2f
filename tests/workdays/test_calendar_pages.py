from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.workdays import services
from alur.workdays.models import SpecialDay
from alur.workdays.selectors import calendar_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(demo_office, django_user_model):
    return django_user_model.objects.get(username="admin")


def calendar_url(office):
    return reverse("org:calendar", args=[office.code])


def test_an_extra_day_off_changes_the_calendar_at_once(login, demo_office):
    saturday_work, day_off = date(2026, 6, 13), date(2026, 6, 10)
    calendar = calendar_for(demo_office)  # cached now
    assert calendar.is_working_day(day_off) and not calendar.is_working_day(saturday_work)
    client = login("admin")
    for day, kind in (("2026-06-10", "libur"), ("2026-06-13", "kerja")):
        client.post(calendar_url(demo_office), {"form": "day", "date": day, "kind": kind, "note": "uji"})
    calendar = calendar_for(demo_office)
    assert not calendar.is_working_day(day_off) and calendar.is_working_day(saturday_work)
    entry = Entry.objects.filter(office=demo_office).order_by("-position").first()
    assert entry.kind == "kalender.hari_khusus_ditambah" and entry.data["tanggal"] == "2026-06-13"

    response = client.post(calendar_url(demo_office), {"form": "day", "date": "2026-06-10", "kind": "kerja"})
    assert "Tanggal 10 Juni 2026 sudah tercatat" in response.content.decode()

    special = SpecialDay.objects.get(office=demo_office, date=day_off)
    client.post(reverse("org:special_day_remove", args=[demo_office.code, special.pk]))
    assert calendar_for(demo_office).is_working_day(day_off)
    assert Entry.objects.filter(office=demo_office, kind="kalender.hari_khusus_dihapus").exists()


def test_the_cache_is_forgotten_again_when_the_change_commits(admin_user, demo_office,
                                                              django_capture_on_commit_callbacks):
    day_off = date(2026, 6, 10)
    import time

    from alur.core.calendar import DEFAULT_CALENDAR
    from alur.workdays import selectors

    with django_capture_on_commit_callbacks(execute=True):
        services.special_day_add(user=admin_user, office=demo_office, day=day_off, kind="libur")
        # another request, which cannot see the uncommitted row yet, caches the old calendar
        selectors._cache[demo_office.pk] = (time.monotonic(), DEFAULT_CALENDAR)
    assert not calendar_for(demo_office).is_working_day(day_off)


def test_office_hours_are_validated_and_recorded(login, demo_office):
    client = login("admin")
    data = {"form": "hours", "tz": "Asia/Jakarta"}
    for key in ("mon", "tue", "wed", "thu"):
        data |= {f"{key}_open": "08:00", f"{key}_close": "16:00"}
    data |= {"fri_open": "08:00", "fri_close": "07:00", "sat_open": "08:00"}
    body = client.post(calendar_url(demo_office), data).content.decode()
    assert "Jumat: jam tutup harus sesudah jam buka." in body
    assert "Sabtu: isi jam buka dan jam tutup, atau kosongkan keduanya (libur)." in body

    data |= {"fri_close": "11:30", "sat_open": ""}
    assert client.post(calendar_url(demo_office), data).status_code == 302
    calendar = calendar_for(demo_office)
    assert calendar.hours[0] == (time(8, 0), time(16, 0)) and calendar.hours[4] == (time(8, 0), time(11, 30))
    entry = Entry.objects.filter(office=demo_office, kind="kalender.jam_kerja_diubah").get()
    assert entry.data["lama"] is None and entry.data["baru"]["Jumat"] == "08.00–11.30"


def test_a_week_without_working_days_is_refused(admin_user, demo_office):
    with pytest.raises(ValidationError):
        services.office_hours_set(user=admin_user, office=demo_office, tz="Asia/Jakarta", hours={})


def test_only_the_office_admin_changes_the_calendar(demo_office, django_user_model):
    kadis = django_user_model.objects.get(username="kadis")
    with pytest.raises(PermissionDenied):
        services.special_day_add(user=kadis, office=demo_office, day=date(2026, 6, 10), kind="libur")
