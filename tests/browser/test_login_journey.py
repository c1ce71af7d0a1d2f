import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kepala_dinas_logs_in_and_sees_home(page, log_in, demo_office):
    log_in("kadis")
    assert page.locator("h1").inner_text().startswith("Selamat datang")
    assert "Dr. Hendra Wijaya" in page.locator("[data-testid=who]").inner_text()
    assert "Kepala Dinas" in page.locator("[data-testid=roles]").inner_text()
    page.click("text=Organisasi")
    assert page.locator("h1").inner_text() == "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
    page.click("button:has-text('Keluar')")
    page.wait_for_url("**/akun/masuk/")


def test_wrong_password_stays_on_login_page(page, log_in, demo_office):
    log_in("kadis", "keliru")
    assert "sandi yang benar" in page.locator(".alert-danger").inner_text()
