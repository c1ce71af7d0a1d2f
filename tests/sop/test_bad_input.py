"""Bad input at the SOP library's boundary: control characters and NUL, YAML alias bombs, tampered
hidden editor fields, link and search parameters. Each is refused with a message, never a 500."""

import json
import re
import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alur.core.sop.importer import import_text
from alur.sop import services
from alur.sop.demo import SEED_DIR
from alur.sop.forms import state_from_data
from alur.sop.models import Sop, SopRevision
from tests.sop.test_commands import FIXTURE
from tests.sop.test_views import form_post, start_draft

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture
def iku(revision_named):
    return revision_named("IKU")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\x7f"])
def test_editor_refuses_control_characters_naming_the_field(login, iku, char):
    client = login("admin")
    draft = start_draft(client, iku.sop)
    state = state_from_data(draft.data)
    state["nama"] = f"Penyusunan{char}IKU"
    state["steps"][2]["kegiatan"] = f"Menyusun{char}konsep"
    response = client.post(reverse("sop_revision_edit", args=[iku.sop_id, draft.number]), form_post(state))
    assert response.status_code == 422
    content = response.content.decode()
    words = f"{'karakter NUL' if char == chr(0) else 'karakter kendali'} U+{ord(char):04X}"
    assert f"Nama SOP mengandung {words} pada posisi 11" in content
    assert f"Kegiatan langkah 3 mengandung {words} pada posisi 9" in content
    assert SopRevision.objects.get(pk=draft.pk).nama == iku.nama  # nothing stored


def test_line_break_in_a_one_line_field_is_refused_but_allowed_in_keterangan(revision_named, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    iku = revision_named("IKU")
    draft = services.revision_start(sop=iku.sop, user=admin)
    steps = [dict(step) for step in draft.data["steps"]]
    steps[1]["keterangan"] = "baris satu\nbaris dua\tdengan tab"
    services.revision_update(revision=draft, data=dict(draft.data, steps=steps), user=admin)
    with pytest.raises(ValidationError) as excinfo:
        services.revision_update(revision=draft, data=dict(draft.data, nomor="800/1\n/DPM"), user=admin)
    assert any("Nomor SOP mengandung pindah baris atau tab U+000A pada posisi 6" in m for m in excinfo.value.messages)


def test_services_and_the_importer_refuse_them_so_no_export_receives_them(demo_office, revision_named,
                                                                          django_user_model):
    admin = django_user_model.objects.get(username="admin")
    iku = revision_named("IKU")
    for bad in ({"nama": "A\x01B"}, {"actors": [*iku.data["actors"][:-1], "Staf\x0b"]}):
        with pytest.raises(ValidationError):
            services.sop_create(office=demo_office, data=dict(iku.data, **bad), user=admin)
    imported = import_text(FIXTURE.read_text(encoding="utf-8")).sops[0]
    imported["steps"][0]["kegiatan"] += "\x00"
    with pytest.raises(ValidationError) as excinfo:
        services.sop_import(office=demo_office, data=imported, user=admin)
    assert any("Kegiatan langkah 1 mengandung karakter NUL U+0000" in m for m in excinfo.value.messages)
    # nothing with a control character was stored, so none of the exports can carry one
    for revision in SopRevision.objects.all():
        assert not CONTROL.search(json.dumps(revision.data, ensure_ascii=False))
    assert Sop.objects.filter(office=demo_office).count() == 6


def test_sop_validate_catches_yaml_escapes(tmp_path):
    from django.core.management import CommandError, call_command

    content = (SEED_DIR / "01-iku.yaml").read_text(encoding="utf-8")
    content = content.replace("nama: ", 'nama: "Penyusunan\\x01IKU" #', 1)  # a YAML escape, not a raw byte
    path = tmp_path / "escape.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("sop", "validate", str(path))


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    from alur.core.sop.yaml_format import load_sop_file

    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("nomor: x\nnama: y\nactors: [A]\nsteps: [*i]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    sop, issues = load_sop_file(path)
    assert time.perf_counter() - started < 1.0
    assert sop is None and "terlalu banyak alias YAML" in issues[0].message


def test_huge_yaml_text_is_refused_before_parsing():
    from alur.core.sop.yaml_format import MAX_TEXT_CHARS, load_sop_text

    sop, issues = load_sop_text("nama: " + "x" * MAX_TEXT_CHARS)
    assert sop is None and "teks terlalu panjang" in issues[0].message


@pytest.mark.parametrize("field", ["corrections", "s1-extra"])
def test_deeply_nested_hidden_json_is_a_form_error(login, iku, field):
    client = login("admin")
    draft = start_draft(client, iku.sop)
    data = form_post(state_from_data(draft.data))
    data[field] = "[" * 100_000 + "]" * 100_000 if field == "corrections" else '{"a":' * 50_000 + "1" + "}" * 50_000
    response = client.post(reverse("sop_revision_edit", args=[iku.sop_id, draft.number]), data)
    assert response.status_code == 400
    assert "Data tersembunyi formulir" in response.content.decode()


def test_nul_in_the_search_box_is_not_a_server_error(login, demo_sops):
    response = login("staf").get(reverse("sop_list"), {"q": "IKU\x00"})
    assert response.status_code == 200 and "Indikator Kinerja" in response.content.decode()
