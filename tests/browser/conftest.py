"""Browser journeys: Playwright driving Debian's Chromium against Django's live server."""

import os
import shutil

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium tidak ditemukan: jalankan ./scripts/test (memasang paket Debian 'chromium').")
    return path


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django must still be allowed to query.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    # What the Content-Security-Policy blocked (Chromium logs it): a test fails on any it leaves here.
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert not page.csp_violations, f"Content-Security-Policy violations: {page.csp_violations}"


@pytest.fixture
def log_in(page):
    from alur.org.demo import DEMO_PASSWORD

    def _log_in(username, password=DEMO_PASSWORD):
        page.goto("/akun/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return _log_in
