"""The importer keeps what the source says: a "Tgl Efektif" row becomes a date of its own, and a
known typo stays as written (flagged on the review as a likely typo, never silently corrected)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alur.core.sop.importer import import_text, to_sop
from alur.core.sop.validate import ERROR, validate_sop_dict
from alur.core.sop.yaml_format import dump_yaml_data, load_sop_text, sop_to_yaml_data

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "sop-sakip-dpmptsp-tanjabbar.txt"


def identity(*date_lines: str) -> str:
    return "\n".join([
        "PEMERINTAH KABUPATEN CONTOH",
        "Nomor SOP : 800/01/BKPSDM",
        "Tgl Pembuatan : 02 Februari 2023",
        "Tgl Revisi : -",
        *date_lines,
        "Disahkan Oleh : Kepala Badan Kepegawaian",
        "Dr. SITI AMINAH, S.E., M.M.",
        "NIP. 19800101 200501 2 001",
        "Nama SOP : Cuti Pegawai",
        "Dasar Hukum : 1. PP 11/2017",
        "Kualifikasi Pelaksana : 1. Memahami aturan cuti",
        "Keterkaitan : -",
        "Peralatan/Perlengkapan : 1. Komputer",
        "Peringatan : -",
        "Pencatatan dan Pendataan : Disimpan",
        "No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan",
        "\t\tKepala Badan\tStaf\tKelengkapan\tWaktu\tOutput\t",
        "1\tMenerima permohonan cuti\t\t\tFormulir\t1 Jam\tFormulir tercatat\t-",
        "2\tMenandatangani surat cuti\t\t\tSurat cuti\t1 Hari\tSurat cuti\t-",
    ])


def test_tgl_efektif_is_its_own_date_and_survives_the_yaml_round_trip():
    (sop,) = import_text(identity("Tgl Pengesahan : 1 Juli 2024", "Tgl Efektif : 15 Juli 2024")).sops
    assert (sop["tanggal_pengesahan"], sop["tanggal_efektif"]) == ("2024-07-01", "2024-07-15")
    core = to_sop(sop)
    assert core.tanggal_efektif == date(2024, 7, 15)
    assert core.to_dict()["tanggal_efektif"] == "2024-07-15"
    again, issues = load_sop_text(dump_yaml_data(sop_to_yaml_data(core)))
    assert not [i for i in issues if i.severity == ERROR]
    assert again == core


def test_a_combined_or_absent_efektif_label_adds_no_date():
    (combined,) = import_text(identity("Tgl Pengesahan/Efektif : 1 Juli 2024")).sops
    assert combined["tanggal_pengesahan"] == "2024-07-01" and "tanggal_efektif" not in combined
    (plain,) = import_text(identity("Tgl Pengesahan : 1 Juli 2024")).sops
    assert "tanggal_efektif" not in plain
    assert "tanggal_efektif" not in to_sop(plain).to_dict()  # stored SOPs without one are unchanged
    for sop in import_text(SEED.read_text(encoding="utf-8")).sops:  # the seed has no Tgl Efektif
        assert "tanggal_efektif" not in sop


def test_efektif_before_pengesahan_is_an_error():
    (sop,) = import_text(identity("Tgl Pengesahan : 1 Juli 2024", "Tgl Efektif : 15 Juli 2024")).sops
    data = to_sop(sop).to_dict()
    data["tanggal_efektif"] = "2024-06-30"
    errors = [i for i in validate_sop_dict(data) if i.severity == ERROR]
    assert any("Tanggal efektif" in i.message for i in errors), errors


def test_seed_typos_are_kept_as_written_and_flagged():
    sops = import_text(SEED.read_text(encoding="utf-8")).sops
    lkjip = next(s for s in sops if "LkjIP" in s["nama"])
    kegiatan = [step["kegiatan"] for step in lkjip["steps"]]
    assert any("LKjLP" in k for k in kegiatan) and any("DPMPSTSP" in k for k in kegiatan)
    messages = [w["message"] for w in lkjip["warnings"]]
    assert any("salah ketik 'LKjLP'" in m for m in messages)
    assert any("salah ketik 'DPMPSTSP'" in m for m in messages)
    core = to_sop(lkjip)  # saving the import keeps the source text too
    assert any("LKjLP DPMPSTSP" in step.kegiatan for step in core.steps)
