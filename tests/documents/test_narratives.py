"""Narratives are edited by the planning unit and the head only, and every save is on the trail."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from alur.audit.models import Entry
from alur.documents import narratives
from alur.documents.models import NarrativeVersion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["kabidpm", "admin", "kabidpp"])
def test_a_member_outside_planning_and_the_head_cannot_edit(kinerja_office, login, username):
    client = login(username)
    url = reverse("documents:narrative_edit", args=[kinerja_office.code, "lkjip", 2026])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="kata_pengantar"' not in page.content.decode()  # no form to fill in
    assert 'data-testid="narrative-read-only"' in page.content.decode()
    trail = Entry.objects.filter(office=kinerja_office).count()
    response = client.post(url, {"kata_pengantar": "Ditulis ulang oleh yang tidak berhak."})
    assert response.status_code == 403
    assert not NarrativeVersion.objects.exists()
    assert Entry.objects.filter(office=kinerja_office).count() == trail
    with pytest.raises(PermissionDenied):
        narratives.save(kinerja_office, "lkjip", 2026, "kata_pengantar", "Teks",
                        get_user_model().objects.get(username=username))
    assert not NarrativeVersion.objects.exists()


@pytest.mark.parametrize("username", ["kasubbag", "kadis"])
def test_planner_and_head_edit_and_each_save_is_on_the_trail(kinerja_office, login, username):
    client = login(username)
    url = reverse("documents:narrative_edit", args=[kinerja_office.code, "lkjip", 2026])
    assert 'name="kata_pengantar"' in client.get(url).content.decode()
    assert client.post(url, {"kata_pengantar": "Puji syukur."}).status_code == 302
    assert client.post(url, {"kata_pengantar": "Puji syukur kami panjatkan."}).status_code == 302
    first, second = Entry.objects.filter(office=kinerja_office, kind="dokumen.narasi.ubah").order_by("position")
    assert first.data["lama_sha256"] is None and first.data["versi"] == 1
    assert second.data["lama_sha256"] == narratives.text_sha256("Puji syukur.")
    assert second.data["baru_sha256"] == narratives.text_sha256("Puji syukur kami panjatkan.")
    assert second.user.username == username
    version = NarrativeVersion.objects.get(number=2)
    assert list(second.records) == [f"documents.narrativeversion:{version.pk}"]
