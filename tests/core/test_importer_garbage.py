"""The importer never raises: garbage, junk bytes, empty input, huge lines, mutated seeds."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.core.sop.importer import import_text, to_sop

SEED_TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "sop-sakip-dpmptsp-tanjabbar.txt").read_text(
    encoding="utf-8"
)
SEED_LINES = SEED_TEXT.split("\n")

# Fragments that steer random text into the importer's interesting paths.
FRAGMENTS = [
    "Nomor SOP", "Nomor SOP : 503/01", "Tgl Pembuatan :", "Tanggal Revisi (Ditinjau Kembali) :",
    "Tgl Pengesahan : 31 Februari 2022", "4 Januari 2022", "Disahkan Oleh", "NIP.",
    "NIP. 19700980 199703 1 003",
    "H. YAN ERY, S.Pt, M.Si", "Nama SOP :", "Dasar Hukum :", "Kualifikasi Pelaksana :", "Keterkaitan :",
    "Peralatan/ Perlengkapan :", "PERINGATAN :", "PENCATATAN DAN PENDATAAN :", "1.", "2. ", "10", "-",
    "No", "Kegiatan", "Aktivitas", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan",
    "Kepala Dinas", "Sekretaris", "Staf", "Kasubag PPMEP", "10 Menit", "2 Jam", "1 Hari", "0 Hari", "1,5 jam",
    "bila setuju", "Jika tidak, diserahkan ke staf", "langkah 99", "melaporkan kepada", "Rapat koordinasi",
    "Memerintahkan", "Menandatangani", "SOP Caraka", "reuvi",
    "\t", "\n", "\n\n", " ", ":", "\r", "\x0c", "\xa0",
]  # fmt: skip


def _check(result):
    json.dumps(result.to_dict())
    for w in result.all_warnings():
        assert isinstance(w["line"], int) and w["line"] >= 0
        assert isinstance(w["message"], str) and w["message"]
        assert "kesalahan internal" not in w["message"], w
    for sop in result.sops:
        to_sop(sop)  # the dict is always usable by the model


text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=80).map("".join),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=40).map("\t".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_random_text_never_raises(text):
    _check(import_text(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_decoded_binary_never_raises(data):
    _check(import_text(data.decode("latin-1")))
    _check(import_text(data.decode("utf-8", errors="replace")))
    _check(import_text(data))  # bytes are decoded, not rejected


def _mutate(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 12)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(8)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = lines[i].replace("\t", " " * rng.randint(1, 3))
        elif op == 4 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + rng.choice(FRAGMENTS) + lines[i][k:]
        elif op == 5 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k + rng.randint(1, 20) :]
        elif op == 6:
            lines[i] = "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randint(0, 40)))
        else:
            lines[i] = lines[i].upper()
    return lines


def test_mutated_seed_never_raises():
    rng = random.Random(20240617)
    for _ in range(300):
        _check(import_text("\n".join(_mutate(rng, SEED_LINES))))


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_mutated_seed_hypothesis(rng):
    _check(import_text("\n".join(_mutate(rng, SEED_LINES))))


def test_empty_and_blank_input():
    for text in ("", " ", "\n\n\n", "\t\t\t", None):
        result = import_text(text)
        assert result.sops == []
        assert result.warnings and result.warnings[0]["line"] >= 1
        assert "Tidak ditemukan SOP" in result.warnings[0]["message"]


def test_huge_lines_are_fast():
    huge = [
        "1 " + " " * 200_000 + "!",
        "Nomor SOP : " + "x" * 300_000,
        "1. " + "a 2. " * 50_000,
        "\t" * 100_000,
        "No\tKegiatan\t" + "Kepala Dinas\t" * 5_000,
        "9\t" + "1 Hari\t" * 20_000,
        "Disahkan Oleh " + "YAN " * 50_000 + "NIP. " + "1" * 10_000,
    ]
    start = time.monotonic()
    for line in huge:
        _check(import_text(line))
        _check(import_text("Nomor SOP : 1\n" + line + "\n" + SEED_TEXT))
    assert time.monotonic() - start < 20


def test_unreadable_rows_are_named_by_line():
    row3 = next(line for line in SEED_LINES if line.startswith("3.\tMenyusun Konsep"))
    iku = import_text(SEED_TEXT.replace(row3, row3 + "\n\t\t@@@ ??? @@@")).sops[0]
    bad = [w for w in iku["warnings"] if w["field"] == "steps"]
    assert bad and bad[0]["line"] == 73 and "@@@ ??? @@@" in bad[0]["message"]
    assert len(iku["steps"]) == 9
    # a row broken inside: its Mutu Baku still found, the stray text reported
    split = row3.replace("Utama\t", "Utama\n\t\t@@@ ??? @@@\t", 1)
    iku = import_text(SEED_TEXT.replace(row3, split)).sops[0]
    step3 = iku["steps"][2]
    assert step3["waktu"] == {"amount": 1, "unit": "hari"}
    assert step3["output"] == "Konsep Indikator Kinerja Utama"
    assert any(w["field"] == "steps.3" and "@@@" in w["message"] and w["line"] == 73 for w in iku["warnings"])


def test_steps_without_tabs_and_missing_table():
    text = "\n".join(
        [
            "Nomor SOP : 1/2024",
            "Nama SOP : Contoh",
            "No\tKegiatan\tKepala Dinas\tStaf\tKelengkapan\tWaktu\tOutput\tKeterangan",
            "1 Memberi disposisi",
            "2\tMengetik surat\t\t\tDisposisi\t1 Minggu\tSurat\t-",
        ]
    )
    sop = import_text(text).sops[0]
    assert [s["no"] for s in sop["steps"]] == [1, 2]
    fields = {w["field"] for w in sop["warnings"]}
    assert "steps.1" in fields  # Mutu Baku unreadable
    assert "steps.2.waktu" in fields  # "1 Minggu": unit not known
    only_identity = import_text("Nomor SOP : 1/2024\nNama SOP : Contoh\n").sops[0]
    assert only_identity["steps"] == []
    assert any(w["field"] == "steps" for w in only_identity["warnings"])
