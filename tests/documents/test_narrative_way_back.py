"""Issue 18 item 22: the narrative editor leads back to the task it was opened from (?tugas=…, kept
across a save); an unknown or foreign task gives no link."""

import pytest
from django.urls import reverse

from tests.runs.test_returns import run_to

pytestmark = pytest.mark.django_db


def test_the_editor_links_back_to_its_task_and_keeps_it_across_a_save(kinerja_office, revision_named, login):
    _run, task, _clock = run_to(revision_named("IKU"), 4)
    client = login("kasubbag")
    url = reverse("documents:narrative_edit", args=[kinerja_office.code, "lkjip", 2026])
    back = f'href="{reverse("task_detail", args=[task.pk])}"'
    page = client.get(f"{url}?tugas={task.pk}").content.decode()
    assert 'data-testid="back-to-task"' in page and back in page
    response = client.post(f"{url}?tugas={task.pk}", {"kata_pengantar": "Puji syukur.", "tugas": task.pk})
    assert response.status_code == 302 and response["Location"] == f"{url}?tugas={task.pk}"
    for wrong in ("", "?tugas=999999999", "?tugas=abc", f"?tugas={'9' * 40}"):
        assert 'data-testid="back-to-task"' not in client.get(f"{url}{wrong}").content.decode()


def test_the_run_document_page_passes_the_task_on(kinerja_office, revision_named, login):
    _run, task, _clock = run_to(revision_named("IKU"), 4)  # step 4 types the IKU: bound to the IKU document
    client = login(task.assignee.user.username)
    assert client.post(reverse("documents:generate", args=[task.pk])).status_code == 302  # a period is known now
    html = client.get(reverse("documents:run_document", args=[task.run_id])).content.decode()
    assert 'data-testid="narrative-link"' in html and f"?tugas={task.pk}" in html


def test_the_upload_is_not_required_once_a_version_was_generated(kinerja_office, revision_named, login):
    """Issue 18 item 22: "Unggah dokumen *" stayed marked required after "Susun dari data"."""
    _run, task, _clock = run_to(revision_named("IKU"), 4)
    client = login(task.assignee.user.username)
    before = client.get(reverse("task_detail", args=[task.pk])).context["form"]
    assert before.fields["upload"].required
    client.post(reverse("documents:generate", args=[task.pk]))
    response = client.get(reverse("task_detail", args=[task.pk]))
    assert not response.context["form"].fields["upload"].required
    html = response.content.decode()
    field = html[html.index('name="upload"') - 300:html.index('name="upload"') + 200]
    assert " required" not in field and "*" not in field


def test_a_second_susun_on_unchanged_data_adds_no_identical_version(kinerja_office, revision_named, login):
    """Issue 18 item 22: "Susun dari data" added a version per click."""
    from alur.runs.models import DocumentVersion

    _run, task, _clock = run_to(revision_named("IKU"), 4)
    client = login(task.assignee.user.username)
    versions = DocumentVersion.objects.filter(document__run=task.run_id)
    client.post(reverse("documents:generate", args=[task.pk]))
    made = versions.order_by("-number").first()
    assert made.source == "generated"
    page = client.post(reverse("documents:generate", args=[task.pk]), follow=True).content.decode()
    assert versions.order_by("-number").first() == made and f"Data tidak berubah sejak versi {made.number}" in page
