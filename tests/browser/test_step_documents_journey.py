"""'Hubungkan ke dokumen' in a browser: from the SOP page to its steps' documents, bind one step."""

import pytest

from alur.documents.mapping import document_for
from alur.sop.models import SopRevision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_binds_a_step_of_the_iku_sop_to_a_document(page, log_in, demo_sops):
    revision = SopRevision.objects.get(sop__office=demo_sops, nama__icontains="IKU")
    log_in("admin")
    page.goto(f"/sop/{revision.sop_id}/")
    page.click("[data-testid=step-documents-link]")
    page.wait_for_selector("[data-testid=step-documents]")
    rows = page.locator("[data-testid=step-document-row]")
    assert rows.count() == 9 and page.locator("[data-testid=step-bound]").count() == 2
    row = rows.nth(7)  # step 8
    row.locator("select[name=kind]").select_option("pk")
    row.locator("[data-testid=bind-step]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=step-bound]').length === 3")
    assert "Perjanjian Kinerja" in rows.nth(7).inner_text()
    assert document_for(revision, 8) == "pk"
