from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alur.audit.models import Entry
from alur.dashboard import sakip, services
from alur.dashboard.models import SakipDeadline
from alur.kinerja.models import PerjanjianKinerja, Realisasi

OFFICE = "dpmptsp-tanjabbar"


@pytest.fixture
def kinerja(demo_office):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    return demo_office


def _user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def _by_key(entries):
    return {e.deadline.item.key: e for e in entries}


def test_defaults_name_their_source_or_the_office_rule(demo_office):
    due = {d.item.key: d for d in sakip.deadlines(demo_office, 2026)}
    assert due["pk"].due == date(2026, 1, 31) and "53/2014" in due["pk"].source and not due["pk"].office_rule
    assert due["lkjip_kirim"].due == date(2027, 2, 28) and "53/2014" in due["lkjip_kirim"].source
    assert due["tw4_verifikasi"].due == date(2027, 1, 20) and due["tw4_verifikasi"].office_rule
    assert due["tw1_kumpul"].source == "ketentuan kantor"
    assert sakip.due_date(2027, 2, 31, 1) == date(2028, 2, 29)  # leap year: the month's last day


def test_states_are_derived_from_the_performance_data(kinerja):
    # the demo: PK 2026 signed 31 January, triwulan 1-2 of 2026 approved, 3 partly, 4 empty
    entries = _by_key(sakip.year_at_a_glance(kinerja, 2026, today=date(2026, 11, 24)))
    assert entries["pk"].state == sakip.DONE and entries["pk"].done_on == date(2026, 1, 31)
    assert entries["tw1_verifikasi"].state in (sakip.DONE, sakip.LATE_DONE)
    assert entries["tw4_kumpul"].state == sakip.OPEN and entries["tw4_kumpul"].detail.startswith("0/")
    assert entries["tw3_verifikasi"].state == sakip.OVERDUE  # due 20 October, not all verified
    assert entries["lkjip_kirim"].state == sakip.OPEN and entries["lkjip_kirim"].run is None
    assert entries["renja"].state == sakip.DONE and "tanpa alur" in entries["renja"].detail  # demo Renja 2026
    assert _by_key(sakip.year_at_a_glance(kinerja, 2030, today=date(2029, 8, 1)))["renja"].state == sakip.OVERDUE
    # a change of the data changes the state
    PerjanjianKinerja.objects.filter(office=kinerja, year=2026).update(signed_at=None)
    entries = _by_key(sakip.year_at_a_glance(kinerja, 2026, today=date(2026, 11, 24)))
    assert entries["pk"].state == sakip.OVERDUE
    verified = Realisasi.objects.filter(indicator__renstra__office=kinerja, year=2026, triwulan=1)
    verified.update(state=Realisasi.State.DIAJUKAN, verified_at=None)
    entries = _by_key(sakip.year_at_a_glance(kinerja, 2026, today=date(2026, 11, 24)))
    assert entries["tw1_verifikasi"].state == sakip.OVERDUE and entries["tw1_verifikasi"].detail.startswith("0/")


def test_the_page_runs_a_fixed_number_of_statements(kinerja):
    def count(year):
        with CaptureQueriesContext(connection) as captured:
            sakip.year_at_a_glance(kinerja, year)
        return len(captured)

    assert count(2026) == count(2025) == count(2019)


def test_planner_and_admin_set_deadlines_on_the_trail(demo_office):
    before = Entry.objects.filter(office=demo_office).count()
    services.sakip_deadline_set(office=demo_office, user=_user("perencana"), year=2026, item="tw1_kumpul",
                                due=date(2026, 4, 5), source="SE Sekda 12/2025")
    services.sakip_deadline_set(office=demo_office, user=_user("admin"), year=2026, item="lkjip_ttd",
                                due=date(2027, 2, 15), every_year=True)
    due = {d.item.key: d for d in sakip.deadlines(demo_office, 2026)}
    assert due["tw1_kumpul"].due == date(2026, 4, 5) and due["tw1_kumpul"].source == "SE Sekda 12/2025"
    assert due["tw1_kumpul"].custom == "tahun"
    assert {d.item.key: d for d in sakip.deadlines(demo_office, 2030)}["lkjip_ttd"].due == date(2031, 2, 15)
    assert {d.item.key: d for d in sakip.deadlines(demo_office, 2030)}["tw1_kumpul"].due == date(2030, 4, 10)
    kinds = list(Entry.objects.filter(office=demo_office).order_by("-pk").values_list("kind", flat=True)[:2])
    assert kinds == ["dashboard.tenggat_sakip.ubah"] * 2
    new = Entry.objects.filter(office=demo_office).order_by("pk")[before:]
    # only the deadlines: the kinerja settings were made with the office, before (on the trail as made)
    assert [e.kind for e in new] == ["dashboard.tenggat_sakip.ubah"] * 2
    assert Entry.objects.filter(office=demo_office, kind="kinerja.pengaturan.awal").count() == 1
    assert services.sakip_deadline_reset(office=demo_office, user=_user("perencana"), year=2026, item="tw1_kumpul")
    assert {d.item.key: d for d in sakip.deadlines(demo_office, 2026)}["tw1_kumpul"].due == date(2026, 4, 10)


def test_others_may_not_set_deadlines_and_bad_input_stores_nothing(demo_office):
    with pytest.raises(PermissionDenied):
        services.sakip_deadline_set(office=demo_office, user=_user("kabidpm"), year=2026, item="pk",
                                    due=date(2026, 2, 10))
    with pytest.raises(ValidationError, match="2025–2027"):
        services.sakip_deadline_set(office=demo_office, user=_user("perencana"), year=2026, item="pk",
                                    due=date(2029, 2, 10))
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.sakip_deadline_set(office=demo_office, user=_user("perencana"), year=2026, item="lakip",
                                    due=date(2026, 2, 10))
    assert not SakipDeadline.objects.exists()


def test_page_shows_the_year_links_the_run_and_edits_by_post(kinerja, login, other_office):
    client = login("perencana")
    url = reverse("dashboard:sakip", args=[OFFICE, 2026])
    assert client.get(reverse("dashboard:sakip_current", args=[OFFICE])).status_code == 302
    html = client.get(url).content.decode()
    assert 'data-item="pk" data-state="selesai"' in html and "PermenPAN-RB 53/2014" in html
    assert 'data-testid="deadline-form"' in html
    client.post(url, {"butir": "renja", "tenggat": "2025-06-30", "dasar": "", "aksi": "simpan"})
    assert SakipDeadline.objects.get(item="renja").year_offset == -1
    response = client.post(url, {"butir": "renja", "tenggat": "2020-06-30", "aksi": "simpan"}, follow=True)
    assert "harus jatuh pada tahun 2025–2027" in response.content.decode()
    assert client.get(url, {"unduh": "xlsx"})["Content-Type"].startswith("application/vnd.openxmlformats")
    reader = login("kabidpm")
    page = reader.get(url).content.decode()
    assert 'data-testid="deadline-form"' not in page
    response = reader.post(url, {"butir": "pk", "tenggat": "2026-02-01", "aksi": "simpan"}, follow=True)
    assert "Hanya perencana dan admin" in response.content.decode()
    assert not SakipDeadline.objects.filter(item="pk").exists()
    stranger = login("kadisdik")
    assert stranger.get(url).status_code == 404


def test_the_lkjip_run_is_linked_and_its_signature_and_end_are_the_states(revision_named):
    from django.utils import timezone

    from alur.runs.services import run_start
    from alur.sim.simulate import drive

    office = revision_named("LkjIP").sop.office
    today = timezone.localdate()
    year = today.year - 1  # the LKjIP of last year is written this year
    # the year is the run's subject (issue 18): the default in December would be this year's LKjIP
    run = run_start(revision=revision_named("LkjIP"), user=_user("admin"), purpose="LKjIP tahun lalu", year=year)
    entries = _by_key(sakip.year_at_a_glance(office, year, today=date(today.year, 1, 5)))
    assert entries["lkjip_kirim"].run == run and entries["lkjip_kirim"].state == sakip.RUNNING
    assert entries["lkjip_ttd"].state == sakip.RUNNING
    drive(run)  # the simulated clock moves 30 minutes a step, so late in the day it ends tomorrow
    run.refresh_from_db()
    ended = timezone.localdate(run.finished_at)
    entries = _by_key(sakip.year_at_a_glance(office, year, today=ended))
    assert run.status == "selesai" and entries["lkjip_kirim"].done_on == ended
    assert entries["lkjip_kirim"].state == (sakip.DONE if ended <= entries["lkjip_kirim"].deadline.due
                                            else sakip.LATE_DONE)
    assert today <= entries["lkjip_ttd"].done_on <= ended
    assert entries["renja"].run is None


def test_the_renja_run_of_the_year_before_produces_the_renja(revision_named):
    from django.utils import timezone

    from alur.runs.services import run_start
    from alur.sim.simulate import drive

    office = revision_named("RENJA").sop.office
    today = timezone.localdate()
    run = run_start(revision=revision_named("RENJA"), user=_user("admin"), purpose="Renja tahun depan")
    entry = _by_key(sakip.year_at_a_glance(office, today.year + 1, today=today))["renja"]
    assert entry.run == run and entry.state in (sakip.RUNNING, sakip.OVERDUE)
    drive(run)  # the simulated clock moves 30 minutes a step, so late in the day it ends tomorrow
    run.refresh_from_db()
    ended = timezone.localdate(run.finished_at)
    entry = _by_key(sakip.year_at_a_glance(office, today.year + 1, today=ended))["renja"]
    assert entry.state in (sakip.DONE, sakip.LATE_DONE) and entry.done_on == ended
    assert _by_key(sakip.year_at_a_glance(office, today.year + 3, today=today))["renja"].run is None


def test_an_lkjip_run_about_2026_is_credited_to_sakip_2026_not_2025(revision_named):
    """Issue 18 item 3: the run's subject year, chosen at start, decides its SAKIP year."""
    from alur.runs.services import run_start

    office = revision_named("LkjIP").sop.office
    run = run_start(revision=revision_named("LkjIP"), user=_user("admin"), purpose="Penyusunan LKjIP Tahun 2026",
                    year=2026)
    assert (run.about_year, run.about_triwulan, run.purpose) == (2026, None, "Penyusunan LKjIP Tahun 2026")
    assert _by_key(sakip.year_at_a_glance(office, 2026, today=date(2027, 1, 5)))["lkjip_ttd"].run == run
    assert _by_key(sakip.year_at_a_glance(office, 2025, today=date(2027, 1, 5)))["lkjip_ttd"].run is None


def test_a_run_from_before_subjects_were_stored_is_credited_as_before(revision_named):
    """A run with no stored subject (started before issue 18) keeps its old reading: an LKjIP run filed
    under Y+1 reports on Y."""
    from alur.runs.models import Run
    from alur.runs.services import run_start

    office = revision_named("LkjIP").sop.office
    run = run_start(revision=revision_named("LkjIP"), user=_user("admin"), purpose="LKjIP", year=2026)
    Run.objects.filter(pk=run.pk).update(about_year=None, year=2027)
    assert _by_key(sakip.year_at_a_glance(office, 2026, today=date(2027, 1, 5)))["lkjip_ttd"].run == run
    assert _by_key(sakip.year_at_a_glance(office, 2027, today=date(2027, 1, 5)))["lkjip_ttd"].run is None
