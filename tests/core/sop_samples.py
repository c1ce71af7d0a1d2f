"""A small valid SOP in YAML, shared by the SOP format tests."""

BASE_YAML = """\
nomor: 503 / 01 / DPM PTSP
nama: Contoh SOP
tanggal_pembuatan: 2022-01-04
tanggal_revisi: null
tanggal_pengesahan: 2022-01-10
disahkan_oleh:
  jabatan: Kepala Dinas
  nama: Budi
  nip: '197009301997031003'
dasar_hukum: [Perpres 29/2014]
peringatan: [Laporan terlambat]
pencatatan: [Disimpan sebagai data]
actors: [Kepala Dinas, Staf]
steps:
  - no: 1
    kegiatan: Memberi disposisi
    kind: terminator
    actors: [Kepala Dinas]
    act: disposisi
    kelengkapan: Surat masuk
    waktu: 10 Menit
    output: Disposisi
    actor_confirmed: true
  - no: 2
    kegiatan: Mengetik konsep
    actors: [Staf]
    kelengkapan: Disposisi
    waktu: 1 Hari
    output: Konsep
    actor_confirmed: true
  - no: 3
    kegiatan: Memeriksa konsep
    kind: decision
    actors: [Kepala Dinas]
    act: periksa
    kelengkapan: Konsep
    waktu: 30 Menit
    output: Konsep diperiksa
    next_yes: 4
    next_no: 2
    actor_confirmed: true
  - no: 4
    kegiatan: Menandatangani
    kind: terminator
    actors: [Kepala Dinas]
    act: tanda_tangan
    kelengkapan: Konsep diperiksa
    waktu: 1 Jam
    output: Dokumen
    actor_confirmed: true
"""


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first `needle` at or after character `start`."""
    index = text.index(needle, start)
    return text.count("\n", 0, index) + 1


def mutate(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)
