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


def test_phone_width_collapses_the_menu_and_never_scrolls_sideways(page, log_in, demo_office):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("kasubbag")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    menu = page.locator("#nav")
    assert not menu.is_visible()
    page.click("button.navbar-toggler")
    menu.locator("text=Pustaka SOP").wait_for(state="visible")
    current = page.locator("#nav .nav-link.active")
    assert current.inner_text() == "Beranda" and current.get_attribute("aria-current") == "page"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/alur-home-390-menu.png", full_page=True)


def test_missing_page_is_indonesian_in_the_layout(page, log_in, demo_office):
    log_in("staf")
    response = page.goto("/tidak-ada-halaman-ini/")
    assert response.status == 404
    assert "Halaman tidak ditemukan" in page.locator("[data-testid=error-page]").inner_text()
    page.screenshot(path="/tmp/alur-404-1366.png")
