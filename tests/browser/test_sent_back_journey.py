"""Issue 18 done-when: a sent-back realisation and a "Tidak" decision each reach the right person
with the reason. The planner sends back the Kabid Pelayanan Perizinan's realisation from the
verification queue; she finds it, with the reason, in her notifications and lands on its entry
page. Tim SAKIP answers Tidak at the IKU run's check; the staff member who typed the draft finds
the reason in the inbox and the notifications."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from alur.kinerja import services as kinerja
from alur.kinerja.models import Indicator
from alur.runs.models import Task
from tests.runs.test_returns import run_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SENT_BACK = "Lampirkan rekap SiCantik per bulan, bukan per triwulan."
TIDAK = "Definisi operasional IKU-03 belum sesuai Renstra."


def log_out(page):
    page.click("button:has-text('Keluar')")
    page.wait_for_load_state()


@pytest.fixture
def submitted(demo_sops):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_sops)
    kabid = get_user_model().objects.get(username="kabidpp")
    indicator = Indicator.objects.get(renstra__office=demo_sops, code="IND-09")
    realisasi = kinerja.realisasi_save(user=kabid, indicator=indicator, year=2026, triwulan=3, value=512)
    kinerja.evidence_add(user=kabid, realisasi=realisasi, note="Rekap SiCantik Juli–September")
    return kinerja.realisasi_submit(user=kabid, realisasi=realisasi)


def test_a_sent_back_realisation_reaches_the_kabid_with_the_reason(page, log_in, submitted):
    office = submitted.indicator.renstra.office
    log_in("kasubbag")
    page.goto("/")
    assert page.inner_text("[data-testid=count-verifikasi]").strip() != "0"
    page.goto(f"/kinerja/{office.code}/antrean/verifikasi/")
    row = page.locator("[data-testid=queue-IND-09-2026-3]")
    row.locator("[data-testid=reason]").fill(SENT_BACK)
    row.locator("[data-testid=send-back]").click()
    page.wait_for_load_state()
    assert "Realisasi dikembalikan" in page.content()
    log_out(page)

    log_in("kabidpp")
    page.goto(reverse("dashboard:notifications"))
    notice = page.locator("li[data-kind=dikembalikan]", has_text="IND-09")
    assert SENT_BACK in notice.inner_text()
    notice.locator("a").first.click()
    page.wait_for_load_state()
    assert "/kinerja/saya/" in page.url and SENT_BACK in page.content()


def test_a_tidak_reaches_who_typed_the_draft_with_the_reason(page, log_in, revision_named):
    run, review, _ = run_to(revision_named("IKU"), 5)  # Tim SAKIP checks; Tidak -> step 4 (Staf)
    log_in("timsakip")
    page.goto(f"/tugas/{review.pk}/")
    page.check("input[name=decision][value=tidak]")
    page.fill("[name=reason]", TIDAK)
    page.click("[data-testid=complete]")
    page.wait_for_load_state()
    log_out(page)

    reopened = Task.objects.get(run=run, status="terbuka")
    log_in(reopened.assignee.user.username)
    page.goto("/")
    page.click("text=Buka kotak tugas")
    page.wait_for_load_state()
    assert TIDAK in page.inner_text("[data-testid=inbox-reason]")
    page.goto(reverse("dashboard:notifications"))
    notice = page.locator("li[data-kind=dikembalikan]").first
    assert TIDAK in notice.inner_text() and "Tugas baru" not in page.inner_text("[data-testid=notifications]")
