"""The SOP library pages: reading, downloads, permissions, the editor, sahkan and the history."""

import io

import docx
import pytest
from django.urls import reverse

from alur.sop.forms import state_from_data
from alur.sop.models import ActorMapping, Sop, SopRevision, StepActorConfirmation

pytestmark = pytest.mark.django_db


def form_post(state: dict, op: str = "save") -> dict:
    """What the editor form posts for an editor state (see alur/sop/forms.py)."""
    import json

    data = {
        "op": op,
        "nomor": state["nomor"],
        "nama": state["nama"],
        "actors": "\n".join(state["actors"]),
        "corrections": json.dumps(state.get("corrections") or []),
        "step_count": str(len(state["steps"])),
    }
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan"):
        data[key] = state.get(key) or ""
    for key in ("jabatan", "nama", "nip"):
        data[f"approver_{key}"] = (state.get("disahkan_oleh") or {}).get(key, "")
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"):
        data[key] = "\n".join(state.get(key) or [])
    for i, step in enumerate(state["steps"]):
        p = f"s{i}-"
        for key in ("kegiatan", "kind", "act", "kelengkapan", "output", "keterangan"):
            data[p + key] = step.get(key) or ""
        data[p + "waktu"] = step.get("waktu") or ""
        data[p + "actors"] = list(step.get("actors") or [])
        data[p + "next_yes"] = "" if step.get("next_yes") is None else str(step["next_yes"])
        data[p + "next_no"] = "" if step.get("next_no") is None else str(step["next_no"])
        if step.get("actor_confirmed"):
            data[p + "actor_confirmed"] = "1"
        data[p + "extra"] = json.dumps({"actor_reason": step.get("actor_reason", ""),
                                        "sop_links": step.get("sop_links", []),
                                        "corrections": step.get("corrections", []),
                                        "keterangan_asal": step.get("_keterangan_asal", "")})
    return data


@pytest.fixture
def iku(revision_named):
    return revision_named("IKU")


def start_draft(client, sop) -> SopRevision:
    response = client.post(reverse("sop_revision_new", args=[sop.pk]))
    assert response.status_code == 302
    return sop.draft()


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_staf_reads_the_library_and_the_official_document(login, iku):
    client = login("staf")
    response = client.get(reverse("sop_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Penyusunan Indikator Kinerja (IKU)" in content
    assert "9 perlu dikonfirmasi" in content
    assert "text-bg-warning" not in content  # approved SOPs: no yellow badge beside "Disahkan"
    assert "SOP baru" not in content
    response = client.get(reverse("sop_list"), {"q": "renja"}, HTTP_HX_REQUEST="true")
    assert "RENJA" in response.content.decode() and "IKU" not in response.content.decode()

    response = client.get(reverse("sop_detail", args=[iku.sop_id]))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('data-testid="flow-row"') == 9
    assert content.count('data-kind="decision"') == 1
    assert "sop/document.css" in content
    assert "3 Hari, 1 Jam, 50 Menit" in content  # total standard time
    for fmt in ("pdf", "docx", "svg", "bpmn"):
        assert reverse("sop_download", args=[iku.sop_id, fmt]) in content
    assert 'data-testid="history-item"' in content
    # staf sees no authoring buttons and no confirm buttons
    for testid in ("new-revision", "approve", "confirm-step", "mapping-form"):
        assert f'data-testid="{testid}"' not in content
    assert 'data-testid="mapping-table"' in content


def test_steps_per_page(login, iku):
    client = login("staf")
    content = client.get(reverse("sop_detail", args=[iku.sop_id]), {"per_halaman": "5"}).content.decode()
    assert "Halaman alur 1 dari 2" in content
    assert "per_halaman=5" in content  # the download links follow the choice


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_staf_cannot_author(login, iku):
    client = login("staf")
    sop_id = iku.sop_id
    assert client.get(reverse("sop_new")).status_code == 403
    assert client.post(reverse("sop_revision_new", args=[sop_id])).status_code == 403
    assert client.get(reverse("sop_revision_edit", args=[sop_id, 1])).status_code == 403
    assert client.post(reverse("sop_revision_approve", args=[sop_id, 1])).status_code == 403
    assert client.post(reverse("sop_actor_mapping", args=[sop_id])).status_code == 403
    assert client.post(reverse("sop_step_confirm", args=[sop_id, 1, 1])).status_code == 403
    assert SopRevision.objects.filter(sop_id=sop_id).count() == 1
    assert not StepActorConfirmation.objects.exists()


def test_other_office_gets_404(login, iku, other_office):
    client = login("kadisdik")
    sop_id = iku.sop_id
    assert client.get(reverse("sop_detail", args=[sop_id])).status_code == 404
    for fmt in ("pdf", "docx", "svg", "bpmn"):
        assert client.get(reverse("sop_download", args=[sop_id, fmt])).status_code == 404
    assert client.post(reverse("sop_revision_new", args=[sop_id])).status_code == 404
    assert client.get(reverse("sop_revision_edit", args=[sop_id, 1])).status_code == 404
    assert client.post(reverse("sop_revision_approve", args=[sop_id, 1])).status_code == 404
    assert "IKU" not in client.get(reverse("sop_list")).content.decode()


def test_downloads(login, iku):
    client = login("staf")
    expected = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "svg": "image/svg+xml",
        "bpmn": "application/xml",
    }
    for fmt, content_type in expected.items():
        response = client.get(reverse("sop_download", args=[iku.sop_id, fmt]))
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="SOP-iku-revisi-1.{fmt}"'
        body = response.content
        if fmt == "pdf":
            assert body.startswith(b"%PDF")
        elif fmt == "docx":
            assert docx.Document(io.BytesIO(body)).tables
        elif fmt == "svg":
            assert b"<svg" in body[:200]
        else:
            assert b"bpmn" in body and b"exclusiveGateway" in body
    assert client.get(reverse("sop_download", args=[iku.sop_id, "exe"])).status_code == 404
    assert client.get(reverse("sop_download", args=[iku.sop_id, "pdf"]), {"revisi": "9"}).status_code == 404


def test_broken_decision_target_is_shown_beside_the_field_and_nothing_is_stored(login, iku):
    client = login("admin")
    draft = start_draft(client, iku.sop)
    assert draft.number == 2
    response = client.get(reverse("sop_revision_edit", args=[iku.sop_id, 2]))
    assert response.status_code == 200
    assert 'name="s4-next_no" value="4"' in response.content.decode()
    state = state_from_data(draft.data)
    state["steps"][4]["next_no"] = 12
    state["steps"][1]["kegiatan"] = "Diubah tetapi tidak tersimpan"
    response = client.post(reverse("sop_revision_edit", args=[iku.sop_id, 2]), form_post(state))
    assert response.status_code == 422
    content = response.content.decode()
    message = "Langkah tujuan 12 tidak ada."
    assert f'<div class="invalid-feedback d-block" data-testid="error-s4-next_no">{message}</div>' in content
    assert "Diubah tetapi tidak tersimpan" in content  # the user's input is kept
    draft.refresh_from_db()
    assert draft.data["steps"][4]["next_no"] == 4
    assert draft.data["steps"][1]["kegiatan"] != "Diubah tetapi tidak tersimpan"


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_edit_sahkan_and_history(login, iku, demo_sops):
    admin = login("admin")
    draft = start_draft(admin, iku.sop)
    state = state_from_data(draft.data)
    state["steps"][5]["waktu"] = "45 Menit"
    state["peringatan"] = ["Indikator kinerja tidak terukur"]
    response = admin.post(reverse("sop_revision_edit", args=[iku.sop_id, 2]), form_post(state))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["steps"][5]["waktu"] == {"amount": 45, "unit": "menit"}
    assert draft.changes == [  # compared with revision 1
        "Peringatan ditambahkan: 'Indikator kinerja tidak terukur'.",
        "Langkah 6: waktu diubah dari 30 Menit menjadi 45 Menit.",
    ]

    # the admin may edit but not approve
    assert admin.post(reverse("sop_revision_approve", args=[iku.sop_id, 2])).status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft
    detail = admin.get(reverse("sop_detail", args=[iku.sop_id]), {"revisi": 2}).content.decode()
    assert 'data-testid="approve"' not in detail

    kadis = login("kadis")
    detail = kadis.get(reverse("sop_detail", args=[iku.sop_id]), {"revisi": 2}).content.decode()
    assert 'data-testid="approve-blocked"' in detail and 'data-testid="approve"' not in detail
    assert "pelaksana langkah 1, 2, 3, 4, 5, 6, 7, 8, 9 masih perlu dikonfirmasi" in detail
    response = kadis.post(reverse("sop_revision_approve", args=[iku.sop_id, 2]), follow=True)
    assert "masih perlu dikonfirmasi" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft
    for no in range(1, 10):
        assert kadis.post(reverse("sop_step_confirm", args=[iku.sop_id, 2, no])).status_code == 302
    detail = kadis.get(reverse("sop_detail", args=[iku.sop_id]), {"revisi": 2}).content.decode()
    assert 'data-testid="approve"' in detail and 'data-testid="approve-blocked"' not in detail
    # sahkan asks first: the button opens a confirmation that says what happens, then submits
    assert 'data-testid="approve-confirm"' in detail and "tidak dapat diubah lagi" in detail
    assert "Ya, sahkan revisi 2" in detail
    response = kadis.post(reverse("sop_revision_approve", args=[iku.sop_id, 2]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SopRevision.Status.APPROVED
    assert draft.approved_by.user.username == "kadis"
    assert draft.data["disahkan_oleh"]["nama"] == "Dr. Hendra Wijaya, S.E., M.Si."
    assert iku.sop.current_revision().number == 2

    content = kadis.get(reverse("sop_detail", args=[iku.sop_id])).content.decode()
    assert content.count('data-testid="history-item"') == 2
    assert "Langkah 6: waktu diubah dari 30 Menit menjadi 45 Menit." in content
    assert "Dr. Hendra Wijaya" in content

    # approved: no more editing; a new revision copies it
    assert admin.get(reverse("sop_revision_edit", args=[iku.sop_id, 2])).status_code == 403
    draft3 = start_draft(admin, iku.sop)
    assert draft3.number == 3 and draft3.data["steps"][5]["waktu"] == {"amount": 45, "unit": "menit"}


def test_structural_buttons_change_the_form_only(login, iku):
    client = login("admin")
    draft = start_draft(client, iku.sop)
    state = state_from_data(draft.data)
    url = reverse("sop_revision_edit", args=[iku.sop_id, draft.number])
    content = client.post(url, form_post(state, op="add:1")).content.decode()
    assert content.count('data-testid="editor-step"') == 10
    assert 'name="s5-next_no" value="5"' in content  # the decision (now step 6) still goes back to its step
    assert 'data-testid="unsaved"' in content
    content = client.post(url, form_post(state, op="remove:8")).content.decode()
    assert content.count('data-testid="editor-step"') == 8
    draft.refresh_from_db()
    assert len(draft.data["steps"]) == 9


@pytest.mark.usefixtures("seeds_unconfirmed")
def test_confirm_an_inferred_actor(login, iku):
    client = login("admin")
    url = reverse("sop_step_confirm", args=[iku.sop_id, 1, 3])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="confirmed"' in response.content.decode()
    assert StepActorConfirmation.objects.filter(revision=iku, step_no=3).exists()
    content = client.get(reverse("sop_list")).content.decode()
    assert "8 perlu dikonfirmasi" in content
    # a new revision carries the confirmation in its data
    draft = start_draft(client, iku.sop)
    assert draft.data["steps"][2]["actor_confirmed"] is True
    response = client.post(reverse("sop_step_confirm", args=[iku.sop_id, draft.number, 4]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["steps"][3]["actor_confirmed"] is True


def test_actor_mapping_by_an_editor(login, iku, demo_sops):
    from alur.org.models import Position

    client = login("admin")
    position = Position.objects.get(office=demo_sops, code="kasubbag-ppmep")
    actors = iku.as_core().actors
    data = {"revisi": "1", **{f"actor_{i}": "" for i in range(len(actors))}}
    data[f"actor_{actors.index('Tim Sakip')}"] = str(position.pk)
    response = client.post(reverse("sop_actor_mapping", args=[iku.sop_id]), data)
    assert response.status_code == 302
    assert ActorMapping.objects.get(sop=iku.sop, actor="Tim Sakip").position == position


def test_new_sop_from_the_blank_editor(login, demo_office):
    client = login("kadis")
    response = client.get(reverse("sop_new"))
    assert response.status_code == 200
    from alur.sop.forms import blank_state

    state = blank_state()
    data = form_post(state)
    response = client.post(reverse("sop_new"), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Nama SOP wajib diisi." in content or "Tidak boleh kosong." in content
    assert not Sop.objects.exists()

    state.update(nomor="503 / 09 / DPM PTSP", nama="Penyusunan Perjanjian Kinerja", actors=["Kepala Dinas", "Staf"])
    state["steps"][0].update(kegiatan="Memberi disposisi", actors=["Kepala Dinas"], waktu="10 Menit")
    state["steps"][1].update(kegiatan="Menyusun dan mengarsipkan", actors=["Staf"], waktu="1 Hari")
    response = client.post(reverse("sop_new"), form_post(state))
    assert response.status_code == 302
    revision = SopRevision.objects.get()
    assert revision.is_draft and revision.nama == "Penyusunan Perjanjian Kinerja"
    assert revision.sop.office == demo_office
    assert revision.data["steps"][1]["waktu"] == {"amount": 1, "unit": "hari"}


def test_editor_says_errors_in_words_and_placeholders_are_hints(login, iku):
    client = login("admin")
    draft = start_draft(client, iku.sop)
    state = state_from_data(draft.data)
    state["steps"][0]["kind"] = "process"
    state["actors"] = []
    response = client.post(reverse("sop_revision_edit", args=[iku.sop_id, draft.number]), form_post(state))
    content = response.content.decode()
    assert response.status_code == 422
    assert "Langkah pertama harus berupa terminator (simbol awal/akhir)." in content
    assert "Daftar pelaksana tidak boleh kosong." in content
    for code in ("(actors)", "(kind: terminator)", "(kind: decision)", "(actor_reason)", "(next_yes)"):
        assert code not in content
    page = client.get(reverse("sop_new")).content.decode()
    assert 'placeholder="mis. 10 Menit"' in page and "font-style: italic" in page
    assert 'name="s0-actor_confirmed" value="1" id="id_s0-actor_confirmed">' in page  # new: unconfirmed
