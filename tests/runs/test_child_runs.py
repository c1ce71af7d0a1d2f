from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from alur.core.sop.yaml_format import load_sop_file
from alur.runs import services
from alur.runs.models import Run
from alur.sim.simulate import drive
from alur.sop.models import SopRevision
from alur.sop.services import actor_map, link_confirm, revision_approve, sop_create

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def agenda_sop(demo_sops):
    """A small approved 'Pengagendaan Surat Keluar' SOP, built from the IKU seed's shape."""
    users = get_user_model().objects
    sop, _issues = load_sop_file("alur/sop/seeds/01-iku.yaml")
    data = sop.to_dict()
    data["nama"] = "Pengagendaan Surat Keluar"
    data["nomor"] = "503/99/DPM PTSP"
    data["steps"] = [dict(step, actor_confirmed=True) for step in data["steps"]]  # sahkan needs them confirmed
    revision = sop_create(office=demo_sops, data=data, user=users.get(username="admin"))
    for actor in data["actors"]:
        source = SopRevision.objects.get(nama__icontains="IKU").sop.actor_mappings.get(actor=actor)
        actor_map(sop=revision.sop, actor=actor, position=source.position, user=users.get(username="admin"))
    return revision_approve(revision=revision, user=users.get(username="kadis"))


def confirm_agenda_link(iku, agenda_sop):
    step = next(s for s in iku.as_core().steps if any("Pengagendaan" in link for link in s.sop_links))
    text = next(link for link in step.sop_links if "Pengagendaan" in link)
    link_confirm(revision=iku, step_no=step.no, text=text, target=agenda_sop.sop,
                 user=get_user_model().objects.get(username="admin"))


def test_step_link_starts_a_child_run(revision_named, agenda_sop, login):
    admin = get_user_model().objects.get(username="admin")
    confirm_agenda_link(revision_named("IKU"), agenda_sop)
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    drive(run, start=START, max_transitions=8)  # up to the agenda step (9), which names the SOP
    task = run.tasks.get(status="terbuka")
    assert task.step_no == 9
    client = login(task.assignee.user.username)
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "Mulai alur turunan: Pengagendaan Surat Keluar" in page
    response = client.post(reverse("child_run_start", args=[task.pk]), {"revision": agenda_sop.pk})
    child = Run.objects.get(parent=run)
    assert response.status_code == 302 and child.revision == agenda_sop
    assert child.purpose == "Pengagendaan Surat Keluar — IKU 2026"


def test_unlinked_sop_cannot_be_started_as_child(revision_named, agenda_sop):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
    with pytest.raises(ValidationError):
        services.child_run_start(task=run.tasks.get(), revision=agenda_sop, user=get_user_model().objects.get(
            username="kadis"))


def test_a_name_match_alone_offers_no_child_run(revision_named, agenda_sop):
    """Only a link a person confirmed counts (the SOP's name merely resembling the text does not)."""
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    drive(run, start=START, max_transitions=8)
    task = run.tasks.get(status="terbuka")
    step = run.revision.as_core().step(task.step_no)
    assert services.linked_revisions(run, step) == []
    with pytest.raises(ValidationError):
        services.child_run_start(task=task, revision=agenda_sop, user=task.assignee.user)
