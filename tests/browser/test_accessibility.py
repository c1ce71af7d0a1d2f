"""Accessibility (issue 18 item 25): axe-core, installed from npm, checks the main pages of the demo
office in a real browser; none may have a serious or critical violation.

axe is injected into each page as a script file. Alur's Content-Security-Policy allows scripts from its
own static files only, so these pages are opened in a context with bypass_csp=True — for this test
only; every other browser test keeps the policy and fails on what it blocks."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from alur.kinerja.demo import load_demo_kinerja
from alur.org.demo import DEMO_PASSWORD
from alur.runs.models import Task
from alur.sim.runs_demo import load_demo_runs
from alur.sop.demo import load_demo_sops

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Rules are never switched off here; a rule excluded later needs its reason written beside it.
EXCLUDED_RULES: dict[str, str] = {}
BLOCKING = {"serious", "critical"}
# ALUR_A11Y_SHOTS=/tmp/dir saves each page at 1366 and 390 px, to look at (not part of the check).
SHOTS = os.environ.get("ALUR_A11Y_SHOTS")


def axe_path() -> Path:
    path = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail(f"{path} tidak ada: jalankan ./scripts/setup (memasang axe-core dari package.json).")
    return path


@pytest.fixture
def axe_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def office(demo_sops):
    load_demo_runs(demo_sops)
    load_demo_kinerja(demo_sops)
    return demo_sops


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def serious_violations(page, name: str) -> list[str]:
    """axe's serious and critical violations on the page now open, one line per rule and element."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    disabled = {rule: {"enabled": False} for rule in EXCLUDED_RULES}
    result = page.evaluate("(rules) => axe.run(document, {resultTypes: ['violations'], rules})", disabled)
    if SHOTS:
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 720})
    lines = []
    for violation in result["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [" ".join(node["target"]) for node in violation["nodes"]]
            shown = ", ".join(targets[:6]) + (f" … (+{len(targets) - 6})" if len(targets) > 6 else "")
            first = violation["nodes"][0].get("failureSummary", "").strip().splitlines()[-1:]
            lines.append(f"{name}: {violation['id']} ({violation['impact']}, {len(targets)}x) {shown}"
                         f" — {first[0].strip() if first else violation['help']}")
    return lines


def test_main_pages_have_no_serious_or_critical_axe_violations(axe_page, office):
    page = axe_page
    found = []
    page.goto("/akun/masuk/")
    found += serious_violations(page, "login")

    task = Task.objects.filter(run__office=office, status="terbuka", assignee__user__username="kadis").first()
    assert task is not None, "the demo has a task waiting for the Kepala Dinas"
    log_in(page, "kadis")
    pages = {
        "home": "/",
        "inbox": "/tugas/",
        "task": f"/tugas/{task.pk}/",
        "run": f"/alur/{task.run_id}/",
        "pengukuran": f"/kinerja/{office.code}/pengukuran/2026/",
        "dashboard-now": f"/dasbor/opd/{office.code}/",
        "sop": f"/sop/{task.run.revision.sop_id}/",
        "letters": "/surat-masuk/",
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{name}: {url} -> {response.status}"
        found += serious_violations(page, name)

    log_in(page, "kabidpp")
    page.goto("/kinerja/saya/?tahun=2026&tw=3")
    page.locator("[data-testid^=entry-]").first.click()
    page.wait_for_load_state()
    found += serious_violations(page, "realisasi-entry")

    assert not found, "axe-core: serious/critical violations:\n" + "\n".join(found)
