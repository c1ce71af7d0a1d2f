"""Issue 18 items 13 and 15: the realisation workflow talks. A sent-back realisation reaches whoever
submitted it and its unit with the reason; a submitted one the planning unit; a verified one the
head; PK drafts and IKU versions awaiting the head are in the head's inbox and home counters. The
kinerja part of the notifications costs a fixed number of statements."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alur.dashboard import notifications as notes
from alur.kinerja import awaiting, services
from alur.kinerja.models import IkuSet, Indicator, Realisasi
from alur.org.models import Employee

DAY = date(2026, 10, 5)  # inside the entry window of 2026 triwulan III
REASON = "Bukti dukung tidak sesuai triwulan."


@pytest.fixture
def izin(kinerja_office):
    """IND-09 (Bidang Pelayanan Perizinan), whose 2026 triwulan III the demo leaves empty."""
    return Indicator.objects.get(renstra__office=kinerja_office, code="IND-09")


def _submitted(user_named, indicator, value="512"):
    kabid = user_named("kabidpp")
    realisasi = services.realisasi_save(user=kabid, indicator=indicator, year=2026, triwulan=3,
                                        value=Decimal(value), day=DAY)
    services.evidence_add(user=kabid, realisasi=realisasi, note="Rekap SiCantik Juli–September")
    return services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY)


def _person(username) -> Employee:
    return Employee.objects.get(user__username=username)


def _about(username, realisasi, kind=None):
    return [n for n in notes.notifications_for(_person(username))
            if realisasi.indicator.code in n.text and (kind is None or n.kind == kind)]


def test_a_sent_back_realisation_reaches_its_submitter_and_unit_with_the_reason(user_named, izin):
    realisasi = _submitted(user_named, izin)
    services.realisasi_send_back(user=user_named("kasubbag"), realisasi=realisasi, reason=REASON)
    [notice] = _about("kabidpp", realisasi, notes.SENT_BACK)
    assert REASON in notice.text and notice.unread
    assert notice.url == reverse("kinerja:entry", args=[izin.pk, 2026, 3])
    assert not _about("kabidpm", realisasi) and not _about("kasubbag", realisasi)
    # corrected and submitted again: the notice is gone; a second send-back is a new (unread) notice
    notes.mark_read(employee=_person("kabidpp"), key=notice.key)
    services.realisasi_save(user=user_named("kabidpp"), indicator=izin, year=2026, triwulan=3, value=Decimal(513),
                            day=DAY)
    services.realisasi_submit(user=user_named("kabidpp"), realisasi=realisasi, day=DAY)
    assert not _about("kabidpp", realisasi)
    services.realisasi_send_back(user=user_named("kasubbag"), realisasi=realisasi, reason="Angka belum benar.")
    [again] = _about("kabidpp", realisasi, notes.SENT_BACK)
    assert again.key != notice.key and again.unread and "Angka belum benar." in again.text


def test_the_submitter_outside_the_unit_is_told_too(user_named, izin):
    """Whoever submitted it is told even when they no longer act in the unit."""
    realisasi = _submitted(user_named, izin)
    Realisasi.objects.filter(pk=realisasi.pk).update(submitted_by=user_named("staf"))
    services.realisasi_send_back(user=user_named("kasubbag"), realisasi=realisasi, reason=REASON)
    assert _about("staf", realisasi, notes.SENT_BACK) and _about("kabidpp", realisasi, notes.SENT_BACK)


def test_submitted_waits_for_the_planner_verified_for_the_head(user_named, izin):
    realisasi = _submitted(user_named, izin)
    for planner in ("kasubbag", "perencana"):
        [notice] = _about(planner, realisasi, notes.AWAITING)
        assert "verifikasi" in notice.text and notice.url.endswith("/antrean/verifikasi/")
    assert not _about("kadis", realisasi) and not _about("kabidpm", realisasi)
    services.realisasi_verify(user=user_named("kasubbag"), realisasi=realisasi)
    assert not _about("kasubbag", realisasi)
    [notice] = _about("kadis", realisasi, notes.AWAITING)
    assert "Sahkan" in notice.text and notice.url.endswith("/antrean/pengesahan/")
    services.realisasi_approve(user=user_named("kadis"), realisasi=realisasi)
    assert not _about("kadis", realisasi)


def test_unread_count_counts_the_realisations_too(user_named, izin):
    realisasi = _submitted(user_named, izin)
    services.realisasi_send_back(user=user_named("kasubbag"), realisasi=realisasi, reason=REASON)
    Realisasi.objects.filter(indicator__renstra=izin.renstra, state="diverifikasi").update(state="diajukan")
    for employee in Employee.objects.filter(office=izin.renstra.office):
        assert notes.unread_count(employee) == sum(n.unread for n in notes.notifications_for(employee))


def _statements(fn, employee) -> int:
    employee = Employee.objects.get(pk=employee.pk)  # a fresh object: no standing remembered from a call before
    with CaptureQueriesContext(connection) as captured:
        fn(employee)
    return len(captured)


def test_the_kinerja_part_costs_a_fixed_number_of_statements(user_named, izin, monkeypatch):
    planner, kabid = _person("kasubbag"), _person("kabidpp")
    _submitted(user_named, izin)
    few = {fn: (_statements(fn, planner), _statements(fn, kabid)) for fn in (notes.notifications_for,
                                                                          notes.unread_count)}
    # many more waiting (rows moved directly: the statements must not depend on how many there are)
    others = Realisasi.objects.filter(indicator__renstra=izin.renstra).exclude(indicator=izin)
    assert others.count() >= 20
    others.filter(indicator__unit=izin.unit).update(state="dikembalikan", return_reason=REASON)
    others.exclude(indicator__unit=izin.unit).update(state="diajukan")
    more = {fn: (_statements(fn, planner), _statements(fn, kabid)) for fn in (notes.notifications_for,
                                                                           notes.unread_count)}
    assert few == more
    monkeypatch.setattr(awaiting, "realisasi_notices", lambda employee, **kw: [])
    without = {fn: (_statements(fn, planner), _statements(fn, kabid)) for fn in (notes.notifications_for,
                                                                              notes.unread_count)}
    # the "read" keys query is skipped when there is nothing to ask about, hence one more at most
    for fn, counts in more.items():
        extra = [n - base for n, base in zip(counts, without[fn], strict=True)]
        assert all(0 < n <= notes.KINERJA_STATEMENTS + 1 for n in extra), (more, without)


def test_home_counters_and_inbox_for_those_who_can_act(user_named, izin, client):
    realisasi = _submitted(user_named, izin)
    office = izin.renstra.office
    services.pk_create(user=user_named("kasubbag"), office=office, year=2026, pihak_kedua_name="H. Anwar Sadat",
                       pihak_kedua_title="Bupati Tanjung Jabung Barat")
    services.iku_set_propose(user=user_named("kasubbag"), renstra=izin.renstra)

    def page(username, name):
        client.force_login(user_named(username))
        return client.get(reverse(name)).content.decode()

    planner_home = page("kasubbag", "home")
    verify_count = len(awaiting.to_verify(_person("kasubbag")))
    assert verify_count >= 1 and f'data-testid="count-verifikasi">{verify_count}<' in planner_home
    assert 'data-testid="count-pk"' not in planner_home and 'data-testid="count-iku"' not in planner_home
    assert 'data-testid="inbox-verifikasi"' in page("kasubbag", "inbox")

    head_home = page("kadis", "home")
    drafts = IkuSet.objects.filter(renstra__office=office, status="draft").count()
    assert len(awaiting.pk_to_sign(_person("kadis"))) == 1
    assert 'data-testid="count-pk">1<' in head_home and f'data-testid="count-iku">{drafts}<' in head_home
    assert 'data-testid="count-verifikasi"' not in head_home
    head_inbox = page("kadis", "inbox")
    assert reverse("kinerja:pk", args=[office.code, 2026]) in head_inbox and 'data-testid="inbox-iku"' in head_inbox

    services.realisasi_verify(user=user_named("kasubbag"), realisasi=realisasi)
    approve_count = len(awaiting.to_approve(_person("kadis")))
    assert f'data-testid="count-pengesahan">{approve_count}<' in page("kadis", "home")
    unit_home = page("kabidpp", "home")
    assert not any(f'data-testid="count-{key}"' in unit_home for key in ("verifikasi", "pengesahan", "pk", "iku"))
