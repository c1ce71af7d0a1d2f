import copy
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.core.sop.validate import Issue, validate_sop_dict
from alur.core.sop.yaml_format import load_sop_file, load_sop_text, sop_to_yaml_data
from tests.core.sop_samples import BASE_YAML, line_of, mutate

STEP3 = BASE_YAML.index("  - no: 3")
STEP4 = BASE_YAML.index("  - no: 4")


def errors(text):
    sop, issues = load_sop_text(text, "iku.yaml")
    found = [i for i in issues if i.is_error]
    assert sop is None if found else sop is not None
    return found


def only_error(text, field):
    found = errors(text)
    matching = [i for i in found if i.field == field]
    assert matching, [str(i) for i in found]
    return matching[0]


def test_base_sample_is_clean():
    sop, issues = load_sop_text(BASE_YAML, "iku.yaml")
    assert sop is not None
    assert issues == []
    assert sop.step(3).next_no == 2


def test_issue_str_matches_compiler_style():
    issue = Issue("error", "iku.yaml", 42, "steps[4].next_no", "Langkah tujuan 12 tidak ada.")
    assert str(issue) == "iku.yaml:42: steps[4].next_no: Langkah tujuan 12 tidak ada."
    warning = Issue("warning", "iku.yaml", None, "", "Output kosong.")
    assert str(warning) == "iku.yaml: peringatan: Output kosong."


def test_yaml_syntax_error_has_its_line():
    text = mutate(BASE_YAML, "  - no: 2\n", "  - no: 2\n   kegiatan: [tidak ditutup\n")
    issue = errors(text)[0]
    assert issue.line is not None and abs(issue.line - line_of(text, "[tidak ditutup")) <= 1
    assert issue.message.startswith("Sintaks YAML salah")


def test_tab_indentation_is_explained():
    text = mutate(BASE_YAML, "  jabatan:", "\tjabatan:")
    issue = errors(text)[0]
    assert issue.line == line_of(text, "\tjabatan")
    assert "tab" in issue.message


def test_empty_text_and_non_mapping():
    assert errors("")[0].message == "Berkas SOP kosong."
    issue = errors("- satu\n- dua\n")[0]
    assert issue.field == "" and "pemetaan" in issue.message


def test_unknown_key_suggests_the_right_one():
    text = mutate(BASE_YAML, "    kegiatan: Mengetik konsep",
                  "    kegiatan: Mengetik konsep\n    keterangn: x")
    issue = only_error(text, "steps[1].keterangn")
    assert issue.line == line_of(text, "keterangn")
    assert "Maksudnya 'keterangan'?" in issue.message


def test_wrong_type_names_field_and_line():
    text = mutate(BASE_YAML, "kelengkapan: Disposisi", "kelengkapan: [Disposisi, Konsep]")
    issue = only_error(text, "steps[1].kelengkapan")
    assert issue.line == line_of(text, "kelengkapan: [Disposisi")
    assert issue.message == "Harus berupa teks, bukan daftar."


def test_missing_required_key_points_at_its_step():
    text = mutate(BASE_YAML, "    kegiatan: Mengetik konsep\n", "")
    issue = only_error(text, "steps[1].kegiatan")
    assert issue.line == line_of(text, "  - no: 2")
    assert issue.message == "Kegiatan wajib diisi."


def test_unknown_enum_value():
    text = mutate(BASE_YAML, "act: tanda_tangan", "act: tandatangan")
    issue = only_error(text, "steps[3].act")
    assert issue.line == line_of(text, "act: tandatangan")
    assert "'tandatangan'" in issue.message and "tanda_tangan" in issue.message


def test_steps_must_be_numbered_in_order():
    text = mutate(BASE_YAML, "  - no: 2", "  - no: 5")
    issue = only_error(text, "steps[1].no")
    assert issue.line == line_of(text, "  - no: 5")
    assert issue.message.startswith("Nomor langkah harus 2, bukan 5")


def test_actor_must_be_declared():
    text = mutate(BASE_YAML, "actors: [Staf]", "actors: [Staff]")
    issue = only_error(text, "steps[1].actors[0]")
    assert issue.line == line_of(text, "actors: [Staff]")
    assert issue.message == "Pelaksana 'Staff' tidak ada di daftar pelaksana. Maksudnya 'Staf'?"


def test_step_needs_an_actor():
    text = mutate(BASE_YAML, "actors: [Staf]", "actors: []")
    issue = only_error(text, "steps[1].actors")
    assert "paling sedikit satu pelaksana" in issue.message


def test_duplicate_declared_actor():
    text = mutate(BASE_YAML, "actors: [Kepala Dinas, Staf]", "actors: [Kepala Dinas, Staf, Staf]")
    assert "dua kali" in only_error(text, "actors[2]").message


def test_decision_target_must_exist():
    text = mutate(BASE_YAML, "next_no: 2", "next_no: 12")
    issue = only_error(text, "steps[2].next_no")
    line = line_of(text, "next_no: 12")
    assert str(issue) == f"iku.yaml:{line}: steps[2].next_no: Langkah tujuan 12 tidak ada."


def test_decision_needs_both_branches():
    text = mutate(BASE_YAML, "    next_no: 2\n", "")
    issue = only_error(text, "steps[2].next_no")
    assert issue.line == line_of(text, "  - no: 3")
    assert "Tidak" in issue.message


def test_decision_cannot_point_to_itself():
    text = mutate(BASE_YAML, "next_no: 2", "next_no: 3")
    assert "dirinya sendiri" in only_error(text, "steps[2].next_no").message


def test_only_decisions_have_branches():
    text = mutate(BASE_YAML, "    output: Konsep\n", "    output: Konsep\n    next_yes: 3\n")
    issue = only_error(text, "steps[1].next_yes")
    assert issue.line == line_of(text, "next_yes: 3")
    assert "Hanya langkah keputusan" in issue.message


def test_first_and_last_steps_are_terminators():
    text = mutate(BASE_YAML, "kind: terminator", "kind: process")
    assert only_error(text, "steps[0].kind").message.startswith("Langkah pertama harus berupa terminator")
    text = mutate(BASE_YAML, "kind: terminator", "kind: process", 2)
    text = mutate(text, "kind: process", "kind: terminator")  # first back, last stays process
    issue = only_error(text, "steps[3].kind")
    assert issue.line == line_of(text, "kind: process", STEP4)
    assert "terakhir" in issue.message


def test_terminator_in_the_middle():
    text = mutate(BASE_YAML, "    kegiatan: Mengetik konsep\n",
                  "    kegiatan: Mengetik konsep\n    kind: terminator\n")
    assert "Hanya langkah pertama dan terakhir" in only_error(text, "steps[1].kind").message


def test_unreachable_step():
    # 1 -> 2 (decision: Ya 4, Tidak 4); step 3 is never reached
    text = mutate(BASE_YAML, "  - no: 2\n    kegiatan: Mengetik konsep\n",
                  "  - no: 2\n    kegiatan: Mengetik konsep\n    kind: decision\n    act: periksa\n"
                  "    next_yes: 4\n    next_no: 4\n")
    issue = only_error(text, "steps[2]")
    assert issue.message == "Langkah 3 tidak dapat dicapai dari langkah 1."
    assert issue.line == line_of(text, "  - no: 3")


def test_last_step_unreachable_and_trap_loop():
    text = mutate(BASE_YAML, "next_yes: 4", "next_yes: 2")
    issue = only_error(text, "steps[3]")
    assert issue.message == "Langkah terakhir (4) tidak dapat dicapai dari langkah 1."
    # 1 -> 2 (decision: Ya 4, Tidak 3); 3 -> decision back to 2 or 3... 3 never reaches 4
    text = mutate(BASE_YAML, "  - no: 2\n    kegiatan: Mengetik konsep\n",
                  "  - no: 2\n    kegiatan: Mengetik konsep\n    kind: decision\n    act: periksa\n"
                  "    next_yes: 4\n    next_no: 3\n")
    text = mutate(text, "next_yes: 4\n    next_no: 2", "next_yes: 3\n    next_no: 3")
    messages = [i.message for i in errors(text)]
    assert "Dari langkah 3 alur tidak pernah sampai ke langkah terakhir (4)." in messages


def test_waktu_must_parse():
    text = mutate(BASE_YAML, "waktu: 1 Hari", "waktu: sehari")
    issue = only_error(text, "steps[1].waktu")
    assert issue.line == line_of(text, "waktu: sehari")
    assert "tidak dapat dibaca" in issue.message
    text = mutate(BASE_YAML, "waktu: 1 Hari", "waktu: 1 Minggu")
    assert "Satuan waktu" in only_error(text, "steps[1].waktu").message
    text = mutate(BASE_YAML, "waktu: 1 Hari", "waktu: 5")
    assert "'10 Menit'" in only_error(text, "steps[1].waktu").message


def test_invalid_nip_is_an_error():
    text = mutate(BASE_YAML, "'197009301997031003'", "'19700980 199703 1 003'")
    issue = only_error(text, "disahkan_oleh.nip")
    assert issue.line == line_of(text, "nip:")
    assert "Tanggal lahir 19700980 tidak valid" in issue.message


def test_unquoted_nip_gets_a_hint():
    text = mutate(BASE_YAML, "'197009301997031003'", "197009301997031003")
    assert "tanda kutip" in only_error(text, "disahkan_oleh.nip").message


def test_dates_must_be_valid_and_ordered():
    text = mutate(BASE_YAML, "tanggal_pembuatan: 2022-01-04", "tanggal_pembuatan: 2022-13-04")
    issue = only_error(text, "tanggal_pembuatan")
    assert issue.line == 3 and "TTTT-BB-HH" in issue.message
    text = mutate(BASE_YAML, "tanggal_revisi: null", "tanggal_revisi: '-'")
    assert "Kosongkan" in only_error(text, "tanggal_revisi").message
    text = mutate(BASE_YAML, "tanggal_pengesahan: 2022-01-10", "tanggal_pengesahan: 2021-12-31")
    issue = only_error(text, "tanggal_pengesahan")
    assert issue.line == 5 and "sebelum tanggal pembuatan" in issue.message
    text = mutate(BASE_YAML, "tanggal_revisi: null", "tanggal_revisi: 2021-01-01")
    assert "sebelum tanggal pembuatan" in only_error(text, "tanggal_revisi").message


def test_duplicate_key_is_an_error():
    text = mutate(BASE_YAML, "nama: Contoh SOP\n", "nama: Contoh SOP\nnama: Lain\n")
    issue = only_error(text, "nama")
    assert issue.line == 3 and "lebih dari sekali" in issue.message


def test_no_key_is_not_a_boolean():
    # YAML 1.1 reads `no:` as False; the SOP loader must not
    sop, issues = load_sop_text(mutate(BASE_YAML, "nama: Contoh SOP", "nama: no"), "x.yaml")
    assert sop is not None and sop.nama == "no"


def test_warnings_do_not_block():
    text = mutate(BASE_YAML, "output: Konsep\n", "output: ''\n")
    text = mutate(text, "dasar_hukum: [Perpres 29/2014]", "dasar_hukum: [tata cara reuvi atas LKjIP]")
    text = mutate(text, "actor_confirmed: true", "actor_confirmed: false", 1)
    sop, issues = load_sop_text(text, "x.yaml")
    assert sop is not None
    by_field = {i.field: i for i in issues}
    assert all(i.severity == "warning" for i in issues)
    assert by_field["steps[1].output"].message == "Output kosong."
    assert "'reviu'" in by_field["dasar_hukum[0]"].message
    assert by_field["dasar_hukum[0]"].line == line_of(text, "dasar_hukum")
    assert "dikonfirmasi" in by_field["steps[0].actor_confirmed"].message


def test_corrections_must_point_at_a_field():
    text = mutate(BASE_YAML, "actors: [Kepala Dinas, Staf]",
                  "corrections:\n  - field: dasar_hukum[5]\n    original: x\nactors: [Kepala Dinas, Staf]")
    issue = only_error(text, "corrections[0].field")
    assert issue.line == line_of(text, "field: dasar_hukum[5]")
    text = mutate(BASE_YAML, "    output: Konsep\n",
                  "    output: Konsep\n    corrections: [{field: nomor, original: x}]\n")
    assert "bukan kolom langkah" in only_error(text, "steps[1].corrections[0].field").message


def test_missing_file_is_an_issue(tmp_path):
    sop, issues = load_sop_file(tmp_path / "tidak-ada.yaml")
    assert sop is None and "tidak dapat dibuka" in issues[0].message
    path = tmp_path / "biner.yaml"
    path.write_bytes(b"nama: \xff\xfe\n")
    sop, issues = load_sop_file(path)
    assert sop is None and "UTF-8" in issues[0].message


def test_contract_dict_validates():
    sop, _ = load_sop_text(BASE_YAML, "x.yaml")
    data = sop.to_dict()  # waktu as {amount, unit}
    assert [i for i in validate_sop_dict(data, "db") if i.is_error] == []
    data["steps"][1]["waktu"] = {"amount": 0, "unit": "minggu"}
    fields = {i.field for i in validate_sop_dict(data, "db") if i.is_error}
    assert "steps[1].waktu" in fields


# -- never raise ---------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from(["terminator", "decision", "periksa", "10 Menit", "Staf", "2022-02-30", ""]),
)
_keys = st.one_of(
    st.sampled_from(["nomor", "nama", "steps", "actors", "no", "kegiatan", "kind", "waktu", "next_yes",
                     "next_no", "disahkan_oleh", "nip", "corrections", "field", "original",
                     "tanggal_revisi"]),
    st.text(max_size=8),
)
_junk = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(_keys, children, max_size=6)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_junk)
def test_garbage_structures_never_raise(data):
    issues = validate_sop_dict(data, "x.yaml", lambda path: None)
    assert all(isinstance(i, Issue) for i in issues)


_BASE_DATA = json.loads(json.dumps(sop_to_yaml_data(load_sop_text(BASE_YAML)[0])))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_sop_never_raises(data):
    sop_data = copy.deepcopy(_BASE_DATA)
    target = sop_data
    path = data.draw(st.lists(st.integers(min_value=0, max_value=20), max_size=3))
    for choice in path:
        if isinstance(target, dict) and target:
            key = sorted(target, key=str)[choice % len(target)]
            if isinstance(target[key], dict | list) and target[key]:
                target = target[key]
                continue
            target[key] = data.draw(_junk)
            break
        if isinstance(target, list) and target:
            index = choice % len(target)
            if isinstance(target[index], dict | list) and target[index]:
                target = target[index]
                continue
            target[index] = data.draw(_junk)
            break
    issues = validate_sop_dict(sop_data, "x.yaml")
    assert all(isinstance(i, Issue) for i in issues)
    text = yaml.safe_dump(sop_data, allow_unicode=True)
    sop, file_issues = load_sop_text(text, "x.yaml")
    assert (sop is None) == any(i.is_error for i in file_issues)
    assert not any(i.message.startswith("SOP tidak dapat dibentuk") for i in file_issues)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("latin-1")),
                 st.sampled_from([BASE_YAML[:n] for n in range(0, len(BASE_YAML), 37)])))
def test_garbage_text_never_raises(text):
    sop, issues = load_sop_text(text, "x.yaml")
    assert (sop is None) == any(i.is_error for i in issues)


def test_hostile_yaml_never_raises():
    for text in [
        "a: &a [*a]\n",
        "steps: &s [*s, *s]\nactors: *s\n",
        "[" * 5000,
        "nama: !!python/object:os.system x\n",
        "? [a, b]\n: c\n",
        "--- a\n--- b\n",
        "nama: *nothing\n",
        "nama: \x07\n",
        "steps: [{no: .inf, kegiatan: x, actors: []}]\n",
        "steps: [{no: 1, kegiatan: x, actors: [a], waktu: {amount: .inf, unit: jam}}]\nactors: [a]\n",
        "tanggal_pembuatan: !!timestamp 2020-01-01\n",
    ]:
        sop, issues = load_sop_text(text, "x.yaml")
        assert sop is None and issues and all(isinstance(i, Issue) for i in issues), text
