"""The IKU as the office head's Keputusan (Permendagri 80/2015, produk hukum daerah berbentuk
keputusan; tata naskah dinas): kop, KEPUTUSAN KEPALA DINAS … NOMOR … TENTANG …, Menimbang,
Mengingat, MEMUTUSKAN, Menetapkan with its diktum KESATU…, "Ditetapkan di … pada tanggal …" and
the signature; then the lampiran with the IKU table (PermenPAN-RB: sasaran strategis, indikator,
alasan, formulasi/penjelasan, sumber data, penanggung jawab) under the same signature.

The nomor is the run's outgoing-letter number once it has one (`issued.with_number`); until then
the document prints "NOMOR …" with dots to fill in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alur.kinerja.selectors import renstra_for

from ..builders import (
    live_definitions,
    new_document,
    no_renstra,
)
from ..content import (
    DAY_BLANK,
    NUMBER_BLANK,
    Clause,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from ..narratives import narratives
from ..signature_block import jabatan_of, office_head_block
from . import DocumentKind, SeedBinding

# The regulations a Keputusan on IKU rests on (Mengingat), oldest first as a Keputusan lists them.
MENGINGAT = (
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/09/M.PAN/5/2007 tentang Pedoman Umum "
    "Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015 tentang Pembentukan Produk Hukum Daerah;",
)
DIKTUM = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT")


def build_iku(office, year: int) -> Document:
    doc = new_document("iku", office, year)
    renstra = renstra_for(office, year)
    if renstra is None:
        return no_renstra(doc, office, year)
    definitions = live_definitions(renstra, [year])
    iku = [d for d in definitions[year] if d.is_iku]
    head = jabatan_of("Kepala Dinas", office).upper()  # "KEPALA DINAS PENANAMAN MODAL … KABUPATEN …"
    period = f"{renstra.start_year}–{renstra.end_year}"
    about = f"PENETAPAN INDIKATOR KINERJA UTAMA {office.name.upper()} TAHUN {period}"
    texts = narratives(office, "iku", year)

    _kop(doc, office)
    doc.add(Heading(f"KEPUTUSAN {head}", in_toc=False),
            Paragraph(f"NOMOR {NUMBER_BLANK}", align="center", bold=True),
            Paragraph("TENTANG", align="center", bold=True),
            Paragraph(about, align="center", bold=True),
            Paragraph(f"{head},", align="center", bold=True))
    menimbang = [
        "bahwa dalam rangka pelaksanaan Sistem Akuntabilitas Kinerja Instansi Pemerintah, setiap instansi "
        "pemerintah perlu menetapkan Indikator Kinerja Utama sebagai ukuran keberhasilan pencapaian sasaran "
        f"strategis dalam Rencana Strategis {period};",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
        f"{jabatan_of('Kepala Dinas', office)} tentang Penetapan Indikator Kinerja Utama {office.name} Tahun "
        f"{period};",
    ]
    if texts["pembukaan"].text.strip():  # what the office wrote for this IKU: a consideration of its own
        menimbang.insert(1, " ".join(texts["pembukaan"].text.split()).rstrip(".;") + ";")
    doc.add(Clause("Menimbang", tuple(f"{letter}. {text}" for letter, text in zip("abcdefgh", menimbang,
                                                                                  strict=False))),
            Clause("Mengingat", tuple(f"{n}. {text}" for n, text in enumerate(MENGINGAT, start=1))),
            Paragraph("MEMUTUSKAN:", align="center", bold=True),
            Clause("Menetapkan", (f"KEPUTUSAN {head} TENTANG {about}.",)))
    diktum = (
        f"Menetapkan Indikator Kinerja Utama {office.name} Tahun {period} sebagaimana tercantum dalam Lampiran "
        "yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
        "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU menjadi acuan dalam penyusunan "
        "rencana kinerja, perjanjian kinerja, pengukuran, pelaporan dan evaluasi kinerja.",
        "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
    )
    for label, text in zip(DIKTUM, diktum, strict=False):
        doc.add(Clause(label, (text,)))
    doc.add(office_head_block(doc, office, year, decree=True, upper=True))

    doc.add(PageBreak(),
            Clause("LAMPIRAN", (f"KEPUTUSAN {head}", f"NOMOR {NUMBER_BLANK}", f"TANGGAL {DAY_BLANK}",
                                f"TENTANG {about}")),
            Heading(f"Indikator Kinerja Utama {office.name} Tahun {period}", in_toc=False))
    if not iku:
        doc.add(Paragraph(doc.gap(f"Indikator Kinerja Utama tahun {year}")))
    else:
        rows, last = [], None
        for n, d in enumerate(iku, start=1):
            rows.append((str(n), d.sasaran if d.sasaran != last else "", f"{d.code} {d.name}",
                         d.alasan or doc.gap(f"alasan {d.code}"),
                         "\n".join(x for x in (d.definisi, d.formula and f"Formula: {d.formula}") if x)
                         or doc.gap(f"formulasi/penjelasan {d.code}"),
                         d.sumber_data or doc.gap(f"sumber data {d.code}"), d.position or d.unit))
            last = d.sasaran
        doc.add(Table("Tabel 1. Indikator Kinerja Utama",
                      ("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Alasan", "Formulasi/Penjelasan",
                       "Sumber Data", "Penanggung Jawab"), tuple(rows),
                      widths=(0.6, 2.6, 2.8, 2.8, 3.4, 2, 2)))
    # the lampiran is signed too, and its signature stays with the table
    doc.add(office_head_block(doc, office, year, decree=True, upper=True, keep_with_previous=True))
    return doc


def _kop(doc: Document, office) -> None:
    """The office's kop: government, office name (capitals) and address."""
    for line in office.header_lines():
        doc.add(Paragraph(line, align="center", bold=True))
    if office.address:
        doc.add(Paragraph(office.address, align="center"))


KIND = DocumentKind(
    key="iku", title="Dokumen Indikator Kinerja Utama", short="IKU",
    build_content=lambda office, year, _triwulan=None: build_iku(office, year),
    sections=(("pembukaan", "Pertimbangan tambahan (Menimbang)"),), locks=_("Dokumen IKU"),
    # step 4: the draft retyped after a Tidak at step 5
    seed_binding=(SeedBinding("Indikator Kinerja (IKU)", frozenset({3, 4})),),
)
