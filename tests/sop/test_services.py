"""SOP library services and the editor's pure helpers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alur.core.sop.importer import import_text
from alur.core.sop.validate import validate_sop_dict
from alur.sop import policies, services
from alur.sop.forms import apply_op, contract_data, data_for_validation, state_from_data
from alur.sop.models import Sop, SopRevision, StepActorConfirmation
from alur.sop.selectors import unconfirmed_steps
from tests.sop.test_commands import FIXTURE


def _steps(n, decision_at=None, back_to=None):
    steps = [{"no": i + 1, "kegiatan": f"Langkah {i + 1}", "kind": "process"} for i in range(n)]
    if decision_at:
        steps[decision_at - 1].update(kind="decision", next_yes=decision_at + 1, next_no=back_to)
    return {"steps": steps}


def test_apply_op_renumbers_and_follows_decision_targets():
    state = _steps(6, decision_at=4, back_to=2)
    added = apply_op(state, "add:1")  # after step 2
    assert [s["no"] for s in added["steps"]] == [1, 2, 3, 4, 5, 6, 7]
    assert added["steps"][2]["kegiatan"] == ""
    assert added["steps"][2]["actors"] == [] and added["steps"][2]["actor_confirmed"] is False
    decision = added["steps"][4]
    assert decision["kind"] == "decision" and (decision["next_yes"], decision["next_no"]) == (6, 2)

    removed = apply_op(state, "remove:1")  # the target of "Tidak" goes: the branch is emptied
    decision = removed["steps"][2]
    assert (decision["next_yes"], decision["next_no"]) == (4, None)

    moved = apply_op(state, "up:3")  # decision moves to position 3
    assert [s["kegiatan"] for s in moved["steps"]][2:4] == ["Langkah 4", "Langkah 3"]
    assert (moved["steps"][2]["next_yes"], moved["steps"][2]["next_no"]) == (5, 2)
    assert apply_op(state, "down:5")["steps"] == state["steps"]  # the last step cannot go lower
    assert apply_op(state, "bogus") is state


def test_editor_round_trip_keeps_a_seed_identical(demo_sops, revision_named):
    revision = revision_named("RENJA")
    data = data_for_validation(state_from_data(revision.data))
    assert not [i for i in validate_sop_dict(data) if i.severity == "error"]
    assert contract_data(data) == revision.data


def test_policies_are_per_office_and_a_grant_never_writes(demo_sops, other_office, django_user_model, revision_named):
    from alur.org.models import OfficeGrant

    users = django_user_model.objects
    kadisdik = users.get(username="kadisdik")
    OfficeGrant.objects.create(user=kadisdik, office=demo_sops)  # may read, never write
    iku = revision_named("IKU")
    assert not policies.can_create_sop(kadisdik, demo_sops)
    assert not policies.can_approve_revision(kadisdik, iku)
    assert not policies.can_map_actors(kadisdik, iku.sop)
    assert policies.can_edit_sop(users.get(username="kadis"), iku.sop)
    assert policies.can_edit_sop(users.get(username="admin"), iku.sop)
    assert not policies.can_edit_sop(users.get(username="staf"), iku.sop)
    assert not policies.can_approve_revision(users.get(username="admin"), iku)
    assert policies.can_approve_revision(users.get(username="kadis"), iku)


def _draft_of(revision_named, username="admin"):
    from django.contrib.auth import get_user_model

    iku = revision_named("IKU")
    return services.revision_start(sop=iku.sop, user=get_user_model().objects.get(username=username))


def _confirmed(data):
    return dict(data, steps=[dict(step, actor_confirmed=True) for step in data["steps"]])


def test_head_of_another_office_cannot_approve(revision_named, other_office, django_user_model):
    draft = _draft_of(revision_named)
    services.revision_update(revision=draft, data=_confirmed(draft.data), user=django_user_model.objects.get(
        username="admin"))
    with pytest.raises(PermissionDenied):
        services.revision_approve(revision=draft, user=django_user_model.objects.get(username="kadisdik"))
    assert SopRevision.objects.get(pk=draft.pk).is_draft


@pytest.mark.parametrize("username", ["staf", "kadisdik"])
def test_writes_refuse_who_may_not_edit(revision_named, other_office, django_user_model, username):
    users = django_user_model.objects
    outsider = users.get(username=username)
    iku = revision_named("IKU")
    draft = _draft_of(revision_named)
    with pytest.raises(PermissionDenied):
        services.sop_create(office=iku.sop.office, data=iku.data, user=outsider)
    with pytest.raises(PermissionDenied):
        services.revision_start(sop=iku.sop, user=outsider)
    with pytest.raises(PermissionDenied):
        services.revision_update(revision=draft, data=dict(draft.data, nama="Diubah"), user=outsider)
    position = users.get(username="staf").employee.holdings.first().position
    with pytest.raises(PermissionDenied):
        services.actor_map(sop=iku.sop, actor="Kepala Dinas", position=position, user=outsider)
    assert SopRevision.objects.get(pk=draft.pk).nama == iku.nama
    assert iku.sop.actor_mappings.get(actor="Kepala Dinas").position.code == "kepala-dinas"


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_sahkan_waits_for_every_actor_and_names_the_steps(revision_named, django_user_model):
    users = django_user_model.objects
    draft = _draft_of(revision_named)  # the IKU seed: every actor column awaits confirmation
    with pytest.raises(ValidationError) as excinfo:
        services.revision_approve(revision=draft, user=users.get(username="kadis"))
    assert "langkah 1, 2, 3, 4, 5, 6, 7, 8, 9 masih perlu dikonfirmasi" in excinfo.value.messages[0]
    for no in range(1, 10):
        draft = services.step_confirm(revision=draft, step_no=no, user=users.get(username="admin"))
    approved = services.revision_approve(revision=draft, user=users.get(username="kadis"))
    assert not approved.is_draft


def test_approver_jabatan_names_the_office_once(revision_named, django_user_model):
    users = django_user_model.objects
    draft = _draft_of(revision_named)
    services.revision_update(revision=draft, data=_confirmed(draft.data), user=users.get(username="admin"))
    approved = services.revision_approve(revision=draft, user=users.get(username="kadis"))
    jabatan = approved.data["disahkan_oleh"]["jabatan"]
    assert jabatan == ("Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu "
                       "Kabupaten Tanjung Jabung Barat")
    assert "Dinas Dinas" not in jabatan


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_every_sop_write_is_in_the_office_trail(revision_named, django_user_model):
    from alur.audit.models import Entry
    from alur.audit.services import verify_office

    users = django_user_model.objects
    admin, kadis = users.get(username="admin"), users.get(username="kadis")
    iku = revision_named("IKU")
    office = iku.sop.office
    before = Entry.objects.filter(office=office).count()
    created = services.sop_create(office=office, data=dict(iku.data, nama="SOP Uji"), user=admin)
    services.revision_update(revision=created, data=_confirmed(dict(iku.data, nama="SOP Uji Dua")), user=admin)
    services.actor_map(sop=created.sop, actor="Kepala Dinas",
                       position=iku.sop.actor_mappings.get(actor="Kepala Dinas").position, user=admin)
    services.step_confirm(revision=iku, step_no=3, user=admin)
    services.revision_approve(revision=created, user=kadis)
    entries = list(Entry.objects.filter(office=office).order_by("position")[before:])
    assert [e.kind for e in entries] == ["sop.dibuat", "sop.diubah", "sop.pelaksana_dipetakan",
                                         "sop.pelaksana_dikonfirmasi", "sop.disahkan"]
    assert [e.user for e in entries] == [admin, admin, admin, admin, kadis]
    assert any("Nama SOP" in change for change in entries[1].data["perubahan"])
    assert entries[4].data["jabatan"].startswith("Kepala Dinas Penanaman Modal")
    assert verify_office(office).broken is None


def test_a_refused_write_leaves_no_trail(revision_named, django_user_model):
    from alur.audit.models import Entry

    iku = revision_named("IKU")
    before = Entry.objects.filter(office=iku.sop.office).count()
    with pytest.raises(ValidationError):
        services.sop_create(office=iku.sop.office, data=dict(iku.data, steps=[]),
                            user=django_user_model.objects.get(username="admin"))
    assert Entry.objects.filter(office=iku.sop.office).count() == before


def test_sop_import_stores_drafts_awaiting_confirmation_and_rejects_errors(demo_office):
    result = import_text(FIXTURE.read_text(encoding="utf-8"))
    admin = demo_office.employees.get(user__username="admin").user
    iku = services.sop_import(office=demo_office, data=result.sops[0], user=admin)
    assert iku.is_draft and iku.number == 1
    assert len(unconfirmed_steps(iku)) == 9
    mekanisme = services.sop_import(office=demo_office, data=result.sops[3], user=admin)  # the NIP with day 80
    assert mekanisme.data["disahkan_oleh"]["nip"] == ""  # set aside, kept as a correction
    broken = dict(result.sops[0], steps=[dict(step, next_no=12) if step["no"] == 5 else step
                                         for step in result.sops[0]["steps"]])
    with pytest.raises(ValidationError) as excinfo:
        services.sop_import(office=demo_office, data=broken, user=admin)
    assert any("12 tidak ada" in m for m in excinfo.value.messages)
    assert Sop.objects.count() == 2


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_confirmations_carry_into_a_new_revision(demo_sops, revision_named, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    iku = revision_named("IKU")
    services.step_confirm(revision=iku, step_no=2, user=admin)  # approved: a record
    assert StepActorConfirmation.objects.filter(revision=iku, step_no=2).exists()
    assert [s["no"] for s in unconfirmed_steps(iku)] == [1, 3, 4, 5, 6, 7, 8, 9]
    draft = services.revision_start(sop=iku.sop, user=admin)
    assert [s["no"] for s in unconfirmed_steps(draft)] == [1, 3, 4, 5, 6, 7, 8, 9]
    draft = services.step_confirm(revision=draft, step_no=1, user=admin)  # draft: in the data
    assert draft.data["steps"][0]["actor_confirmed"] is True
    assert not StepActorConfirmation.objects.filter(revision=draft).exists()
    staf = django_user_model.objects.get(username="staf")
    with pytest.raises(PermissionDenied):
        services.step_confirm(revision=draft, step_no=3, user=staf)
    assert SopRevision.objects.get(pk=draft.pk).data["steps"][2]["actor_confirmed"] is False
