from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.core.sop.model import Act, Approver, Sop, Step, StepKind, Waktu, WaktuUnit
from alur.core.sop.yaml_format import dump_sop_yaml, format_waktu, load_sop_file, load_sop_text
from tests.core.sop_samples import BASE_YAML, mutate

SEEDS = sorted((Path(__file__).parents[2] / "alur" / "sop" / "seeds").glob("*.yaml"))


def load(text):
    sop, issues = load_sop_text(text, "x.yaml")
    assert sop is not None, [str(i) for i in issues]
    return sop


def test_sample_round_trips():
    sop = load(BASE_YAML)
    text = dump_sop_yaml(sop)
    assert load(text) == sop
    assert dump_sop_yaml(load(text)) == text


def test_seed_files_round_trip():
    assert len(SEEDS) == 6
    for path in SEEDS:
        sop, _ = load_sop_file(path)
        text = dump_sop_yaml(sop)
        again = load(text)
        assert again == sop, path.name
        assert dump_sop_yaml(again) == text


def test_waktu_is_friendly_text_in_yaml_and_a_mapping_in_the_contract():
    sop = load(BASE_YAML)
    assert sop.step(1).waktu == Waktu(10, WaktuUnit.MENIT)
    assert sop.to_dict()["steps"][0]["waktu"] == {"amount": 10, "unit": "menit"}
    text = dump_sop_yaml(sop)
    assert "waktu: 10 Menit\n" in text and "waktu: 1 Jam\n" in text
    assert "amount" not in text


def test_waktu_forms_accepted():
    sop = load(mutate(BASE_YAML, "waktu: 1 Hari", "waktu: 1,5 jam"))
    assert sop.step(2).waktu == Waktu(1.5, WaktuUnit.JAM)
    sop = load(mutate(BASE_YAML, "waktu: 1 Hari", "waktu: {amount: 2, unit: hari}"))
    assert sop.step(2).waktu == Waktu(2, WaktuUnit.HARI)
    assert format_waktu(Waktu(1e20, WaktuUnit.MENIT)) == "100000000000000000000 Menit"
    assert format_waktu(Waktu(0.1, WaktuUnit.JAM)) == "0.1 Jam"


def test_nip_with_spaces_is_stored_plain():
    sop = load(mutate(BASE_YAML, "'197009301997031003'", "19700930 199703 1 003"))
    assert sop.disahkan_oleh.nip == "197009301997031003"


def test_dump_quotes_what_would_read_back_differently():
    sop = load(BASE_YAML)
    tricky = replace(
        sop,
        nama="true",
        nomor="503: 01 # bukan komentar",
        steps=(replace(sop.steps[0], kegiatan="- no", output="'kutip' \"ganda\"", keterangan="12"),)
        + sop.steps[1:],
    )
    text = dump_sop_yaml(tricky)
    assert "nip: '197009301997031003'" in text
    assert load(text) == tricky


# -- property: any well-formed Sop survives dump -> load ----------------------------------------

# Control characters are refused by the validator (tab and line breaks only in multi-line fields).
_line = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), max_size=40)
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff",
                              whitelist_characters="\t\n\r"), max_size=40)
_name = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), min_size=1,
               max_size=15)
_waktu = st.builds(
    Waktu,
    st.one_of(st.integers(1, 10_000).map(float), st.integers(1, 999).map(lambda n: n / 10)),
    st.sampled_from(list(WaktuUnit)),
)


@st.composite
def sops(draw):
    actors = draw(st.lists(_name, min_size=1, max_size=4, unique=True))
    count = draw(st.integers(2, 7))
    decision_at = draw(st.one_of(st.none(), st.integers(2, count - 1))) if count > 2 else None
    steps = []
    for no in range(1, count + 1):
        kind = StepKind.TERMINATOR if no in (1, count) else StepKind.PROCESS
        yes = back = None
        if no == decision_at:
            kind, yes, back = StepKind.DECISION, no + 1, draw(st.integers(1, no - 1))
        steps.append(
            Step(
                no=no,
                kegiatan=draw(_text.filter(bool)),
                kind=kind,
                actors=tuple(draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True))),
                act=draw(st.sampled_from(list(Act))),
                kelengkapan=draw(_text),
                waktu=draw(st.one_of(st.none(), _waktu)),
                output=draw(_text),
                keterangan=draw(_text),
                sop_links=tuple(draw(st.lists(_name, max_size=2))),
                next_yes=yes,
                next_no=back,
                actor_reason=draw(_text),
                actor_confirmed=draw(st.booleans()),
                corrections=tuple(draw(st.lists(st.tuples(st.sampled_from(["kegiatan", "output"]), _text),
                                                max_size=1))),
            )
        )
    return Sop(
        nomor=draw(_line),
        nama=draw(_line.filter(bool)),
        tanggal_pembuatan=draw(st.one_of(st.none(), st.dates())),
        tanggal_revisi=None,
        tanggal_pengesahan=None,
        disahkan_oleh=Approver(jabatan=draw(_line), nama=draw(_line), nip="197009301997031003"),
        dasar_hukum=tuple(draw(st.lists(_text, max_size=3))),
        peringatan=tuple(draw(st.lists(_text, max_size=2))),
        actors=tuple(actors),
        steps=tuple(steps),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops())
def test_any_sop_round_trips(sop):
    text = dump_sop_yaml(sop)
    again, issues = load_sop_text(text, "x.yaml")
    assert again == sop, [str(i) for i in issues]


def test_documented_example_loads():
    doc = (Path(__file__).parents[2] / "docs" / "sop-format.md").read_text(encoding="utf-8")
    example = doc.split("## A complete short example")[1].split("```yaml\n")[1].split("```")[0]
    sop, issues = load_sop_text(example, "contoh.yaml")
    assert sop is not None and len(sop.steps) == 4
    assert [i.field for i in issues] == ["steps[2].actor_confirmed"]
    assert load(dump_sop_yaml(sop)) == sop
