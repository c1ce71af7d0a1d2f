"""The six curated seed SOPs (alur/sop/seeds) against the seed text they come from."""

import re
from pathlib import Path

import pytest

from alur.core.nip import validate_nip
from alur.core.sop.model import Act, StepKind
from alur.core.sop.validate import VALIDATOR_TYPOS as KNOWN_TYPOS
from alur.core.sop.validate import format_path, parse_field_path, validate_sop_dict
from alur.core.sop.yaml_format import load_sop_file, read_yaml_data

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "alur" / "sop" / "seeds"
SOURCE = ROOT / "tests" / "fixtures" / "sop-sakip-dpmptsp-tanjabbar.txt"
KSB = "Kasubbag Perencanaan Program Monitoring Evaluasi dan Pelaporan"

# file -> (table in the seed text, steps, actor columns, approver name as spelled)
EXPECTED = {
    "01-iku.yaml": (0, 9, ["Kepala Dinas", "Sekretaris", "Perencana", "Tim Sakip", "Staf"],
                    "H. YAN ERY, S.Pt, M.Si"),
    "02-renja.yaml": (1, 11, ["Kepala Dinas", "Sekretaris Dinas", "Perencana", "Staf Perencanaan",
                              "Bidang-Bidang Lain"], "DPM H. YAN MERY S.Pt, M.Si"),
    "03-renstra.yaml": (5, 11, ["Kepala Dinas", "Sekretaris Dinas", KSB, "Staf Kasubbag PPMEP",
                                "Bidang-Bidang Lain"], "H. YANERY, S.Pt, M.Si"),
    "04-lakip.yaml": (2, 10, ["Kepala Dinas", "Sekretaris Dinas", KSB,
                              "Staf Subbag Perencanaan Program Monitoring Evaluasi dan Pelaporan",
                              "Bidang-Bidang Terkait"], "H. YAN ERY, S.Pt, M.Si"),
    "05-lkjip.yaml": (4, 10, ["Kepala Dinas", "Sekretaris Dinas", KSB, "Staf Kasubbag PPMEP",
                              "Bidang-Bidang Lain"], "H. YAN ERY, S.Pt, M.Si"),
    "06-pengumpulan-data-kinerja.yaml": (3, 10, ["Kepala Dinas", "Sekretaris Dinas", KSB,
                                                 "Analisis Perencanaan Evaluasi dan Pelaporan",
                                                 "Bidang-Bidang Lain"], "H. YAN ERY, S.Pt, M.Si"),
}
JABATAN = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Tanjung Jabung Barat"


def source_tables():
    """Rows of the six flow tables: [no, kegiatan, kelengkapan, waktu, output, keterangan?]."""
    tables, row = [], None
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        if line.startswith("No\t"):
            tables.append([])
            row = None
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if tables and re.match(r"^\d+\.?\t", line):
            row = cells
            tables[-1].append(row)
        elif tables and line.startswith("\t") and cells and row is not None and len(row) < 6:
            row.extend(cells)  # a row split by a page break (RENJA step 8)
    return tables


TABLES = source_tables()


def raw(name):
    return read_yaml_data((SEEDS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def seed(request):
    sop, issues = load_sop_file(SEEDS / request.param)
    return request.param, sop, issues


def test_exactly_the_six_seed_files():
    assert sorted(p.name for p in SEEDS.glob("*.yaml")) == sorted(EXPECTED)
    assert len(TABLES) == 6


# The seed's typos, kept as written and flagged (issue 18 item 12: flag, don't change).
FLAGGED_TYPOS = {
    "01-iku.yaml": {("dasar_hukum[2]", "reuvi"), ("steps[8].kegiatan", "manggandakan")},
    "02-renja.yaml": {("dasar_hukum[2]", "reuiv"), ("kualifikasi_pelaksana[1]", "DPMPSTP")},
    "03-renstra.yaml": set(),
    "04-lakip.yaml": {("dasar_hukum[2]", "reuiu"), ("steps[7].kegiatan", "Meneima")},
    "05-lkjip.yaml": {("steps[7].kegiatan", "LKjLP"), ("steps[8].kegiatan", "LKjLP"),
                      ("steps[8].kegiatan", "DPMPSTSP"), ("steps[9].kegiatan", "LKjLP")},
    "06-pengumpulan-data-kinerja.yaml": {("dasar_hukum[2]", "reuvi"), ("steps[8].kegiatan", "DPMPSTP"),
                                         ("steps[9].kegiatan", "Kenerja")},
}


def test_loads_without_errors_and_flags_exactly_the_seed_typos(seed):
    name, sop, issues = seed
    assert sop is not None, [str(i) for i in issues if i.is_error]
    flagged = {(i.field, i.message.split("'")[1]) for i in issues if "salah ketik" in i.message}
    assert flagged == FLAGGED_TYPOS[name]
    assert all(not i.is_error for i in issues if "salah ketik" in i.message)


def test_typos_keep_the_seed_spelling(seed):
    name, sop, _ = seed
    text = SOURCE.read_text(encoding="utf-8")
    for _field, word in FLAGGED_TYPOS[name]:
        assert word in text
    assert not [c for step in sop.steps for c in step.corrections]


def test_identity(seed):
    name, sop, _ = seed
    _, count, actors, approver = EXPECTED[name]
    assert len(sop.steps) == count
    assert list(sop.actors) == actors
    assert sop.disahkan_oleh.jabatan == JABATAN
    assert sop.disahkan_oleh.nama == approver
    assert validate_nip(sop.disahkan_oleh.nip) == "197009301997031003"
    assert sop.pencatatan == ("Disimpan sebagai data",)
    assert len(sop.dasar_hukum) == 3 and re.search(r"tata cara (reviu|reuvi|reuiv|reuiu) atas", sop.dasar_hukum[2])
    assert sop.tanggal_pembuatan <= sop.tanggal_pengesahan


def test_cells_are_exactly_the_seed_text(seed):
    """Every cell equals the seed text, or its correction records the seed text as original."""
    name, sop, _ = seed
    rows = TABLES[EXPECTED[name][0]]
    assert len(rows) == len(sop.steps)
    for row, step in zip(rows, sop.steps, strict=True):
        cells = row[1:] + [""] * (6 - len(row))
        expected = dict(zip(["kegiatan", "kelengkapan", "waktu", "output", "keterangan"],
                            ["" if c == "-" else c for c in cells[:5]], strict=True))
        assert int(row[0].rstrip(".")) == step.no
        originals = dict(step.corrections)
        for field, text in expected.items():
            value = str(step.waktu) if field == "waktu" else getattr(step, field)
            assert originals.get(field, value) == text, (name, step.no, field)
        for field, original in step.corrections:
            assert getattr(step, field) != original


def test_every_step_has_an_inferred_unconfirmed_actor(seed):
    name, sop, _ = seed
    for step in sop.steps:
        assert step.actors and set(step.actors) <= set(sop.actors)
        assert len(step.actor_reason) > 20 and step.actor_confirmed is False
    assert {a for s in sop.steps for a in s.actors} == set(sop.actors)


def test_flow_shape(seed):
    name, sop, _ = seed
    assert sop.steps[0].kind == sop.steps[-1].kind == StepKind.TERMINATOR
    assert sop.steps[0].act == Act.DISPOSISI and sop.steps[0].actors == ("Kepala Dinas",)
    assert any(s.act == Act.TANDA_TANGAN and s.actors == ("Kepala Dinas",) for s in sop.steps)
    for step in sop.steps:
        if step.is_decision:
            assert step.act == Act.PERIKSA
            assert step.next_yes == step.no + 1 or step.next_yes == step.no + 2
            assert step.next_no is not None and step.next_no != step.no


def test_iku_step_5_is_the_decision_back_to_the_typist():
    sop, _ = load_sop_file(SEEDS / "01-iku.yaml")
    step = sop.step(5)
    assert step.kind == StepKind.DECISION
    assert (step.next_yes, step.next_no) == (6, 4)
    assert sop.step(4).kegiatan.startswith("Mengetik") and sop.step(4).actors == ("Staf",)
    assert sop.successors(5) == (6, 4)
    assert [s.no for s in sop.steps if s.is_decision] == [5]


@pytest.mark.parametrize(
    ("name", "decisions"),
    [
        ("02-renja.yaml", {7: (8, 6), 9: (10, 7)}),
        ("03-renstra.yaml", {7: (8, 6), 9: (10, 7)}),
        ("04-lakip.yaml", {7: (8, 6)}),
        ("05-lkjip.yaml", {5: (7, 6)}),
        ("06-pengumpulan-data-kinerja.yaml", {5: (7, 6)}),
    ],
)
def test_review_steps_that_allow_correction_are_decisions(name, decisions):
    sop, _ = load_sop_file(SEEDS / name)
    assert {s.no: (s.next_yes, s.next_no) for s in sop.steps if s.is_decision} == decisions


def test_iku_links_other_sops_keeping_keterangan():
    sop, _ = load_sop_file(SEEDS / "01-iku.yaml")
    last = sop.steps[-1]
    assert last.keterangan == "SOP Pengagen surat keluar dan SOP Caraka"
    assert last.sop_links == ("SOP Pengagendaan Surat Keluar", "SOP Caraka")
    assert last.act == Act.AGENDA


def test_sop_level_corrections_keep_the_seed_text():
    expected = {
        "05-lkjip.yaml": {"actors[4]": "Bidang- Bidang Lain"},
        "06-pengumpulan-data-kinerja.yaml": {"disahkan_oleh.nip": "19700980 199703 1 003"},
    }
    for name in EXPECTED:
        corrections = {c["field"]: c["original"] for c in raw(name).get("corrections", [])}
        assert corrections.keys() == expected.get(name, {}).keys(), name
        for field, fragment in expected.get(name, {}).items():
            assert fragment in corrections[field]
            assert fragment in SOURCE.read_text(encoding="utf-8")


def test_putting_an_original_back_is_flagged():
    """Every corrected typo is something the validator catches at that field."""
    for name in EXPECTED:
        data = raw(name)
        targets = [(parse_field_path(c["field"]), c["original"]) for c in data.get("corrections", [])]
        targets += [(("steps", i, c["field"]), c["original"])
                    for i, s in enumerate(data["steps"]) for c in s.get("corrections", [])]
        for path, original in targets:
            broken = raw(name)
            node = broken
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = original
            fields = {i.field for i in validate_sop_dict(broken, name)}
            assert format_path(path) in fields, (name, path, fields)


def test_known_typos_cover_the_seed():
    text = SOURCE.read_text(encoding="utf-8").lower()
    for typo in ("reuvi", "reuiv", "reuiu"):
        assert typo in text and KNOWN_TYPOS[typo] == "reviu"
