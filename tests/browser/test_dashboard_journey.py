"""The Kepala Dinas's dashboard journey: overdue work, the RENJA time-realism page, and the
suggested Waktu of the slowest step accepted as a new draft revision whose diff names its source."""

import re

import pytest

from alur.sop.models import SopRevision
from tests.dashboard.conftest import history, renja  # noqa: F401  (fixtures shared with tests/dashboard)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kepala_dinas_turns_the_slowest_steps_real_time_into_a_draft(page, log_in, history, renja):  # noqa: F811
    log_in("kadis")
    page.click("nav >> text=Dasbor")
    page.wait_for_selector("[data-testid=overdue]")
    overdue_rows = page.locator("[data-testid=overdue] tbody tr")
    assert overdue_rows.count() >= 1
    assert "kerja" in overdue_rows.first.inner_text()  # lateness in working time
    assert int(page.inner_text("[data-testid=overdue-total]")) >= 1

    page.click("[data-testid=sop-links] >> text=RENJA")
    page.wait_for_selector("[data-testid=steps]")
    page.fill("#id_min_runs", "3")
    page.click("button:has-text('Tampilkan')")
    page.wait_for_selector("[data-testid=bottleneck]")
    slowest = int(re.search(r"Langkah (\d+)", page.inner_text("[data-testid=bottleneck]")).group(1))
    row = page.locator(f"[data-testid=steps] tr[data-step='{slowest}']")
    proposed = row.locator("label .fw-bold").inner_text()
    page.check(f"[data-testid=suggest-{slowest}]")
    page.click("[data-testid=apply]")

    page.wait_for_selector("[data-testid=changes]")
    assert "Draf revisi" in page.inner_text("main")
    draft = SopRevision.objects.get(sop=renja, status=SopRevision.Status.DRAFT)
    changes = page.locator("[data-testid=changes]").first.inner_text()
    assert f"Langkah {slowest}: waktu diubah" in changes and proposed in changes
    assert f"Waktu langkah {slowest} diubah dari" in changes and "usulan dari data" in changes and "P80=" in changes
    assert str(next(s for s in draft.as_core().steps if s.no == slowest).waktu) == proposed
