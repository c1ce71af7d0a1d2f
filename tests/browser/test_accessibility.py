"""Accessibility (issue 18 item 25) in a real browser.

axe-core, installed from npm (package.json), checks the main pages of the demo office: none may have
a serious or critical violation. axe is injected into each page as a script file; Alur's
Content-Security-Policy allows scripts from its own static files only, so these pages are opened in a
context with bypass_csp=True — for the axe check only; every other browser test (and the keyboard
checks below) keeps the policy and fails on what it blocks.

Beside axe, what it cannot judge: "Langsung ke isi" is the first thing Tab reaches and moves focus to
the content; every element Tab reaches shows a focus ring; a task page's title names the task."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Indicator
from alur.org.demo import DEMO_PASSWORD
from alur.runs.models import Task
from alur.sim.runs_demo import load_demo_runs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# No rule is switched off. A rule excluded here needs its reason written beside it.
EXCLUDED_RULES: dict[str, str] = {}
BLOCKING = {"serious", "critical"}
# ALUR_A11Y_SHOTS=/some/dir saves each page at 1366 and 390 px to look at (not part of the check).
SHOTS = os.environ.get("ALUR_A11Y_SHOTS")


def axe_script() -> Path:
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


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/akun/masuk/" not in page.url, f"{username} could not log in"


def open_task(office, username="kadis"):
    task = (Task.objects.filter(run__office=office, status="terbuka", assignee__user__username=username)
            .select_related("run").first())
    assert task is not None, f"the demo has a task waiting for {username}"
    return task


def serious_violations(page, name: str) -> list[str]:
    """axe's serious and critical violations on the page now open: one line per rule, naming the elements."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
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
            summary = violation["nodes"][0].get("failureSummary", "").strip().splitlines()[-1:]
            lines.append(f"{name}: {violation['id']} ({violation['impact']}, {len(targets)}x) {shown}"
                         f" — {summary[0].strip() if summary else violation['help']}")
    return lines


def visit(page, name, url) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, f"{name}: {url} -> {response.status}"
    return serious_violations(page, name)


def test_main_pages_have_no_serious_or_critical_axe_violations(axe_page, office):
    page = axe_page
    found = visit(page, "login", "/akun/masuk/")

    task = open_task(office)
    indicator = Indicator.objects.filter(renstra__office=office).order_by("code").first()
    sign_in(page, "kadis")
    pages = {
        "home": "/",
        "inbox": "/tugas/",
        "task": f"/tugas/{task.pk}/",
        "run": f"/alur/{task.run_id}/",
        "run-list": "/alur/",
        "pengukuran": f"/kinerja/{office.code}/pengukuran/2026/",
        "indicator": f"/kinerja/{office.code}/indikator/{indicator.pk}/",
        "dashboard-now": f"/dasbor/opd/{office.code}/",
        "notifications": "/dasbor/pemberitahuan/",
        "sop-list": "/sop/",
        "sop": f"/sop/{task.run.revision.sop_id}/",
        "letters": "/surat-masuk/",
    }
    for name, url in pages.items():
        found += visit(page, name, url)

    sign_in(page, "kabidpp")
    page.goto("/kinerja/saya/?tahun=2026&tw=3")
    found += serious_violations(page, "kinerja-mine")
    page.locator("[data-testid^=entry-]").first.click()
    page.wait_for_load_state()
    found += serious_violations(page, "realisasi-entry")

    sign_in(page, "admin")
    found += visit(page, "letter-form", "/surat-masuk/baru/")

    assert not found, "axe-core: serious/critical violations:\n" + "\n".join(found)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, log_in, office):
    log_in("kadis")
    page.goto("/tugas/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.dataset.testid, document.activeElement.innerText]")
    assert focused == ["skip-link", "Langsung ke isi"]
    assert page.locator("[data-testid=skip-link]").is_visible()  # hidden until focused, then shown
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/skip-link-focused.png")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "isi"
    page.keyboard.press("Tab")  # the next stop is inside the content, past the menu
    assert page.evaluate("document.getElementById('isi').contains(document.activeElement)")


def test_every_element_tab_reaches_shows_a_focus_ring(page, log_in, office):
    task = open_task(office)
    log_in("kadis")
    page.goto(f"/tugas/{task.pk}/")
    seen, missing = set(), []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, text: (e.innerText || e.name || e.id || '').trim().slice(0, 30),
                    own: e.matches(':focus'),
                    style: s.outlineStyle, width: parseFloat(s.outlineWidth)};
        }""")
        if focused["tag"] == "BODY":
            break
        if not focused["own"]:
            continue  # on a part the browser draws itself (a date field's calendar button), with its own ring
        key = (focused["tag"], focused["text"])
        seen.add(key)
        if focused["style"] in ("none", "auto") or focused["width"] < 2:
            missing.append(f"{key}: outline {focused['style']} {focused['width']}px")
    assert len(seen) >= 10, seen
    assert not missing, "focus not visible on: " + "; ".join(missing)


def test_task_page_title_and_heading_name_the_task_and_its_run(page, log_in, office):
    task = open_task(office)
    kegiatan = task.run.revision.as_core().step(task.step_no).kegiatan
    log_in("kadis")
    page.goto(f"/tugas/{task.pk}/")
    assert page.title() == f"Tugas: {kegiatan} — {task.run.purpose} · Alur"
    heading = page.locator("h1")
    assert heading.count() == 1
    assert heading.inner_text().startswith(f"Tugas: {task.step_no}. {kegiatan}")
    assert task.run.purpose in heading.text_content()  # read out with the heading


def test_the_flowchart_and_the_indicator_charts_have_text_alternatives(page, log_in, office):
    task = open_task(office)
    indicator = Indicator.objects.filter(renstra__office=office).order_by("code").first()
    log_in("kadis")
    page.goto(f"/sop/{task.run.revision.sop_id}/")
    drawings = page.locator("svg.sop-row-svg")
    assert drawings.count() >= 2
    assert drawings.first.get_attribute("role") == "img"
    assert drawings.first.get_attribute("aria-label").startswith("Langkah 1, mulai/selesai, oleh ")

    page.goto(f"/kinerja/{office.code}/indikator/{indicator.pk}/")
    canvas = page.locator("#chart-year")
    assert canvas.get_attribute("role") == "img"
    assert page.locator(f"#{canvas.get_attribute('aria-labelledby')}").inner_text().startswith("Target dan realisasi")
    page.click("[data-testid=chart-year-data] summary")
    rows = page.locator("#chart-year-data tbody tr")
    assert rows.count() >= 1 and "2021" in rows.first.inner_text()


def test_date_format_hint_shows_only_where_the_date_is_typed(page, log_in, office):
    task = open_task(office)
    log_in("kadis")
    page.goto(f"/tugas/{task.pk}/")
    assert page.locator("#id_disposition_due").get_attribute("type") == "date"
    assert not page.locator("[data-testid=date-hint]").is_visible()  # the picker shows its own order
    # A browser without a date picker: the field is a text box, so the hint says how to type the date.
    page.add_init_script("new MutationObserver(() => document.querySelectorAll('input[type=date]')"
                         ".forEach((i) => { i.type = 'text'; })).observe(document, {childList: true, subtree: true});")
    page.reload()
    assert page.locator("#id_disposition_due").get_attribute("type") == "text"
    assert page.locator("[data-testid=date-hint]").inner_text() == "format hh/bb/tttt"
    assert page.locator("#id_disposition_due").get_attribute("placeholder") == "hh/bb/tttt"
