"""The registry of trail sentences: one sentence per kind, registered by the app that records it."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from alur.audit import sentences


@pytest.fixture
def scratch_kind():
    """A kind only this test registers, removed afterwards so the registry stays as the apps left it."""
    yield "uji.kalimat"
    sentences._SENTENCES.pop("uji.kalimat", None)


def test_a_kind_gets_one_sentence_and_a_second_registration_is_refused(scratch_kind):
    @sentences.register(scratch_kind)
    def first(data, **_context):
        return f"menguji {data['n']}"

    with pytest.raises(ImproperlyConfigured, match="uji.kalimat"):
        sentences.register(scratch_kind, lambda data, **_context: "menimpa")
    assert sentences.describe(scratch_kind, {"n": 3}) == "menguji 3"


def test_a_kind_without_a_sentence_reads_as_the_kind():
    assert "kinerja.renja.susun" not in sentences.registered()
    assert sentences.describe("kinerja.renja.susun", {"tahun": 2026}) == "kinerja.renja.susun"
    assert sentences.describe("uji.tidak_dikenal", None) == "uji.tidak_dikenal"


def test_each_app_registers_the_kinds_it_records_when_django_starts():
    """Registered from the apps' ready(): runs, kinerja, documents, org and workdays."""
    assert {"alur.start", "alur.complete", "nomor.diambil", "disposisi.diterima", "pengumpulan.dibuka",
            "dokumen.disusun", "pegawai.diubah", "opd.format_nomor_diubah",
            "kalender.jam_kerja_diubah"} <= sentences.registered()


def test_a_sentence_takes_the_context_it_needs_and_ignores_the_rest():
    step = SimpleNamespace(no=4, kegiatan="Menyusun rancangan Renja dari data kinerja", next_no=None)
    assert sentences.describe("dokumen.disusun", {"version": 2}, step=step, steps={4: step}) \
        == "menyusun versi 2 dokumen dari data pada langkah 4 (Menyusun rancangan Renja dari data kinerja)"
    assert sentences.describe("opd.format_nomor_diubah", {"format_nomor_surat": {"lama": "", "baru": "B-{nomor}"}},
                              step=step, steps={4: step}) == "mengubah format nomor surat dari — menjadi “B-{nomor}”"
