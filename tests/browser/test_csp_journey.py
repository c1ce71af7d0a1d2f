"""The scripts moved out of the templates for the Content-Security-Policy still work in a browser
(issue 16 item 3): the indicator charts draw, the year picker navigates, the IKU approval asks first.
The page fixture fails a test on any CSP violation the browser reports."""

import pytest

from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(demo_office):
    load_demo_kinerja(demo_office)
    return demo_office


def test_charts_and_the_year_picker_run_under_the_policy(page, log_in, office):
    log_in("kasubbag")
    indicator = Indicator.objects.filter(renstra__office=office).first()
    page.goto(f"/kinerja/{office.code}/indikator/{indicator.pk}/")
    page.wait_for_function("() => window.kinerjaCharts && window.kinerjaCharts.length === 2")
    page.goto(f"/kinerja/{office.code}/pengukuran/2026/")
    page.select_option("#year", label="2025")
    page.wait_for_url(f"**/kinerja/{office.code}/pengukuran/2025/")


def test_an_inline_script_is_refused(page, log_in, office):
    """The policy is really enforced: a script injected into a page does not run."""
    log_in("kasubbag")
    page.goto(f"/kinerja/{office.code}/pengukuran/2026/")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.injected = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in text for text in page.csp_violations)
    page.csp_violations.clear()  # expected here
