"""A data-kinerja run's collection step in a browser: the Analis sees which realisations of
triwulan III 2026 are still missing and is refused; the Kabid Pelayanan Perizinan finds the request
in her inbox and lands on her indicators of that triwulan; once they are submitted the request is
gone and the Analis completes the step."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from alur.kinerja import services as kinerja
from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Indicator
from alur.runs import services
from alur.runs.models import Task
from alur.sim.simulate import drive
from alur.sop.demo import load_demo_sops

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def run(demo_office):
    load_demo_sops(demo_office)
    load_demo_kinerja(demo_office)
    from alur.sop.models import SopRevision

    revision = SopRevision.objects.get(sop__office=demo_office, nama__icontains="Pengumpulan Data Kinerja")
    admin = get_user_model().objects.get(username="admin")
    start = timezone.now() - timedelta(hours=3)
    run = services.run_start(revision=revision, user=admin, purpose="Data kinerja triwulan III 2026", year=2026,
                             triwulan=3, now=start)
    drive(run, start=start, max_transitions=2)
    return run


def log_out(page):
    page.click("button:has-text('Keluar')")
    page.wait_for_load_state()


def submit(code):
    kabid = get_user_model().objects.get(username="kabidpp")
    realisasi = kinerja.realisasi_save(user=kabid, indicator=Indicator.objects.get(code=code), year=2026,
                                       triwulan=3, value=100)
    if not realisasi.evidence.exists():
        kinerja.evidence_add(user=kabid, realisasi=realisasi, note="Rekap SiCantik Juli–September")
    kinerja.realisasi_submit(user=kabid, realisasi=realisasi)


def test_the_collection_step_waits_for_the_units(page, log_in, run):
    task = Task.objects.get(run=run, step_no=3, assignee__user__username="perencana")
    log_in("perencana")
    page.goto(f"/tugas/{task.pk}/")
    missing = page.inner_text("[data-testid=missing]")
    assert "Belum diajukan: IND-08" in missing and "IND-09" in missing and "IKU-07" not in missing
    page.click("[data-testid=complete]")
    page.wait_for_load_state()
    assert "Belum diajukan" in page.content()
    assert Task.objects.get(pk=task.pk).status == Task.Status.TERBUKA
    log_out(page)

    log_in("kabidpp")
    page.goto("/tugas/")
    request = page.locator("[data-testid=realisation-request]")
    assert "Isi realisasi triwulan III 2026 — 2 indikator" in request.inner_text()
    page.click("[data-testid=realisation-request-link]")
    page.wait_for_load_state()
    assert page.url.endswith("/kinerja/saya/?tahun=2026&tw=3")
    assert page.locator("[data-testid=entry-IND-09]").count() == 1
    submit("IND-08")
    submit("IND-09")
    page.goto("/tugas/")
    assert page.locator("[data-testid=realisation-request]").count() == 0
    log_out(page)

    log_in("perencana")
    page.goto(f"/tugas/{task.pk}/")
    assert page.locator("[data-testid=missing]").count() == 0
    page.click("[data-testid=complete]")
    page.wait_for_load_state()
    assert Task.objects.get(pk=task.pk).status == Task.Status.SELESAI
