"""The vocabulary of step kinds, acts and Waktu units lives in alur.core.sop.model; the JSON schema,
the importer, the diff and the editor take it from there (and a new member fails here until each
says how it reads)."""

import json

from alur.core.sop import diff
from alur.core.sop.importer.actors import infer_act
from alur.core.sop.model import Act, StepKind, WaktuUnit
from alur.core.sop.validate import SCHEMA_PATH


def _schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_schema_enums_are_the_model_vocabulary():
    found = sorted(sorted(enum) for enum in _enums(_schema()))
    expected = sorted(sorted(member.value for member in vocabulary) for vocabulary in (StepKind, Act, WaktuUnit))
    assert found == expected  # the same members, and no other list hides in the schema


def _enums(node):
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"]
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


def test_every_act_and_kind_has_its_words_in_the_diff_and_the_editor():
    from alur.sop.forms import ACT_LABELS, KIND_LABELS

    assert set(diff._ACT_WORDS) == set(Act)  # noqa: SLF001 - the diff's wording table
    assert set(diff._KIND_WORDS) == set(StepKind)  # noqa: SLF001
    assert [value for value, _label in ACT_LABELS] == [a.value for a in Act]
    assert [value for value, _label in KIND_LABELS] == [k.value for k in StepKind]


def test_the_importer_infers_acts_of_the_vocabulary():
    for text in ("Mendisposisikan surat", "Mengarsipkan dokumen", "Menandatangani dokumen", "Menyusun konsep",
                 "Memeriksa konsep", "Rapat koordinasi"):
        assert Act(infer_act(text)) in Act


def test_the_schema_file_lists_the_built_in_kinds_and_the_registry_fills_it_at_load():
    from alur.core.sop import kinds

    step_act = _schema()["$defs"]["step"]["properties"]["act"]
    assert step_act["enum"] == [info.value for info in kinds.BUILT_IN] == [a.value for a in Act]
    assert set(kinds.values()) >= set(Act)


def test_a_kind_registered_from_outside_is_part_of_the_vocabulary_only_while_registered():
    from alur.core.sop import kinds
    from alur.core.sop.model import Sop

    with kinds.temporarily(kinds.KindInfo("uji_coba", "Uji coba", "uji coba")):
        assert kinds.act_of("uji_coba") == "uji_coba" and kinds.act_of("uji_coba").value == "uji_coba"
        assert diff._ACT_WORDS["uji_coba"] == "uji coba"  # noqa: SLF001
        step = {"no": 1, "kegiatan": "Menguji", "actors": ["A"], "act": "uji_coba"}
        assert Sop.from_dict({"nama": "x", "actors": ["A"], "steps": [step]}).steps[0].act == "uji_coba"
    assert "uji_coba" not in kinds.values()
    try:
        kinds.act_of("uji_coba")
    except ValueError:
        pass
    else:
        raise AssertionError("an unregistered kind was accepted")
