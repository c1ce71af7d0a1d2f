"""Hand-built SOPs for the renderer tests, modelled on the seed (IKU and RENJA of DPMPTSP)."""

from datetime import date

from alur.core.sop.model import Act, Approver, Sop, Step, StepKind, Waktu, WaktuUnit
from alur.sop.render.common import OfficeHeader

DASAR_HUKUM = (
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan MenPAN dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian "
    "Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
)
APPROVER = Approver(
    jabatan="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Tanjung Jabung Barat",
    nama="H. YAN ERY, S.Pt, M.Si",
    nip="197009301997031003",
)
OFFICE = OfficeHeader(
    lines=(
        "PEMERINTAH KABUPATEN TANJUNG JABUNG BARAT",
        "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU",
    ),
    address="Jl. Prof. Dr. Sri Soedewi Maschun Sofwan, SH. Kuala Tungkal",
)


def w(amount, unit):
    return Waktu(amount, WaktuUnit(unit))


def iku_sop() -> Sop:
    kd, sek, per, tim, staf = "Kepala Dinas", "Sekretaris", "Perencana", "Tim Sakip", "Staf"
    iku = "Indikator Kinerja Utama"
    steps = (
        Step(1, "Memerintahkan untuk Menyusun Indikator Kinerja Utama", StepKind.TERMINATOR, (kd,),
             Act.DISPOSISI, "Surat Masuk", w(10, "menit"), "Disposisi pada surat masuk"),
        Step(2, "Memerintahkan untuk Menyusun Indikator Kinerja Utama, memberikan pengarahannya",
             StepKind.PROCESS, (sek,), Act.DISPOSISI, "Disposisi pada surat masuk", w(20, "menit"),
             "Disposisi pada surat masuk"),
        Step(3, "Menyusun Konsep Indikator Kinerja Utama", StepKind.PROCESS, (per,), Act.KERJA,
             "Disposisi pada surat masuk", w(1, "hari"), f"Konsep {iku}"),
        Step(4, "Mengetik konsep Indikator Kinerja Utama", StepKind.PROCESS, (staf,), Act.KERJA,
             f"Konsep {iku}", w(1, "hari"), f"Konsep {iku}"),
        Step(5, "Memeriksa ketikan konsep Indikator Kinerja Utama, bila setuju, diserahkan ke Analis "
             "Perencana, jika tidak, diserahkan ke staf untuk diperbaiki", StepKind.DECISION, (tim,),
             Act.PERIKSA, iku, w(30, "menit"), iku, next_yes=6, next_no=4),
        Step(6, "Pemberian Paraf", StepKind.PROCESS, (sek,), Act.PARAF, iku, w(30, "menit"),
             f"{iku} yang sudah diparaf"),
        Step(7, "Pemberian Tanda Tangan", StepKind.PROCESS, (kd,), Act.TANDA_TANGAN,
             f"{iku} yang sudah diparaf", w(1, "hari"), f"{iku} yang sudah ditandatangani"),
        Step(8, "Memerintahkan untuk Mengagendakan, Menggandakan dan mendistribusikan", StepKind.PROCESS,
             (kd,), Act.DISPOSISI, f"{iku} yang sudah ditandatangani", w(5, "menit"),
             f"{iku} yang sudah ditandatangani"),
        Step(9, "Mengagendakan, menggandakan dan mendistribusikan", StepKind.TERMINATOR, (staf,),
             Act.AGENDA, f"{iku} yang sudah ditandatangani", w(15, "menit"),
             "Agenda surat keluar, bukti pengiriman", "SOP Pengagendaan surat keluar dan SOP Caraka",
             ("SOP Pengagendaan surat keluar", "SOP Caraka")),
    )
    return Sop(
        nomor="503 / 2021 / DPM PTSP",
        nama="Penyusunan Indikator Kinerja Utama (IKU)",
        tanggal_pembuatan=date(2022, 1, 4),
        tanggal_pengesahan=date(2022, 1, 4),
        disahkan_oleh=APPROVER,
        dasar_hukum=DASAR_HUKUM,
        kualifikasi_pelaksana=(
            "Memiliki kemampuan pengolahan data",
            "Memahami Penyusunan Indikator Kinerja Utama (IKU)",
            "Memahami Instrumen-instrumen dalam Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        ),
        keterkaitan=("SOP Laporan Akuntabilitas Kinerja Instansi Pemerintah", "Keterkaitan OPD"),
        peralatan=("Komputer", "Jaringan Internet", "Data Realisasi Kegiatan"),
        peringatan=(),
        pencatatan=("Disimpan sebagai data",),
        actors=(kd, sek, per, tim, staf),
        steps=steps,
    )


def renja_sop() -> Sop:
    kd, sek, per, staf, bid = (
        "Kepala Dinas", "Sekretaris Dinas", "Perencana", "Staf Perencanaan", "Bidang-Bidang Lain",
    )
    final = "Dokumen Final Renja"
    steps = (
        Step(1, "Memberi arahan/disposisi Penyusunan Renja", StepKind.TERMINATOR, (kd,), Act.DISPOSISI,
             "Surat dari Bupati/Bappeda", w(1, "hari"), "Disposisi", "Disposisi Kepala Dinas"),
        Step(2, "Menerima, menelaah dan memerintahkan Perencana untuk menyiapkan bahan-bahan penyusunan "
             "Renja", StepKind.PROCESS, (sek,), Act.DISPOSISI, "Data Awal", w(2, "hari"), "Persiapan/Draf",
             "Proses Pembuatan Draf Renja"),
        Step(3, "Melaksanakan koordinasi / pengumpulan bahan dengan bidang-bidang lain dalam penyusunan "
             "Renja Tahunan", StepKind.PROCESS, (per, bid), Act.KOORDINASI, "Data, Bahan dari Bidang",
             w(3, "hari"), "Bahan-bahan materi/Draf", "IKU, LAKIP, Struktur Organisasi"),
        Step(4, "Menerima hasil inventarisasi materi untuk penyusunan draf Renja dari masing-masing bidang",
             StepKind.PROCESS, (per,), Act.KERJA, "Data, Bahan dari Bidang", w(2, "hari"),
             "Bahan-bahan materi/Draf", "IKU, LAKIP, Struktur Organisasi"),
        Step(5, "Rapat koordinasi Kepala Dinas, Sekretaris, Para Kabid, Pejabat Fungsional, Kasubbag Umum "
             "dan Keuangan membahas penyusunan Renja", StepKind.PROCESS, (kd, sek, per, bid),
             Act.KOORDINASI, "Draf Renja", w(1, "hari"), "Draf Renja", "Proses Pembuatan Draf Renja"),
        Step(6, "Mengetik Draf Dokumen Renja", StepKind.PROCESS, (staf,), Act.KERJA, "Draf Renja",
             w(2, "hari"), "Draf Renja", "Proses Pembuatan Draf Renja"),
        Step(7, "Menerima, memeriksa, edit jika diperlukan dan melaporkan kepada Sekretaris",
             StepKind.PROCESS, (per,), Act.PERIKSA, "Draf Final Renja", w(1, "hari"), final, "Dokumen Renja"),
        Step(8, "Menerima, memeriksa, memaraf Renja yang telah disusun dan melaporkan kepada Kepala Dinas",
             StepKind.PROCESS, (sek,), Act.PARAF, final, w(1, "hari"), final),
        Step(9, "Menerima, memeriksa Dokumen Renja; jika perlu perbaikan dikembalikan kepada Perencana",
             StepKind.DECISION, (kd,), Act.PERIKSA, final, w(1, "hari"), final, next_yes=10, next_no=7),
        Step(10, "Menandatangani Dokumen Renja Dinas PMPTSP Kab. Tanjab Barat", StepKind.PROCESS, (kd,),
             Act.TANDA_TANGAN, final, w(1, "hari"), final),
        Step(11, "Dokumen Renja yang telah ditandatangani Kepala Dinas didistribusikan kepada pihak yang "
             "berkepentingan dan diarsipkan", StepKind.TERMINATOR, (staf,), Act.ARSIP, "Dokumen Renja",
             w(1, "hari"), "Dokumen Renja dikirim", "Dokumen Renja diarsipkan"),
    )
    return Sop(
        nomor="503 / 2022 / DPM PTSP",
        nama="Penyusunan Rencana Kerja (RENJA)",
        tanggal_pembuatan=date(2022, 1, 4),
        tanggal_pengesahan=date(2022, 1, 4),
        disahkan_oleh=APPROVER,
        dasar_hukum=DASAR_HUKUM,
        kualifikasi_pelaksana=("Memiliki kemampuan pengolahan data", "Memahami RENJA DPMPTSP"),
        keterkaitan=("SOP Laporan Akuntabilitas Kinerja Instansi Pemerintah", "Keterkaitan OPD"),
        peralatan=("Komputer", "Jaringan Internet", "Data Realisasi Kegiatan"),
        pencatatan=("Disimpan sebagai data",),
        actors=(kd, sek, per, staf, bid),
        steps=steps,
    )
