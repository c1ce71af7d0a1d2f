"""The indicator charts print figures as Alur prints them (issue 18 item 6): "1.250,5", at most two
decimals, whatever the browser's language."""

import pytest

from alur.kinerja.demo import load_demo_kinerja
from alur.kinerja.models import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chart_tooltips_and_ticks_use_the_indonesian_format(page, log_in, demo_office):
    load_demo_kinerja(demo_office)
    log_in("kasubbag")
    indicator = Indicator.objects.filter(renstra__office=demo_office).first()
    page.goto(f"/kinerja/{demo_office.code}/indikator/{indicator.pk}/")
    page.wait_for_function("() => window.kinerjaCharts && window.kinerjaCharts.length === 2")
    label = page.evaluate("""() => window.kinerjaCharts[0].options.plugins.tooltip.callbacks.label(
                                 {dataset: {label: 'Target'}, parsed: {y: 1250.4567}})""")
    assert label == "Target: 1.250,46"
    assert page.evaluate("() => window.kinerjaCharts[1].options.scales.y.ticks.callback(98.4)") == "98,4"
