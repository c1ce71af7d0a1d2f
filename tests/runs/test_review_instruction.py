"""Issue 18 item 22: a review (decision) step says what to check — the step's Kegiatan and Output —
and what Ya and Tidak do, not only "Catatan"."""

import pytest
from django.urls import reverse

from .test_returns import run_to

pytestmark = pytest.mark.django_db


def test_a_review_step_shows_its_instruction_and_what_each_answer_does(login, revision_named):
    run, review, _ = run_to(revision_named("IKU"), 5)  # Tim Sakip checks; Tidak -> step 4 (Staf)
    step = run.revision.as_core().step(5)
    page = login("timsakip").get(reverse("task_detail", args=[review.pk])).content.decode()
    form = page.split('data-testid="complete-form"')[1]
    assert f"Periksa: {step.kegiatan.rstrip('. ')}." in form
    if step.output:
        assert f"Hasil yang diharapkan: {step.output.rstrip('. ')}." in form
    assert "Ya meneruskan alur ke langkah berikutnya." in form
    assert "Tidak mengembalikan pekerjaan ke langkah 4" in form and "Alasan dikembalikan (wajib bila Tidak)" in form
