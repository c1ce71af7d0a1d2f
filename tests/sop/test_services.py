"""SOP library services and the editor's pure helpers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alur.core.sop.importer import import_text
from alur.core.sop.validate import validate_sop_dict
from alur.sop import services
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


def test_can_edit_is_per_office(demo_sops, other_office, django_user_model):
    from alur.org.models import OfficeGrant

    kadisdik = django_user_model.objects.get(username="kadisdik")
    OfficeGrant.objects.create(user=kadisdik, office=demo_sops)  # may read, never write
    assert not services.can_edit(kadisdik, demo_sops)
    assert not services.can_approve(kadisdik, demo_sops)
    assert services.can_edit(django_user_model.objects.get(username="kadis"), demo_sops)
    assert services.can_edit(django_user_model.objects.get(username="admin"), demo_sops)
    assert not services.can_approve(django_user_model.objects.get(username="admin"), demo_sops)


def test_sop_import_stores_drafts_awaiting_confirmation_and_rejects_errors(demo_office):
    result = import_text(FIXTURE.read_text(encoding="utf-8"))
    iku = services.sop_import(office=demo_office, data=result.sops[0])
    assert iku.is_draft and iku.number == 1
    assert len(unconfirmed_steps(iku)) == 9
    mekanisme = services.sop_import(office=demo_office, data=result.sops[3])  # the NIP with day 80
    assert mekanisme.data["disahkan_oleh"]["nip"] == ""  # set aside, kept as a correction
    broken = dict(result.sops[0], steps=[dict(step, next_no=12) if step["no"] == 5 else step
                                         for step in result.sops[0]["steps"]])
    with pytest.raises(ValidationError) as excinfo:
        services.sop_import(office=demo_office, data=broken)
    assert any("12 tidak ada" in m for m in excinfo.value.messages)
    assert Sop.objects.count() == 2


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
