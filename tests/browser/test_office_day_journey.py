"""A day at the office (issue 9): disposisi routes, working time, returns, the next task, a second run
from one letter, Rahasia letters, and the pages on a 390 px phone."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alur.runs import services
from alur.runs.models import DispositionCopy, Run, Task
from alur.sim.simulate import SAMPLE_PDF, completion_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def user(name):
    return get_user_model().objects.get(username=name)


def letter_for(office, sifat="biasa", perihal="Penyusunan Renja Tahun 2027"):
    today = timezone.localdate()
    return services.letter_register(
        office=office, user=user("admin"), nomor_surat="050/77/BAPPEDA/2026", tanggal_surat=today,
        asal="Bupati Tanjung Jabung Barat", perihal=perihal, sifat=sifat, received_on=today,
        scan=SimpleUploadedFile("scan.pdf", SAMPLE_PDF, content_type="application/pdf"))


def run_to(revision, step_no, letter=None):
    run = services.run_start(revision=revision, user=user("admin"), letter=letter, purpose="" if letter else "Alur uji")
    core = revision.as_core()
    while (task := Task.objects.filter(run=run, status="terbuka").select_related("assignee__user", "run")
           .order_by("engine_id").first()).step_no != step_no:
        services.task_complete(task=task, user=task.assignee.user,
                               completion=completion_for(task, core.step(task.step_no).act))
    return run, task


def log_out(page):
    page.click("button:has-text('Keluar')")
    page.wait_for_url("**/akun/masuk/")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_disposisi_routes_to_every_position_ticked_with_working_time(page, log_in, demo_sops, revision_named):
    letter = letter_for(demo_sops)
    run = services.run_start(revision=revision_named("RENJA"), user=user("admin"), letter=letter)
    task = run.tasks.get()
    kasubbag = demo_sops.positions.get(code="kasubbag-ppmep")
    sekretaris = demo_sops.positions.get(code="sekretaris")

    log_in("kadis")
    page.goto("/tugas/")
    assert " kerja" in page.locator("[data-testid=time-left]").first.inner_text()  # sisa … jam kerja
    page.goto(f"/tugas/{task.pk}/")
    assert page.locator("[data-testid=task-letter]").inner_text().count("050/77/BAPPEDA/2026") == 1
    assert page.locator("[data-testid=task-letter] iframe.pdf-preview").count() == 1  # the scan, inline
    continuing = page.locator(f"input[name=disposition_to][value='{sekretaris.pk}']")
    assert continuing.is_checked()
    assert "melanjutkan alur" in page.locator(f"label[for='{continuing.get_attribute('id')}']").inner_text()
    page.check(f"input[name=disposition_to][value='{kasubbag.pk}']")
    page.check("input[name=disposition_instructions][value=proses]")
    due = timezone.localdate() + timedelta(days=3)
    page.fill("#id_disposition_due", due.isoformat())
    page.fill("#id_note", "Siapkan bahan Renja 2027.")
    with page.expect_navigation():
        page.click("[data-testid=complete]")
    assert "Langkah 1 selesai. Berikutnya: langkah 2 oleh Rina Marlina" in page.content()
    log_out(page)

    log_in("kasubbag")
    page.goto("/tugas/")
    copy = page.locator("[data-testid=disposition-copy]")
    assert "Proses lebih lanjut" in copy.inner_text() and due.strftime("%Y") in copy.inner_text()
    pdf = page.request.get(copy.locator("a").first.get_attribute("href") + "pdf/")  # the lembar disposisi
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    with page.expect_navigation():
        copy.locator("[data-testid=acknowledge]").click()
    assert "Disposisi ditandai diterima." in page.content()
    assert DispositionCopy.objects.get().acknowledged_by.user.username == "kasubbag"


def test_returns_are_named_and_the_kadis_goes_on_to_sign(page, log_in, demo_sops, revision_named):
    run, paraf = run_to(revision_named("IKU"), 6)  # the Perencana initials; the draft came from step 4
    log_in("perencana")
    page.goto(f"/tugas/{paraf.pk}/")
    tidak = page.locator("input[name=decision][value=tidak]")
    label = page.locator(f"label[for='{tidak.get_attribute('id')}']").inner_text()
    assert "kembalikan ke langkah 4" in label and "Siti Nurhaliza" in label
    tidak.check()
    page.fill("#id_reason", "Target tahun 2026 belum diisi.")
    with page.expect_navigation():
        page.click("[data-testid=complete]")
    assert "Berikutnya: langkah 4 oleh Siti Nurhaliza" in page.content()
    assert Task.objects.get(run=run, status="terbuka").step_no == 4
    log_out(page)

    run, review = run_to(revision_named("RENJA"), 9)  # the Kadis reviews (9) and signs (10)
    log_in("kadis")
    page.goto(f"/tugas/{review.pk}/")
    page.check("input[name=decision][value=ya]")
    with page.expect_navigation():
        page.click("[data-testid=complete]")
    signature = Task.objects.get(run=run, status="terbuka")
    assert signature.step_no == 10 and page.url.endswith(f"/tugas/{signature.pk}/")
    assert "Tugas Anda berikutnya dalam alur ini: langkah 10" in page.content()


def test_second_run_from_a_letter_asks_for_confirmation(page, log_in, demo_sops, revision_named):
    letter = letter_for(demo_sops)
    services.run_start(revision=revision_named("RENJA"), user=user("admin"), letter=letter)
    log_in("admin")
    page.goto("/surat-masuk/")
    assert "Penyusunan Renja Tahun 2027" in page.locator("[data-testid=letter-run]").first.inner_text()
    page.goto(f"/alur/mulai/?letter={letter.pk}")
    assert page.locator("[data-testid=second-run-warning]").is_visible()
    page.select_option("#id_revision", label="Penyusunan Rencana Kerja (RENJA) (revisi 1)")
    page.click("main form[method=post] button[type=submit]")
    assert "sudah memulai alur" in page.locator("[data-testid=field-error-confirm_second]").inner_text()
    assert Run.objects.count() == 1
    page.check("#id_confirm_second")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("[data-testid=run-title]")
    assert Run.objects.filter(letter=letter).count() == 2


def test_rahasia_letter_is_hidden_from_whom_it_does_not_concern(page, log_in, demo_sops, revision_named):
    letter = letter_for(demo_sops, sifat="rahasia", perihal="Pemeriksaan khusus")
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), letter=letter)
    log_in("kabidpp")
    page.goto("/surat-masuk/")
    assert "Pemeriksaan khusus" not in page.content() and "Surat rahasia" in page.content()
    page.goto(f"/alur/{run.pk}/")
    assert "Pemeriksaan khusus" not in page.content()
    assert page.request.get(f"/surat-masuk/{letter.pk}/pindaian/lihat/").status == 404
    log_out(page)
    log_in("kadis")
    page.goto(f"/alur/{run.pk}/")
    assert "Pemeriksaan khusus" in page.locator("[data-testid=run-letter]").inner_text()


def test_inbox_task_and_run_pages_fit_a_390_px_phone(browser, live_server, demo_sops, revision_named, tmp_path):
    from alur.org.demo import DEMO_PASSWORD

    letter = letter_for(demo_sops, perihal="Penyusunan Renja Tahun 2027 " + "sangat panjang " * 15)
    run, meeting = run_to(revision_named("RENJA"), 5, letter=letter)
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.goto("/akun/masuk/")
    page.fill("#id_username", meeting.assignee.user.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.goto("/tugas/")
    page.screenshot(path=str(tmp_path / "inbox-390.png"), full_page=True)
    assert no_horizontal_overflow(page), "the inbox scrolls sideways at 390 px"
    assert page.locator("[data-testid=inbox-card]").first.is_visible()
    page.goto(f"/tugas/{meeting.pk}/")
    assert no_horizontal_overflow(page)
    form_top = page.locator("[data-testid=complete-form]").bounding_box()["y"]
    letter_top = page.locator("[data-testid=task-letter]").bounding_box()["y"]
    assert form_top < letter_top and form_top < PHONE["height"]  # the form before the long text, on screen
    page.goto(f"/alur/{run.pk}/")
    assert no_horizontal_overflow(page)
    context.close()
