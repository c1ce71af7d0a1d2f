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
