"""Which step produces which document is data (`StepDocument`): seeded for the seed SOPs, carried
into a new revision by what each step is (kegiatan and output), rebound by a person on the trail."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.audit.sentences import describe
from alur.documents import bindings
from alur.documents.mapping import document_for, kind_of_run
from alur.documents.models import StepDocument
from alur.sop import services as sop_services
from alur.sop.forms import apply_op

pytestmark = pytest.mark.django_db


def _user(username):
    return get_user_model().objects.get(username=username)


def _bound(revision):
    return dict(StepDocument.objects.filter(revision=revision).values_list("step_no", "kind"))


def test_the_seed_sops_are_bound_as_the_old_name_table_said(revision_named):
    assert _bound(revision_named("IKU")) == {3: "iku", 4: "iku"}
    assert _bound(revision_named("RENJA")) == dict.fromkeys(range(2, 7), "renja")
    assert _bound(revision_named("Pengumpulan Data Kinerja")) == {3: "data_kinerja"}
    assert set(_bound(revision_named("LkjIP")).values()) == {"lkjip"}
    lakip = revision_named("LAKIP")
    assert document_for(lakip, 2) == "lkjip" and document_for(lakip, 1) is None and kind_of_run(lakip) == "lkjip"


def test_renaming_the_sop_and_moving_a_step_keeps_the_generator(revision_named):
    iku = revision_named("IKU")
    admin = _user("admin")
    draft = sop_services.revision_start(sop=iku.sop, user=admin)
    assert _bound(draft) == {3: "iku", 4: "iku"}  # carried into the new draft
    moved = apply_op(dict(draft.data), "up:2")  # step 3 ("Menyusun Konsep IKU") moves to position 2
    data = dict(moved, nama="Penetapan Ukuran Kinerja Utama Dinas")  # no longer matches any old name fragment
    draft = sop_services.revision_update(revision=draft, data=data, user=admin)
    assert draft.data["steps"][1]["kegiatan"] == iku.data["steps"][2]["kegiatan"]
    assert _bound(draft) == {2: "iku", 4: "iku"}
    assert document_for(draft, 2) == "iku" and document_for(draft, 3) is None


def test_a_changed_step_is_left_unbound_in_the_next_revision(revision_named):
    iku = revision_named("IKU")
    admin = _user("admin")
    draft = sop_services.revision_start(sop=iku.sop, user=admin)
    data = dict(draft.data)
    data["steps"] = [dict(step, output="Konsep IKU versi baru") if step["no"] == 4 else step for step in data["steps"]]
    draft = sop_services.revision_update(revision=draft, data=data, user=admin)
    assert _bound(draft) == {3: "iku"}
    rows = {row.no: row for row in bindings.step_rows(draft)}
    assert rows[4].binding is None and rows[3].title == "Dokumen Indikator Kinerja Utama"
    assert _bound(iku) == {3: "iku", 4: "iku"}  # the approved revision keeps its own


def test_binding_a_step_is_for_sop_editors_and_on_the_trail(revision_named):
    iku = revision_named("IKU")
    with pytest.raises(PermissionDenied):
        bindings.bind_step(revision=iku, step_no=4, kind="pk", user=_user("staf"))
    admin = _user("admin")
    with pytest.raises(ValidationError, match="tidak dikenal"):
        bindings.bind_step(revision=iku, step_no=4, kind="tidak-ada", user=admin)
    with pytest.raises(ValidationError, match="Langkah 40"):
        bindings.bind_step(revision=iku, step_no=40, kind="iku", user=admin)
    binding = bindings.bind_step(revision=iku, step_no=8, kind="iku", user=admin)
    assert binding.confirmed_by == admin and document_for(iku, 8) == "iku"
    entry = Entry.objects.filter(office=iku.sop.office, kind="dokumen.langkah.dihubungkan").latest("position")
    assert entry.user == admin and (entry.data["langkah"], entry.data["dokumen"], entry.data["sebelumnya"]) == (
        8, "iku", None)
    assert describe(entry.kind, entry.data).startswith("menghubungkan langkah 8 SOP")
    assert bindings.bind_step(revision=iku, step_no=4, kind=None, user=admin) is None
    assert _bound(iku) == {3: "iku", 8: "iku"}
    entry = Entry.objects.filter(office=iku.sop.office, kind="dokumen.langkah.dihubungkan").latest("position")
    assert entry.data["sebelumnya"] == "iku" and describe(entry.kind, entry.data).startswith("melepas langkah 4")


def test_the_page_lists_the_steps_and_binds_one(login, revision_named):
    iku = revision_named("IKU")
    url = reverse("documents:step_documents", args=[iku.pk])
    page = login("staf").get(url).content.decode()
    assert page.count('data-testid="step-document-row"') == len(iku.data["steps"])
    assert page.count('data-testid="step-bound"') == 2 and 'data-testid="bind-step"' not in page
    assert login("staf").post(url, {"step": 8, "kind": "iku"}).status_code == 403
    client = login("admin")
    assert 'data-testid="bind-step"' in client.get(url).content.decode()
    assert client.post(url, {"step": 8, "kind": "iku"}).status_code == 302
    assert document_for(iku, 8) == "iku"
    assert client.post(url, {"step": "x"}).status_code == 400
    sop_page = client.get(reverse("sop_detail", args=[iku.sop_id])).content.decode()
    assert url in sop_page
