"""The whole RENJA journey in a browser: letter, run, every actor in turn, finished run."""

import pytest

from alur.runs.models import Run, Task
from alur.sim.simulate import SAMPLE_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "draf-renja.pdf"
    path.write_bytes(SAMPLE_PDF)
    return path


def next_open_task(run):
    return Task.objects.filter(run=run, status=Task.Status.TERBUKA).select_related("assignee__user").order_by(
        "engine_id").first()


def test_renja_run_from_letter_to_archive(page, log_in, demo_sops, pdf_file):
    log_in("admin")
    page.goto("/surat-masuk/baru/")
    page.fill("#id_nomor_surat", "050/77/BAPPEDA/2026")
    page.fill("#id_tanggal_surat", "2026-01-05")
    page.fill("#id_asal", "Bupati Tanjung Jabung Barat")
    page.fill("#id_perihal", "Penyusunan Renja Tahun 2027")
    page.select_option("#id_sifat", "segera")
    page.set_input_files("#id_scan", str(pdf_file))
    page.click("main button[type=submit]")
    page.wait_for_url("**/alur/mulai/?letter=*")
    page.select_option("#id_revision", label="Penyusunan Rencana Kerja (RENJA) (revisi 1)")
    page.fill("#id_year", "2027")
    page.click("main form[method=post] button[type=submit]")  # not the letter search above it
    page.wait_for_selector("[data-testid=run-title]")
    run = Run.objects.get()
    page.click("button:has-text('Keluar')")

    decided_no = False
    for _ in range(30):
        task = next_open_task(run)
        if task is None:
            break
        log_in(task.assignee.user.username)
        page.goto("/tugas/")
        page.locator(f"a[href='/tugas/{task.pk}/']:visible").first.click()  # table row or phone card
        page.wait_for_selector("[data-testid=complete-form]")
        form = page.locator("[data-testid=complete-form]")
        if form.locator("input[name=disposition_to]").count():
            form.locator("input[name=disposition_to]").first.check()
            form.locator("input[name=disposition_instructions][value=proses]").check()
            page.fill("#id_note", "Mohon ditindaklanjuti.")
        if form.locator("input[name=attendance]").count():  # a meeting: confirm attendance
            form.locator("input[name=attendance][value=hadir]").check()
        if form.locator("input[name=decision]").count():
            if not decided_no:  # the first review sends the draft back once
                form.locator("input[name=decision][value=tidak]").check()
                page.fill("#id_reason", "Lengkapi target tahun 2027.")
                decided_no = True
            else:
                form.locator("input[name=decision][value=ya]").check()
        elif form.locator("input[name=upload]").count():
            page.set_input_files("#id_upload", str(pdf_file))
            if page.locator("#id_note").count():
                page.fill("#id_note", "Notulen rapat terlampir.")
        if form.locator("#id_recipients").count():
            page.fill("#id_recipients", "Bappeda Kab. Tanjung Jabung Barat\nInspektorat")
            page.fill("#id_archive_location", "Lemari arsip PPMEP")
        with page.expect_navigation():  # to the person's next task in this run, or the inbox
            page.click("[data-testid=complete]")
        assert "selesai" in page.content()
        page.click("button:has-text('Keluar')")
        page.wait_for_url("**/akun/masuk/")

    run.refresh_from_db()
    assert run.status == Run.Status.SELESAI
    log_in("kadis")
    page.goto(f"/alur/{run.pk}/")
    assert page.locator("[data-testid=run-status]").inner_text() == "Selesai"
    assert page.locator("[data-testid=run-number]").inner_text() == "503/01/DPM-PTSP/2026"
    rows = page.locator("[data-testid=timeline-row]")
    assert rows.count() == Task.objects.filter(run=run).count() > 11  # the Tidak loop repeats steps
    assert page.locator("[data-testid=document-versions] li").count() >= 3
    assert "Paraf" in page.content() and "Tanda tangan" in page.content()
    assert "050/77/BAPPEDA/2026" in page.content()
