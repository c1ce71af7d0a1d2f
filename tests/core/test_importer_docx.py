"""The .docx importer: a document built with python-docx the way offices lay out SOP AP."""

from __future__ import annotations

import io

import docx
import pytest

from alur.core.sop.importer import import_docx, import_text, to_sop

JABATAN = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Tanjung Jabung Barat"
ACTORS = ["Kepala Dinas", "Sekretaris", "Perencana", "Tim Sakip", "Staf"]
IKU_STEPS = [
    ("1.", "Memerintahkan untuk Menyusun Indikator Kinerja Utama", "Surat Masuk", "10 Menit",
     "Disposisi pada surat masuk", ""),
    ("2.", "Memerintahkan untuk Menyusun Indikator Kinerja Utama, memberikan pengarahannya",
     "Disposisi pada surat masuk", "20 Menit", "Disposisi pada surat masuk", ""),
    ("3.", "Menyusun Konsep Indikator Kinerja Utama", "Disposisi pada surat masuk", "1 Hari",
     "Konsep Indikator Kinerja Utama", ""),
    ("4.", "Mengetik konsep indikator Kinerja Utama", "Konsep Indikator Kinerja Utama", "1 Hari",
     "Konsep Indikator Kinerja Utama", ""),
    ("5.", "Memeriksa ketikan konsep indikator Kinerja Utama, bila setuju, diserahkan ke Analisis "
     "Perencana, Jika tidak, diserahkan ke staf untuk diperbaiki", "Indikator Kinerja Utama", "30 Menit",
     "Indikator Kinerja Utama", ""),
    ("6.", "Pemberian Paraf", "Indikator Kinerja Utama", "30 Menit",
     "Indikator Kinerja Utama yang sudah di paraf",
     ""),
    ("7.", "Pemberian Tanda Tangan", "Indikator Kinerja Utama yang sudah di paraf", "1 Hari",
     "Indikator Kinerja Utama yang sudah di tangani", ""),
    ("8.", "Memerintahkan untuk Mengagendakan, Menggandakan dan mendistribusikan",
     "Indikator Kinerja Utama yang sudah di tangani", "5 Menit",
     "Indikator Kinerja Utama yang sudah di tangani",
     "-"),
    ("9.", "Mengagendakan, manggandakan dan mendistribusikan",
     "Indikator Kinerja Utama yang sudah di tangani",
     "15 Menit", "Agenda surat keluar, bukti pengiriman", "SOP Pengagen surat keluar dan SOP Caraka"),
]  # fmt: skip


def _identity_table(document, nip="19700930 199703 1 003"):
    table = document.add_table(rows=11, cols=3)
    kop = table.cell(0, 0).merge(table.cell(5, 0))  # vertical merge: the office block
    kop.text = "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"
    kop.add_paragraph("KABUPATEN TANJUNG JABUNG BARAT")
    rows = [
        ("Nomor SOP", "503 / 2021 / DPM PTSP"),
        ("Tgl Pembuatan", "4 Januari 2022"),
        ("Tgl Revisi", "-"),
        ("Tgl Pengesahan", "4 Januari 2022"),
        ("Disahkan Oleh", None),
        ("Nama SOP", "Penyusunan Indikator Kinerja (IKU)"),
    ]
    for i, (label, value) in enumerate(rows):
        table.cell(i, 1).text = label
        cell = table.cell(i, 2)
        if value is None:
            cell.text = (
                "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Tanjung Jabung Barat"
            )
            cell.add_paragraph("")
            cell.add_paragraph("H. YAN ERY, S.Pt, M.Si")
            cell.add_paragraph(f"NIP. {nip}")
        else:
            cell.text = value

    def pair(row, left, right):
        a = table.cell(row, 0)
        b = table.cell(row, 1).merge(table.cell(row, 2))  # horizontal merge: must not repeat text
        first = True
        for cell, paras in ((a, left), (b, right)):
            first = True
            for text in paras:
                if first:
                    cell.text = text
                    first = False
                else:
                    cell.add_paragraph(text)

    pair(6, ["Dasar Hukum :"], ["Kualifikasi Pelaksana :"])
    pair(
        7,
        [
            "1. Peraturan Presiden Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
            "Pemerintah",
            "2. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah",
            "3. Peraturan MenPAN dan Reformasi Birokrasi Nomor 53 tahun 2014 tentang Petunjuk teknis "
            "perjanjian "
            "kinerja, pelaporan kinerja dan tata cara reuvi atas Laporan Kinerja Instansi Pemerintah",
        ],
        ["1. Memiliki kemampuan pengolahan data", "2. Memahami Penyusunan indicator Kinerja Umum (IKU)"],
    )
    pair(8, ["Keterkaitan :"], ["Peralatan/ Perlengkapan :"])
    pair(
        9,
        ["1. SOP Laporan Akuntabilitas Kinerja Instansi Pemerintah", "2. Keterkaitan OPD"],
        ["Komputer", "Jaringan Internet", "Data Realisasi Kegiatan"],
    )
    pair(10, ["PERINGATAN :", "-"], ["PENCATATAN DAN PENDATAAN :", "Disimpan sebagai data"])


def _step_table(document, steps, header=True, marks=None):
    ncols = 2 + len(ACTORS) + 4
    table = document.add_table(rows=(2 if header else 0) + len(steps), cols=ncols)
    start = 0
    if header:
        table.cell(0, 0).merge(table.cell(1, 0)).text = "No"
        table.cell(0, 1).merge(table.cell(1, 1)).text = "Kegiatan"
        table.cell(0, 2).merge(table.cell(0, 1 + len(ACTORS))).text = "Pelaksana"
        mutu = 2 + len(ACTORS)
        table.cell(0, mutu).merge(table.cell(0, mutu + 2)).text = "Mutu Baku"
        table.cell(0, ncols - 1).merge(table.cell(1, ncols - 1)).text = "Keterangan"
        for i, name in enumerate(ACTORS):
            table.cell(1, 2 + i).text = name
        for i, name in enumerate(["Kelengkapan", "Waktu", "Output"]):
            table.cell(1, mutu + i).text = name
        start = 2
    for r, (no, kegiatan, kel, waktu, output, ket) in enumerate(steps):
        row = table.rows[start + r].cells
        row[0].text, row[1].text = no, kegiatan
        if marks and no in marks:
            row[2 + ACTORS.index(marks[no])].text = "X"
        for i, value in enumerate([kel, waktu, output, ket]):
            row[2 + len(ACTORS) + i].text = value
    return table


def _build(path=None, nip="19700930 199703 1 003", marks=None):
    document = docx.Document()
    _identity_table(document, nip=nip)
    document.add_paragraph("")
    document.add_paragraph("Standar Operasional Prosedur Penyusunan IKU (Indikator Kinerja Utama)")
    _step_table(document, IKU_STEPS[:6], marks=marks)
    document.add_page_break()
    _step_table(document, IKU_STEPS[6:], header=False, marks=marks)
    if path is None:
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    document.save(path)
    return path


@pytest.fixture(scope="module")
def iku(tmp_path_factory):
    path = _build(tmp_path_factory.mktemp("docx") / "sop-iku.docx")
    result = import_docx(path)  # a pathlib.Path; str paths, bytes and file objects work too
    assert result.warnings == []
    assert result.filename == "sop-iku.docx"
    assert len(result.sops) == 1
    return result.sops[0]


def test_identity_from_a_table_with_merged_cells(iku):
    assert iku["nomor"] == "503 / 2021 / DPM PTSP"
    assert iku["nama"] == "Penyusunan Indikator Kinerja (IKU)"
    assert (iku["tanggal_pembuatan"], iku["tanggal_revisi"], iku["tanggal_pengesahan"]) == (
        "2022-01-04", None, "2022-01-04",
    )  # fmt: skip
    assert iku["disahkan_oleh"] == {
        "jabatan": JABATAN,
        "nama": "H. YAN ERY, S.Pt, M.Si",
        "nip": "197009301997031003",
    }
    assert len(iku["dasar_hukum"]) == 3 and "reuvi" in iku["dasar_hukum"][2]
    # the merged cell's text appears once, not once per spanned column
    assert iku["kualifikasi_pelaksana"] == [
        "Memiliki kemampuan pengolahan data",
        "Memahami Penyusunan indicator Kinerja Umum (IKU)",
    ]
    assert iku["keterkaitan"] == ["SOP Laporan Akuntabilitas Kinerja Instansi Pemerintah", "Keterkaitan OPD"]
    assert iku["peralatan"] == [
        "Komputer",
        "Jaringan Internet",
        "Data Realisasi Kegiatan",
    ]  # one per paragraph
    assert iku["peringatan"] == []
    assert iku["pencatatan"] == ["Disimpan sebagai data"]


def test_steps_from_two_tables(iku):
    assert iku["actors"] == ACTORS
    assert len(iku["steps"]) == 9
    for step, (no, kegiatan, kel, _waktu, output, ket) in zip(iku["steps"], IKU_STEPS, strict=True):
        assert step["no"] == int(no.rstrip("."))
        assert step["kegiatan"] == kegiatan
        assert step["kelengkapan"] == kel
        assert step["output"] == output
        assert step["keterangan"] == ("" if ket == "-" else ket)
        assert step["waktu"] is not None
    assert iku["steps"][0]["waktu"] == {"amount": 10, "unit": "menit"}
    step5 = iku["steps"][4]
    assert (step5["kind"], step5["next_yes"], step5["next_no"]) == ("decision", 6, 4)
    assert iku["steps"][8]["sop_links"] == ["SOP Pengagen surat keluar", "SOP Caraka"]
    assert iku["steps"][0]["actors"] == ["Kepala Dinas"]
    assert iku["steps"][3]["actors"] == ["Staf"]
    assert any("'reuvi'" in w["message"] for w in iku["warnings"])
    assert not any("tidak dapat dibaca" in w["message"] for w in iku["warnings"])
    to_sop(iku)


def test_docx_matches_text_import_of_the_seed(iku):
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "fixtures" / "sop-sakip-dpmptsp-tanjabbar.txt"
    text_iku = import_text(seed.read_text(encoding="utf-8")).sops[0]
    keys = ("kegiatan", "kind", "actors", "act", "kelengkapan", "waktu", "output", "keterangan", "next_no")
    for a, b in zip(iku["steps"], text_iku["steps"], strict=True):
        assert {k: a[k] for k in keys} == {k: b[k] for k in keys}


def test_marks_in_actor_cells_win(tmp_path):
    data = _build(marks={"3.": "Tim Sakip"})
    sop = import_docx(data).sops[0]
    step3 = sop["steps"][2]
    assert step3["actors"] == ["Tim Sakip"]
    assert "Ditandai" in step3["actor_reason"]
    assert step3["actor_confirmed"] is False


def test_invalid_nip_and_file_object(tmp_path):
    data = _build(nip="19700980 199703 1 003")
    sop = import_docx(io.BytesIO(data)).sops[0]
    assert sop["disahkan_oleh"]["nip"] == "197009801997031003"
    assert any("tanggal lahir 19700980 tidak valid" in w["message"] for w in sop["warnings"])


@pytest.mark.parametrize(
    "payload",
    [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 40, bytes(range(256)) * 4],
)
def test_corrupt_docx_becomes_a_warning(tmp_path, payload):
    path = tmp_path / "rusak.docx"
    path.write_bytes(payload)
    result = import_docx(str(path))
    assert result.sops == []
    assert result.warnings and result.warnings[0]["line"] == 1
    assert "tidak dapat dibuka" in result.warnings[0]["message"]
    assert import_docx(payload).sops == []
    assert import_docx(str(tmp_path / "tidak-ada.docx")).warnings


def test_truncated_docx(tmp_path):
    data = _build()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 10):
        result = import_docx(data[:cut])
        assert isinstance(result.sops, list)
