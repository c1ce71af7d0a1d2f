"""Child-SOP links: a person confirms which SOP a step's Keterangan names; runs read only those."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.core.sop.yaml_format import load_sop_file
from alur.sop import services
from alur.sop.demo import SEED_DIR, confirm_obvious_links
from alur.sop.selectors import link_proposals, linked_revisions


@pytest.fixture
def users(django_user_model):
    return django_user_model.objects


@pytest.fixture
def agenda(demo_sops, users):
    """An approved 'Pengagendaan Surat Keluar' SOP: the IKU seed's step 9 names it in Keterangan."""
    sop, _issues = load_sop_file(SEED_DIR / "01-iku.yaml")
    data = dict(sop.to_dict(), nama="Pengagendaan Surat Keluar", nomor="503/99/DPM PTSP")
    data["steps"] = [dict(step, actor_confirmed=True) for step in data["steps"]]
    draft = services.sop_create(office=demo_sops, data=data, user=users.get(username="admin"))
    return services.revision_approve(revision=draft, user=users.get(username="kadis"))


def test_only_confirmed_links_lead_to_a_child_sop(revision_named, agenda, users):
    iku = revision_named("IKU")
    assert iku.data["steps"][8]["sop_links"] == ["SOP Pengagendaan Surat Keluar", "SOP Caraka"]
    assert linked_revisions(iku, 9) == []  # a matching name is not a link
    proposals = {row["text"]: row for row in link_proposals(iku)}
    assert proposals["SOP Pengagendaan Surat Keluar"]["proposal"] == agenda.sop  # only a proposal
    assert proposals["SOP Caraka"]["proposal"] is None

    admin = users.get(username="admin")
    services.link_confirm(revision=iku, step_no=9, text="SOP Pengagendaan Surat Keluar", target=agenda.sop,
                          user=admin)
    assert linked_revisions(iku, 9) == [("SOP Pengagendaan Surat Keluar", agenda)]
    assert linked_revisions(iku, 8) == []
    entry = Entry.objects.filter(office=iku.sop.office, kind="sop.tautan_dikonfirmasi").get()
    assert entry.user == admin and entry.data["langkah"] == 9 and entry.data["sop_tujuan"] == agenda.sop_id

    # a new revision keeps the confirmed link
    draft = services.revision_start(sop=iku.sop, user=admin)
    assert draft.links.get().target == agenda.sop


def test_link_confirm_refuses_outsiders_and_links_the_step_does_not_name(revision_named, agenda, users,
                                                                         other_office):
    iku = revision_named("IKU")
    for username in ("staf", "kadisdik"):
        with pytest.raises(PermissionDenied):
            services.link_confirm(revision=iku, step_no=9, text="SOP Caraka", target=agenda.sop,
                                  user=users.get(username=username))
    with pytest.raises(ValidationError):
        services.link_confirm(revision=iku, step_no=3, text="SOP Caraka", target=agenda.sop,
                              user=users.get(username="admin"))
    with pytest.raises(ValidationError):
        services.link_confirm(revision=iku, step_no=9, text="SOP Caraka", target=iku.sop,
                              user=users.get(username="admin"))
    assert not iku.links.exists()


def test_the_demo_confirms_links_that_name_exactly_one_sop(revision_named, agenda):
    iku = revision_named("IKU")
    assert confirm_obvious_links(iku.sop.office) == 1
    assert linked_revisions(iku, 9) == [("SOP Pengagendaan Surat Keluar", agenda)]
    assert confirm_obvious_links(iku.sop.office) == 0  # once


def test_an_editor_confirms_a_link_on_the_sop_page(login, revision_named, agenda):
    iku = revision_named("IKU")
    client = login("admin")
    page = client.get(reverse("sop_detail", args=[iku.sop_id])).content.decode()
    assert 'data-testid="link-table"' in page and "usulan:" in page
    response = client.post(reverse("sop_link_confirm", args=[iku.sop_id, iku.number, 9]),
                           {"text": "SOP Pengagendaan Surat Keluar", "target": agenda.sop_id})
    assert response.status_code == 302
    assert linked_revisions(iku, 9) == [("SOP Pengagendaan Surat Keluar", agenda)]
    response = client.post(reverse("sop_link_confirm", args=[iku.sop_id, iku.number, 9]),
                           {"text": "SOP Caraka", "target": "abc"}, follow=True)
    assert "Pilih SOP tujuan dari daftar." in response.content.decode()
    assert login("staf").post(reverse("sop_link_confirm", args=[iku.sop_id, iku.number, 9]),
                              {"text": "SOP Caraka", "target": agenda.sop_id}).status_code == 403
