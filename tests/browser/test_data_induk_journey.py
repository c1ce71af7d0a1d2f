"""The office admin runs the office's data induk in Alur's own pages (issue 9 #10)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_admin_adds_an_employee_with_a_log_in_and_a_plt(page, log_in, demo_office):
    log_in("admin")
    page.click("[data-testid=nav-data-induk]")
    assert page.locator("h1").inner_text() == "Data induk"
    page.click("[data-testid=manage-tabs] >> text=Pegawai")
    page.click("text=Tambah pegawai")
    page.fill("#id_name", "Rahmat Hidayat, S.E.")
    page.fill("#id_nip", "19700980 199703 1 003")
    page.click("[data-testid=employee-form] button[type=submit]")
    assert "Tanggal lahir 19700980 tidak valid" in page.locator("[data-testid=field-error-nip]").inner_text()
    page.fill("#id_nip", "19900101 201501 1 001")
    page.click("[data-testid=employee-form] button[type=submit]")
    page.wait_for_selector("[data-testid=account-form]")
    page.fill("[data-testid=account-form] #id_username", "rahmat")
    page.fill("[data-testid=account-form] #id_password1", "Kantor-baru-2026")
    page.fill("[data-testid=account-form] #id_password2", "Kantor-baru-2026")
    page.click("[data-testid=account-form] button[type=submit]")
    assert "Akun masuk Rahmat Hidayat, S.E. disimpan." in page.locator(".alert-success").inner_text()

    page.click("[data-testid=manage-tabs] >> text=Jabatan dan unit")
    page.locator("[data-testid=position-table] a", has_text="Sekretaris Dinas").click()
    form = page.locator("[data-testid=stand-in-form]")
    form.locator("#id_employee").select_option(label="Rahmat Hidayat, S.E.")
    form.locator("#id_kind").select_option("plh")
    form.locator("#id_start").fill("2026-07-01")
    form.locator("#id_end").fill("2026-07-03")
    form.locator("#id_basis").fill("Surat Perintah Kepala Dinas Nomor 800/21/DPM-PTSP/2026")
    form.locator("button[type=submit]").click()
    assert "Plh. Rahmat Hidayat, S.E." in page.locator("[data-testid=stand-in-history]").inner_text()

    page.click("[data-testid=manage-tabs] >> text=Nomor surat")
    page.fill("#id_letter_number_template", "B-{nomor:03d}/{kode}")
    assert page.locator("[data-testid=letter-number-preview]").inner_text() == "B-007/DPM-PTSP"
    page.fill("#id_letter_number_template", "{x}/{nomor}")
    assert "Kolom {x} tidak dikenal" in page.locator("[data-testid=letter-number-preview-error]").inner_text()
    page.click("[data-testid=letter-number-form] button[type=submit]")
    assert "Kolom {x} tidak dikenal" in page.locator("[data-testid=field-error-letter_number_template]").inner_text()
    assert page.locator("[data-testid=letter-number-example]").inner_text() == "503/07/DPM-PTSP/2026"

    page.click("button:has-text('Keluar')")
    log_in("rahmat", "Kantor-baru-2026")
    assert "Rahmat Hidayat, S.E." in page.locator("[data-testid=who]").inner_text()
    assert page.locator("[data-testid=nav-data-induk]").count() == 0


def test_other_employees_get_the_indonesian_403_page(page, log_in, demo_office):
    log_in("staf")
    response = page.goto(f"/opd/{demo_office.code}/kelola/pegawai/")
    assert response.status == 403
    assert "Anda tidak memiliki izin" in page.locator("[data-testid=error-page]").inner_text()
    page.screenshot(path="/tmp/alur-403-1366.png")
