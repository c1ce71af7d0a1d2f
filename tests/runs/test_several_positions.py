"""An actor column meaning several units ("Bidang-Bidang Lain"): mapped to several positions, its steps
reach every Kabid (a task each) or the one chosen at start; runs refuse unconfirmed actors."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.org.models import Position
from alur.runs import services
from alur.runs.models import Run, Task
from alur.runs.verify import verify_run
from alur.sim.simulate import completion_for, drive
from alur.sop import services as sop_services
from alur.sop.models import ActorMapping, StepActorConfirmation

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 2, 8, 0, tzinfo=JAKARTA)
BIDANG = "Bidang-Bidang Lain"


def user(name):
    return get_user_model().objects.get(username=name)


def open_tasks(run):
    return list(run.tasks.filter(status=Task.Status.TERBUKA).select_related("assignee__user", "position")
                .order_by("engine_id"))


def complete(task, clock):
    step = task.run.revision.as_core().step(task.step_no)
    services.task_complete(task=task, user=task.assignee.user, completion=completion_for(task, step.act), now=clock)


def advance_to(run, step_no):
    clock = START
    while (tasks := open_tasks(run)) and tasks[0].step_no != step_no:
        clock += timedelta(minutes=10)
        complete(tasks[0], clock)
    return clock


def test_the_demo_maps_bidang_bidang_lain_to_both_kabid(revision_named):
    renja = revision_named("Renja")
    codes = list(ActorMapping.objects.filter(sop=renja.sop, actor=BIDANG).order_by("pk")
                 .values_list("position__code", "mode"))
    assert codes == [("kabid-pm", "semua"), ("kabid-pp", "semua")]


def test_every_kabid_gets_a_task_and_the_step_waits_for_both(revision_named):
    run = services.run_start(revision=revision_named("Renja"), user=user("admin"), purpose="Renja 2027", year=2027,
                             now=START)
    clock = advance_to(run, 3)
    tasks = open_tasks(run)
    assert [(t.step_no, t.actor, t.position.code, t.assignee.user.username) for t in tasks] == [
        (3, "Perencana", "perencana", tasks[0].assignee.user.username),
        (3, BIDANG, "kabid-pm", "kabidpm"),
        (3, BIDANG, "kabid-pp", "kabidpp"),
    ]
    for task in tasks[:2]:
        clock += timedelta(minutes=10)
        complete(task, clock)
    assert [t.position.code for t in open_tasks(run)] == ["kabid-pp"]  # the step waits for the Kabid PP
    clock += timedelta(minutes=10)
    complete(tasks[2], clock)
    assert {t.step_no for t in open_tasks(run)} == {4}
    # the trail says who got what: the act that opened step 3 recorded both Kabid as seats
    opening = [e.data for e in Entry.objects.filter(run_id=run.pk, kind="alur.complete").order_by("position")
               if any(ev["type"] == "task_opened" and ev["step_no"] == 3 for ev in e.data["events"])]
    seats = opening[0]["action"]["assignees"][BIDANG]
    kabid = {p.code: p.pk for p in Position.objects.filter(code__in=["kabid-pm", "kabid-pp"])}
    assert [seat for seat, _who in seats] == [str(kabid["kabid-pm"]), str(kabid["kabid-pp"])]
    drive(run, start=clock)
    assert Run.objects.get(pk=run.pk).status == Run.Status.SELESAI
    meeting = Task.objects.filter(run=run, step_no=5, actor=BIDANG).order_by("engine_id")
    assert [t.position.code for t in meeting] == ["kabid-pm", "kabid-pp"]
    assert verify_run(run) == []  # replay rebuilds the parallel tasks
    assert verify_office(run.office).broken is None


def test_a_column_chosen_at_start_goes_to_the_chosen_kabid_only(revision_named):
    renja = revision_named("Renja")
    pm, pp = Position.objects.get(code="kabid-pm"), Position.objects.get(code="kabid-pp")
    sop_services.actor_map(sop=renja.sop, actor=BIDANG, positions=[pm, pp], mode=ActorMapping.Mode.DIPILIH,
                           user=user("admin"))
    with pytest.raises(ValidationError) as info:
        services.run_start(revision=renja, user=user("admin"), purpose="Renja 2027", now=START)
    assert "Bidang-Bidang Lain" in str(info.value) and "Kepala Bidang Pelayanan Perizinan" in str(info.value)
    assert not Run.objects.exists()
    with pytest.raises(ValidationError):  # a position the column is not mapped to
        services.run_start(revision=renja, user=user("admin"), purpose="Renja 2027", now=START,
                           chosen={BIDANG: Position.objects.get(code="kepala-dinas")})
    run = services.run_start(revision=renja, user=user("admin"), purpose="Renja 2027", now=START,
                             chosen={BIDANG: pp})
    assert run.chosen_positions == {BIDANG: pp.pk}
    started = Entry.objects.get(run_id=run.pk, kind="alur.start")
    assert started.data["dipilih"] == {BIDANG: pp.pk}
    advance_to(run, 3)
    assert [(t.actor, t.position.code) for t in open_tasks(run)] == [("Perencana", "perencana"), (BIDANG, "kabid-pp")]
    drive(run, start=START + timedelta(days=1))
    assert set(Task.objects.filter(run=run, actor=BIDANG).values_list("position__code", flat=True)) == {"kabid-pp"}
    assert verify_run(run) == []


def test_the_start_form_offers_the_choice_and_passes_it_on(revision_named, login):
    renja = revision_named("Renja")
    pm, pp = Position.objects.get(code="kabid-pm"), Position.objects.get(code="kabid-pp")
    sop_services.actor_map(sop=renja.sop, actor=BIDANG, positions=[pm, pp], mode=ActorMapping.Mode.DIPILIH,
                           user=user("admin"))
    client = login("admin")
    page = client.get(reverse("run_start")).content.decode()
    assert f"{BIDANG} — untuk SOP {renja.nama}" in page
    field = next(name for name in page.split('name="')[1:] if name.startswith(f"chosen_{renja.pk}_")).split('"')[0]
    data = {"revision": renja.pk, "purpose": "Penyusunan Renja 2027", "year": 2027}
    refused = client.post(reverse("run_start"), data).content.decode()
    assert "Kepala Bidang Pelayanan Perizinan" in refused and not Run.objects.exists()
    response = client.post(reverse("run_start"), {**data, field: pp.pk})
    assert response.status_code == 302
    assert Run.objects.get().chosen_positions == {BIDANG: pp.pk}


def test_a_run_cannot_start_while_actors_await_confirmation(revision_named, login):
    iku = revision_named("IKU")
    StepActorConfirmation.objects.filter(revision=iku, step_no__in=[3, 5]).delete()
    with pytest.raises(ValidationError) as info:
        services.run_start(revision=iku, user=user("admin"), purpose="IKU", now=START)
    message = " ".join(info.value.messages)
    assert "masih perlu dikonfirmasi" in message
    step3 = ", ".join(iku.as_core().step(3).actors)
    assert f"langkah 3 ({step3})" in message and "langkah 5 (" in message and "langkah 4" not in message
    assert not Run.objects.exists()

    client = login("admin")
    page = client.get(reverse("run_start")).content.decode()
    assert 'data-testid="unconfirmed-sops"' in page
    assert f'{reverse("sop_detail", args=[iku.sop_id])}?revisi={iku.number}#konfirmasi' in page
    response = client.post(reverse("run_start"), {"revision": iku.pk, "purpose": "IKU 2027", "year": 2027})
    assert "masih perlu dikonfirmasi" in response.content.decode() and not Run.objects.exists()

    for no in (3, 5):
        sop_services.step_confirm(revision=iku, step_no=no, user=user("admin"))
    assert 'data-testid="unconfirmed-sops"' not in client.get(reverse("run_start")).content.decode()
    assert services.run_start(revision=iku, user=user("admin"), purpose="IKU", now=START).pk


def test_the_mapping_form_stores_several_positions_and_the_mode(revision_named, login):
    renja = revision_named("Renja")
    actors = list(renja.as_core().actors)
    i = actors.index(BIDANG)
    pm, pp = Position.objects.get(code="kabid-pm"), Position.objects.get(code="kabid-pp")
    ActorMapping.objects.filter(sop=renja.sop, actor=BIDANG).exclude(position=pm).delete()  # the old demo
    client = login("admin")
    response = client.post(reverse("sop_actor_mapping", args=[renja.sop_id]),
                           {"revisi": renja.number, f"actor_{i}": [pm.pk, pp.pk], f"mode_{i}": "dipilih"})
    assert response.status_code == 302
    rows = sorted(ActorMapping.objects.filter(sop=renja.sop, actor=BIDANG).values_list("position__code", "mode"))
    assert rows == [("kabid-pm", "dipilih"), ("kabid-pp", "dipilih")]
    entry = Entry.objects.filter(kind="sop.pelaksana_dipetakan").latest("position")
    assert sorted(entry.data["jabatan"].split(", ")) == sorted([pm.name, pp.name])
    assert entry.data["jabatan_sebelumnya"] == pm.name
    assert entry.data["cara"] == "dipilih"
    page = client.get(reverse("sop_detail", args=[renja.sop_id])).content.decode()
    assert f'<option value="{pp.pk}" selected>' in page
    assert '<option value="dipilih" selected>' in page
    # a bad mode is refused, naming the column, and nothing changes
    page = client.post(reverse("sop_actor_mapping", args=[renja.sop_id]),
                       {"revisi": renja.number, f"actor_{i}": [pp.pk], f"mode_{i}": "acak"}, follow=True)
    assert f"Bila beberapa jabatan: {BIDANG}" in page.content.decode()
    assert ActorMapping.objects.filter(sop=renja.sop, actor=BIDANG).count() == 2


def test_a_child_run_keeps_the_parents_chosen_position(revision_named):
    from alur.core.sop.yaml_format import load_sop_file

    admin, kadis = user("admin"), user("kadis")
    iku = revision_named("IKU")
    tim, kasub = Position.objects.get(code="tim-sakip"), Position.objects.get(code="kasubbag-ppmep")
    seed, _issues = load_sop_file("alur/sop/seeds/01-iku.yaml")
    data = dict(seed.to_dict(), nama="Pengagendaan Surat Keluar", nomor="503/99/DPM PTSP")
    data["steps"] = [dict(step, actor_confirmed=True) for step in data["steps"]]
    child = sop_services.sop_create(office=iku.sop.office, data=data, user=admin)
    for mapping in iku.sop.actor_mappings.all():
        sop_services.actor_map(sop=child.sop, actor=mapping.actor, position=mapping.position, user=admin)
    child = sop_services.revision_approve(revision=child, user=kadis)
    for sop in (iku.sop, child.sop):
        sop_services.actor_map(sop=sop, actor="Tim Sakip", positions=[tim, kasub], mode="dipilih", user=admin)
    step = next(s for s in iku.as_core().steps if any("Pengagendaan" in link for link in s.sop_links))
    text = next(link for link in step.sop_links if "Pengagendaan" in link)
    sop_services.link_confirm(revision=iku, step_no=step.no, text=text, target=child.sop, user=admin)
    run = services.run_start(revision=iku, user=admin, purpose="IKU 2026", now=START, chosen={"Tim Sakip": kasub})
    drive(run, start=START, max_transitions=8)  # up to the agenda step, which names the child SOP
    task = run.tasks.get(status="terbuka")
    started = services.child_run_start(task=task, revision=child, user=task.assignee.user, now=START + timedelta(1))
    assert started.chosen_positions == {"Tim Sakip": kasub.pk}
    assert set(Task.objects.filter(run=run, actor="Tim Sakip").values_list("position__code", flat=True)) == {
        "kasubbag-ppmep"}
