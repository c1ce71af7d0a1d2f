"""The text importer on the seed (six SOPs extracted from the office's Word/PDF files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alur.core.sop.importer import import_text, to_sop
from alur.core.sop.importer.actors import role_of
from alur.core.sop.importer.identity import parse_tanggal, split_items, split_name
from alur.core.sop.model import Sop, StepKind

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "sop-sakip-dpmptsp-tanjabbar.txt"

JABATAN = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Tanjung Jabung Barat"
SOP_KEYS = {
    "nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan", "disahkan_oleh",
    "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan",
    "actors", "steps", "warnings",
}  # fmt: skip
STEP_KEYS = {
    "no", "kegiatan", "kind", "actors", "actor_reason", "kelengkapan", "waktu", "output", "keterangan",
    "next_yes", "next_no",
}  # fmt: skip


@pytest.fixture(scope="module")
def result():
    return import_text(SEED.read_text(encoding="utf-8"), filename=SEED.name)


@pytest.fixture(scope="module")
def sops(result):
    return {
        s["nama"].split("(")[-1].rstrip(")").upper() if "(" in s["nama"] else "MEKANISME": s
        for s in result.sops
    }


def _messages(sop, field_prefix=""):
    return [w["message"] for w in sop["warnings"] if w["field"].startswith(field_prefix)]


def test_six_sops_in_file_order_with_their_step_counts(result):
    names = [s["nama"] for s in result.sops]
    assert names == [
        "Penyusunan Indikator Kinerja (IKU)",
        "Penyusunan Rencana Kerja (RENJA)",
        "Penyusunan Laporan Akuntabilitas Instansi Pemerintah (LAKIP)",
        "Penyusunan Mekanisme Pengumpulan Data Kinerja",
        "Penyusunan Laporan Kinerja Instansi Pemerintah (LkjIP)",
        "Penyusunan Rencana Strategis (RENSTRA)",
    ]
    assert [len(s["steps"]) for s in result.sops] == [9, 11, 10, 10, 10, 11]
    for sop in result.sops:
        assert [st["no"] for st in sop["steps"]] == list(range(1, len(sop["steps"]) + 1))
    assert result.warnings == []


def test_json_shape_is_exact(result):
    json.dumps(result.to_dict())  # serialisable
    for sop in result.sops:
        assert set(sop) == SOP_KEYS
        assert set(sop["disahkan_oleh"]) == {"jabatan", "nama", "nip"}
        for step in sop["steps"]:
            assert STEP_KEYS <= set(step)
            assert step["actor_confirmed"] is False
            assert step["actor_reason"]
        for w in sop["warnings"]:
            assert set(w) == {"line", "field", "message"}
            assert w["line"] >= 1


def test_every_waktu_parsed(result):
    for sop in result.sops:
        for step in sop["steps"]:
            assert step["waktu"] is not None, (sop["nomor"], step["no"])
        assert not [w for w in sop["warnings"] if w["field"].endswith(".waktu")]


def test_identity_fields(sops):
    iku, renja, lakip = sops["IKU"], sops["RENJA"], sops["LAKIP"]
    assert iku["nomor"] == "503 / 2021 / DPM PTSP"
    assert iku["tanggal_pembuatan"] == "2022-01-04"
    assert iku["tanggal_revisi"] is None
    assert iku["tanggal_pengesahan"] == "2022-01-04"
    assert lakip["nomor"] == "503 / 01 / DPM PTSP"
    assert lakip["tanggal_pembuatan"] == "2019-01-14"
    assert lakip["tanggal_revisi"] is None  # "-"
    assert lakip["tanggal_pengesahan"] == "2019-01-21"
    assert sops["RENSTRA"]["nomor"] == "503/ 06 /DPM PTSP"
    assert renja["actors"] == [
        "Kepala Dinas", "Sekretaris Dinas", "Perencana", "Staf Perencanaan", "Bidang-Bidang Lain",
    ]  # fmt: skip
    # the IKU heads "Kepala Dinas" on the first header row, the others on the second
    assert iku["actors"] == ["Kepala Dinas", "Sekretaris", "Perencana", "Tim Sakip", "Staf"]


def test_lists_separate_lines_and_run_together(sops):
    iku, lakip = sops["IKU"], sops["LAKIP"]
    for sop in (iku, lakip):
        assert len(sop["dasar_hukum"]) == 3
        assert sop["dasar_hukum"][0] == (
            "Peraturan Presiden Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah"
        )
        assert sop["peralatan"] == ["Komputer", "Jaringan Internet", "Data Realisasi Kegiatan"]
        assert sop["pencatatan"] == ["Disimpan sebagai data"]
        assert sop["peringatan"] == []
        assert sop["keterkaitan"][1] == "Keterkaitan OPD"
    # LAKIP: two sections side by side on one tab-separated line, items run together
    assert lakip["kualifikasi_pelaksana"] == [
        "Memiliki kemampuan pengolahan data",
        "Memahami Peraturan Perundang-undangan tentang LAKIP",
    ]
    assert lakip["keterkaitan"][0] == "SOP Prosedur Penyusunan Laporan Akuntabilitas Instansi Pemerintah"
    assert "reuiu" in lakip["dasar_hukum"][2]  # reported, not corrected


def test_approver(sops, result):
    lakip = sops["LAKIP"]
    assert lakip["disahkan_oleh"] == {
        "jabatan": JABATAN,
        "nama": "H. YAN ERY, S.Pt, M.Si",
        "nip": "197009301997031003",
    }
    mek = sops["MEKANISME"]
    assert mek["disahkan_oleh"]["nama"] == "H. YAN ERY, S.Pt, M.Si"
    assert mek["disahkan_oleh"]["nip"] == "197009801997031003"  # digits only, even though invalid
    assert mek["disahkan_oleh"]["jabatan"].endswith("Kabupaten Tanjung Jabung Barat")
    renja = sops["RENJA"]
    assert renja["disahkan_oleh"]["nama"] == "DPM H. YAN MERY S.Pt, M.Si"  # kept as written, reported
    assert renja["disahkan_oleh"]["nip"] == "197009301997031003"
    assert sops["RENSTRA"]["disahkan_oleh"]["nama"] == "H. YANERY, S.Pt, M.Si"
    iku = sops["IKU"]
    assert iku["disahkan_oleh"]["nama"] == "" and iku["disahkan_oleh"]["nip"] == ""
    assert iku["disahkan_oleh"]["jabatan"].startswith("Kepala Dinas Penanaman Modal")


def test_mutu_baku_cells(sops):
    iku = sops["IKU"]
    s1 = iku["steps"][0]
    assert (s1["kelengkapan"], s1["waktu"], s1["output"], s1["keterangan"]) == (
        "Surat Masuk", {"amount": 10, "unit": "menit"}, "Disposisi pada surat masuk", "",
    )  # fmt: skip
    s9 = iku["steps"][8]
    assert s9["output"] == "Agenda surat keluar, bukti pengiriman"
    assert s9["keterangan"] == "SOP Pengagen surat keluar dan SOP Caraka"
    assert s9["sop_links"] == ["SOP Pengagen surat keluar", "SOP Caraka"]

    # RENJA: header says Keterangan before Output; the cells run Kelengkapan, Waktu, Output, Keterangan
    renja = sops["RENJA"]
    s1 = renja["steps"][0]
    assert (s1["kelengkapan"], s1["waktu"], s1["output"], s1["keterangan"]) == (
        "Surat dari Bupati/Bapeda", {"amount": 1, "unit": "hari"}, "Disposisi", "Disposisi Kepala Dinas",
    )  # fmt: skip
    # RENJA step 8: split by a page break, its Mutu Baku on a later line; "-" is empty
    s8 = renja["steps"][7]
    assert s8["kegiatan"] == (
        "Menerima, memeriksa, memaraf Renja yang telah disusun dan melaporkan kepada kepala Dinas"
    )
    assert (s8["kelengkapan"], s8["waktu"], s8["output"], s8["keterangan"]) == (
        "Dokumen Final Renja", {"amount": 1, "unit": "hari"}, "Dokumen Final Renja", "",
    )  # fmt: skip
    s10 = renja["steps"][9]
    assert s10["kegiatan"] == "Menandatangani Dokument Renja Dinas PMPTSP Kab. Tanjab Barat"

    lakip = sops["LAKIP"]
    s2 = lakip["steps"][1]
    assert (s2["kelengkapan"], s2["waktu"], s2["output"], s2["keterangan"]) == (
        "Konsep LAKIP", {"amount": 2, "unit": "jam"}, "Konsep Lakip", "Proses Pembuatan LAKIP",
    )  # fmt: skip
    # after the page break the rows have one cell less: still read by the Waktu cell
    s7 = lakip["steps"][6]
    assert (s7["kelengkapan"], s7["waktu"], s7["output"], s7["keterangan"]) == (
        "Dokument Lakip", {"amount": 1, "unit": "jam"}, "Dokument Lakip", "",
    )  # fmt: skip
    renstra = sops["RENSTRA"]
    s11 = renstra["steps"][10]
    assert (s11["kelengkapan"], s11["output"], s11["keterangan"]) == (
        "Dokument Renstra", "Dokument Renstra dikirim", "Dokument Renstra diarsipkan",
    )  # fmt: skip
    lkjip = sops["LKJIP"]
    assert lkjip["steps"][0]["waktu"] == {"amount": 2, "unit": "hari"}
    assert lkjip["steps"][9]["waktu"] == {"amount": 20, "unit": "menit"}


def test_decision_and_kinds(sops):
    iku = sops["IKU"]
    kinds = [s["kind"] for s in iku["steps"]]
    assert kinds[0] == kinds[-1] == "terminator"
    step5 = iku["steps"][4]
    assert step5["kind"] == "decision"
    assert (step5["next_yes"], step5["next_no"]) == (6, 4)
    assert iku["steps"][3]["actors"] == ["Staf"]  # "Tidak" goes back to the staff's typing step
    for sop in sops.values():
        assert sum(s["kind"] == "decision" for s in sop["steps"]) == (1 if sop is iku else 0)
        for step in sop["steps"][1:-1]:
            if step["kind"] != "decision":
                assert step["kind"] == "process" and step["next_yes"] is None and step["next_no"] is None


def _actors(sop):
    return [s["actors"] for s in sop["steps"]]


def test_actor_heuristic_on_renja(sops):
    renja = sops["RENJA"]
    got = _actors(renja)
    assert got[0] == ["Kepala Dinas"]  # Memberi arahan/disposisi
    assert got[1] == ["Sekretaris Dinas"]  # Menerima, menelaah dan memerintahkan Perencana
    assert got[2] == ["Perencana", "Bidang-Bidang Lain"]  # koordinasi / pengumpulan bahan
    assert got[3] == ["Perencana"]  # Menerima hasil inventarisasi
    assert got[4] == ["Kepala Dinas", "Sekretaris Dinas", "Perencana", "Bidang-Bidang Lain"]  # rapat
    assert got[5] == ["Staf Perencanaan"]  # Mengetik
    assert got[6] == ["Perencana"]  # melaporkan kepada Sekretaris
    assert got[7] == ["Sekretaris Dinas"]  # memaraf … melaporkan kepada Kepala Dinas
    assert got[8] == ["Kepala Dinas"]  # receives what was reported to him
    assert got[9] == ["Kepala Dinas"]  # Menandatangani
    assert got[10] == ["Staf Perencanaan"]  # didistribusikan … diarsipkan
    acts = [s["act"] for s in renja["steps"]]
    assert acts == [
        "disposisi", "disposisi", "koordinasi", "kerja", "koordinasi", "kerja", "periksa", "paraf",
        "periksa", "tanda_tangan", "arsip",
    ]  # fmt: skip


def test_actor_heuristic_fuzzy_column_names(sops):
    kasubbag = "Kasubbag Perencanaan Program Monitoring Evaluasi dan Pelaporan"
    renstra = _actors(sops["RENSTRA"])
    # "memerintahkan Kasubag PPMEP": the Sekretaris; PPMEP then coordinates
    assert renstra[1] == ["Sekretaris Dinas"]
    assert renstra[2] == [kasubbag, "Bidang-Bidang Lain"]
    # the rapat names Kepala Dinas, Sekretaris, Para Kabid (and no column for Kasubag Umum);
    # the planning head who organises it joins
    assert renstra[4] == ["Kepala Dinas", "Sekretaris Dinas", kasubbag, "Bidang-Bidang Lain"]
    lakip = _actors(sops["LAKIP"])
    # "… dan menyampaikan kepada Kasubag PPMEP": his staff, then he receives (step 4)
    assert lakip[2] == [
        "Staf Subbag Perencanaan Program Monitoring Evaluasi dan Pelaporan",
        "Bidang-Bidang Terkait",
    ]
    assert lakip[3] == [kasubbag]
    assert lakip[6] == [kasubbag]  # Mengoreksi … melaporkan ke Sekretaris
    assert lakip[7] == ["Sekretaris Dinas"]  # Meneima, memeriksa, memaraf
    assert lakip[8] == ["Kepala Dinas"]  # ditandatangani Kepala Dinas
    iku = _actors(sops["IKU"])
    assert iku[0] == ["Kepala Dinas"] and iku[5] == ["Sekretaris"] and iku[6] == ["Kepala Dinas"]
    assert iku[8] == ["Staf"]  # Mengagendakan
    assert sops["IKU"]["steps"][8]["act"] == "agenda"
    for sop in sops.values():
        for step in sop["steps"]:
            assert step["actors"], (sop["nomor"], step["no"])
            assert set(step["actors"]) <= set(sop["actors"])


def test_warnings_flag_the_seed_defects(sops, result):
    mek = sops["MEKANISME"]
    nip = [w for w in mek["warnings"] if w["field"] == "disahkan_oleh.nip" and "tidak valid" in w["message"]]
    assert len(nip) == 1
    assert nip[0]["message"].startswith(
        "NIP 197009801997031003 tidak valid: tanggal lahir 19700980 tidak valid"
    )
    assert nip[0]["line"] == 213
    renstra_names = _messages(sops["RENSTRA"], "disahkan_oleh.nama")
    assert any(
        "Nama pengesah ditulis berbeda" in m
        and "'H. YAN ERY, S.Pt, M.Si'" in m
        and "'H. YANERY, S.Pt, M.Si'" in m
        and "503 / 01 / DPM PTSP" in m
        for m in renstra_names
    )
    renja_names = _messages(sops["RENJA"], "disahkan_oleh.nama")
    assert any("'DPM H. YAN MERY S.Pt, M.Si'" in m and "berbeda" in m for m in renja_names)
    assert any("'DPM'" in m and "stempel" in m for m in renja_names)
    assert not any("berbeda" in m for m in _messages(sops["LAKIP"], "disahkan_oleh.nama"))
    for key, typo, line in (("IKU", "reuvi", 29), ("RENJA", "reuiv", 101), ("LAKIP", "reuiu", 167)):
        found = [w for w in sops[key]["warnings"] if f"'{typo}'" in w["message"]]
        assert found and found[0]["field"] == "dasar_hukum.3" and found[0]["line"] == line
        assert "'reviu'" in found[0]["message"]
    assert not any("reviu" in m and "salah ketik" in m for m in _messages(sops["RENSTRA"]))
    # review steps that may send back without an explicit Ya/Tidak are pointed out
    renja_kind = [w["field"] for w in sops["RENJA"]["warnings"] if w["field"].endswith(".kind")]
    assert renja_kind == ["steps.7.kind", "steps.9.kind"]
    iku = sops["IKU"]
    assert not [w for w in iku["warnings"] if w["field"].endswith(".kind")]
    assert {"disahkan_oleh.nama", "disahkan_oleh.nip", "peringatan"} <= {w["field"] for w in iku["warnings"]}
    for sop in result.sops:
        assert not any("tidak berurutan" in m or "tidak dapat dibaca" in m for m in _messages(sop))
        assert not any("kesalahan internal" in m for m in _messages(sop))


def test_to_sop_builds_the_model(result):
    for data in result.sops:
        sop = to_sop(data)
        assert isinstance(sop, Sop)
        assert len(sop.steps) == len(data["steps"])
        assert sop.steps[0].kind == StepKind.TERMINATOR
    iku = to_sop(result.sops[0])
    assert iku.successors(5) == (6, 4)
    assert iku.step(9).sop_links == ("SOP Pengagen surat keluar", "SOP Caraka")
    assert str(iku.step(1).waktu) == "10 Menit"
    assert iku.tanggal_pembuatan.isoformat() == "2022-01-04"


def test_step_out_of_sequence_and_unreadable_waktu_are_reported():
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("4.\tMengetik konsep", "14.\tMengetik konsep").replace(
        "\t20 Menit\t", "\tdua puluh menit\t"
    )
    iku = import_text(text).sops[0]
    assert any("tidak berurutan" in w["message"] and w["field"] == "steps.14" for w in iku["warnings"])
    bad = [w for w in iku["warnings"] if w["field"] == "steps.2.waktu"]
    assert bad and "'dua puluh menit'" in bad[0]["message"] and bad[0]["line"] == 71
    step2 = iku["steps"][1]
    assert step2["waktu"] is None and step2["kelengkapan"] == "Disposisi pada surat masuk"
    assert step2["output"] == "Disposisi pada surat masuk"


def test_label_variants_and_same_line_approver():
    text = "\n".join(
        [
            "PEMERINTAH KABUPATEN CONTOH",
            "No. SOP\t: 800/01/BKPSDM",
            "Tanggal Pembuatan : 02 Februari 2023",
            "Tanggal Revisi (Ditinjau Kembali) : 5 Mei 2024",
            "TGL. Pengesahan/Efektif : 1 Juli 2024",
            "Disahkan Oleh : Plt. Kepala Badan Kepegawaian",
            "Dr. SITI AMINAH, S.E., M.M.",
            "NIP. 19800101 200501 2 001",
            "Judul SOP : Cuti Pegawai",
            "Dasar Hukum : 1. PP 11/2017 2. Perka BKN 24/2017",
            "Kualifikasi Pelaksanaan :",
            "- Memahami aturan cuti",
            "Persyaratan/Kelengkapan :",
            "1. Komputer",
            "Peringatan : -",
            "Pencatatan dan Pendataan : Disimpan",
            "No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan",
            "\t\tKepala Badan\tStaf\tKelengkapan\tWaktu\tOutput\t",
            "1\tMenerima permohonan cuti\t\t\tFormulir\t1 Jam\tFormulir tercatat\t-",
            "2\tMenandatangani surat cuti\t\t\tSurat cuti\t1 Hari\tSurat cuti\t-",
        ]
    )
    sop = import_text(text).sops[0]
    assert sop["nomor"] == "800/01/BKPSDM"
    assert sop["nama"] == "Cuti Pegawai"
    assert (sop["tanggal_pembuatan"], sop["tanggal_revisi"], sop["tanggal_pengesahan"]) == (
        "2023-02-02", "2024-05-05", "2024-07-01",
    )  # fmt: skip
    assert sop["disahkan_oleh"] == {
        "jabatan": "Plt. Kepala Badan Kepegawaian",
        "nama": "Dr. SITI AMINAH, S.E., M.M.",
        "nip": "198001012005012001",
    }
    assert sop["dasar_hukum"] == ["PP 11/2017", "Perka BKN 24/2017"]
    assert sop["kualifikasi_pelaksana"] == ["Memahami aturan cuti"]
    assert sop["peralatan"] == ["Komputer"]
    assert sop["peringatan"] == []
    assert sop["pencatatan"] == ["Disimpan"]
    assert sop["actors"] == ["Kepala Badan", "Staf"]
    assert [s["waktu"] for s in sop["steps"]] == [{"amount": 1, "unit": "jam"}, {"amount": 1, "unit": "hari"}]
    assert sop["steps"][1]["actors"] == ["Kepala Badan"]
    assert not [w for w in sop["warnings"] if w["field"].startswith(("tanggal", "disahkan", "nomor", "nama"))]


def test_helpers():
    assert parse_tanggal("4 Januari 2022")[0].isoformat() == "2022-01-04"
    assert parse_tanggal("21 Agt 2019")[0].isoformat() == "2019-08-21"
    assert parse_tanggal("-") == (None, None)
    assert parse_tanggal("31 Februari 2022")[0] is None and parse_tanggal("31 Februari 2022")[1]
    assert split_items("1. a b 2. c 3. d") == [(True, "a b"), (True, "c"), (True, "d")]
    assert split_items("Nomor 8 Tahun 2006 dan 2. x") == [(False, "Nomor 8 Tahun 2006 dan 2. x")]
    assert split_name("Kepala Dinas X Kabupaten Y  H. YAN ERY, S.Pt, M.Si") == (
        "Kepala Dinas X Kabupaten Y", "H. YAN ERY, S.Pt, M.Si",
    )  # fmt: skip
    assert role_of("Staf Kasubbag PPMEP") == "staf"
    assert role_of("Kasubbag Perencanaan Program Monitoring Evaluasi dan Pelaporan") == "kasubbag"
    assert role_of("Analisis Perencanaan Evaluasi dan Pelaporan") == "perencana"
    assert role_of("Bidang-Bidang Lain") == "bidang"


CURATED = Path(__file__).resolve().parents[2] / "alur" / "sop" / "seeds"


def _original(corrections, field, value):
    """The seed's text of a curated field: its `corrections` original if it was corrected."""
    for name, original in corrections:
        if name == field:
            return original
    return value


@pytest.mark.skipif(not list(CURATED.glob("*.yaml")), reason="curated seeds not present")
def test_import_matches_curated_seed_yaml(result):
    yaml = pytest.importorskip("yaml")
    yaml_format = pytest.importorskip("alur.core.sop.yaml_format")
    imported = {s["nomor"]: s for s in result.sops}
    files = sorted(CURATED.glob("*.yaml"))
    assert len(files) == len(result.sops) == 6
    for path in files:
        curated, issues = yaml_format.load_sop_file(path)
        assert curated is not None, (path.name, [str(i) for i in issues])
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        top = [(c["field"], c["original"]) for c in raw.get("corrections") or ()]
        got = imported[curated.nomor]
        assert got["nama"] == _original(top, "nama", curated.nama), path.name
        for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan"):
            value = getattr(curated, key)
            assert got[key] == (value.isoformat() if value else None), (path.name, key)
        for key in (
            "dasar_hukum",
            "kualifikasi_pelaksana",
            "keterkaitan",
            "peralatan",
            "peringatan",
            "pencatatan",
        ):
            expected = [_original(top, f"{key}[{i}]", v) for i, v in enumerate(getattr(curated, key))]
            assert got[key] == expected, (path.name, key)
        assert got["actors"] == [_original(top, f"actors[{i}]", a) for i, a in enumerate(curated.actors)]
        assert [s["no"] for s in got["steps"]] == [s.no for s in curated.steps], path.name
        for step, want in zip(got["steps"], curated.steps, strict=True):
            for key in ("kegiatan", "kelengkapan", "output", "keterangan"):
                assert step[key] == _original(want.corrections, key, getattr(want, key)), (
                    path.name,
                    want.no,
                    key,
                )
            assert step["waktu"] == (want.waktu.to_dict() if want.waktu else None), (path.name, want.no)
