"""Issue 17: a step kind added from outside runs — one file (verifikasi.py) plus one registration —
runs from the SOP to the trail. The kind is registered by a fixture only, so every other test sees
the built-in kinds."""

import copy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import alur
from alur.audit.models import Entry
from alur.core.sop import kinds as vocabulary
from alur.core.sop.validate import has_errors, validate_sop_dict
from alur.runs import services
from alur.runs.kinds import registry
from alur.runs.models import Task
from alur.sim.simulate import drive
from alur.sop import services as sop_services

from .verifikasi import Verifikasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def verifikasi():
    with registry.temporarily(Verifikasi()) as kind:
        yield kind
    assert "verifikasi" not in vocabulary.values()


def _with_verifikasi(data: dict) -> dict:
    """The IKU SOP with its step 2 (the Sekretaris' disposisi) made a verifikasi."""
    data = copy.deepcopy(data)
    step = next(s for s in data["steps"] if s["no"] == 2)
    step["act"] = "verifikasi"
    return data


def test_an_unregistered_kind_is_refused_by_the_sop_check(revision_named):
    data = _with_verifikasi(revision_named("IKU").data)
    assert has_errors(validate_sop_dict(data))


def test_a_kind_from_outside_runs_from_sop_to_trail(revision_named, login, verifikasi, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    users = get_user_model().objects
    kadis = users.get(username="kadis")
    iku = revision_named("IKU")
    data = _with_verifikasi(iku.data)
    assert not has_errors(validate_sop_dict(data))
    page = login("kadis").get(reverse("sop_new")).content.decode()
    assert '<option value="verifikasi">Verifikasi kelengkapan dokumen</option>' in page

    draft = sop_services.revision_start(sop=iku.sop, user=kadis)
    draft = sop_services.revision_update(revision=draft, data=data, user=kadis)
    assert any("verifikasi" in change for change in draft.changes)  # the diff names the kind by its word
    for step in data["steps"]:
        draft = sop_services.step_confirm(revision=draft, step_no=step["no"], user=kadis)
    revision = sop_services.revision_approve(revision=draft, user=kadis)
    run = services.run_start(revision=revision, user=users.get(username="admin"), purpose="IKU dengan verifikasi")
    drive(run, max_transitions=1)  # step 1, the head's disposisi
    task = Task.objects.select_related("assignee__user").get(run=run, status=Task.Status.TERBUKA)
    assert task.step_no == 2 and task.act == "verifikasi"

    client = login(task.assignee.user.username)
    url = reverse("task_detail", args=[task.pk])
    page = client.get(url).content.decode()
    assert 'name="dokumen_sesuai"' in page and "Dokumen sesuai" in page
    refused = client.post(url, {"note": ""})
    assert refused.status_code == 200 and "Tulis apa yang tidak sesuai." in refused.content.decode()
    response = client.post(url, {"dokumen_sesuai": "on", "note": "Lengkap."})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.SELESAI and task.note == "Lengkap."

    entry = Entry.objects.get(run_id=run.pk, kind="verifikasi.dicatat")
    assert entry.data == {"task": task.engine_id, "sesuai": True}
    complete = Entry.objects.filter(run_id=run.pk, kind="alur.complete").order_by("position").last()
    assert complete.data["verifikasi"] == {"sesuai": True}
    trail = client.get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "memverifikasi: dokumen sesuai" in trail
    call_command("audit", "verify")  # raises CommandError on a broken chain or an unrecorded row
    call_command("runs", "verify-replay", str(run.pk))  # the run rebuilt from its trail matches its rows


def test_the_kind_is_one_file_and_one_registration_nothing_in_alur_names_it():
    names = ("dokumen_sesuai", "verifikasi.dicatat", "VerifikasiForm", "kinds_app")
    source = [p for p in Path(alur.__file__).parent.rglob("*") if p.suffix in (".py", ".html", ".json", ".yaml")]
    assert len(source) > 200
    named = [f"{p}: {n}" for p in source for n in names if n in p.read_text(encoding="utf-8", errors="replace")]
    assert not named
    assert not any("kinds_app" in app for app in django_settings.INSTALLED_APPS)
    assert "verifikasi" not in vocabulary.values() and "verifikasi" not in {k.value for k in registry.all_kinds()}
