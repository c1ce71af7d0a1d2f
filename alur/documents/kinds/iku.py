"""The Dokumen Indikator Kinerja Utama: the IKU of the Renstra covering the year, with their
definitions and the targets of every Renstra year that has them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alur.kinerja.selectors import renstra_for

from ..builders import (
    live_definitions,
    new_document,
    no_renstra,
    value_or_gap,
)
from ..content import (
    NO_DATA,
    Document,
    Heading,
    Paragraph,
    Table,
)
from ..narratives import blocks_of, narratives
from . import DocumentKind, SeedBinding


def build_iku(office, year: int) -> Document:
    doc = new_document("iku", office, year)
    renstra = renstra_for(office, year)
    if renstra is None:
        return no_renstra(doc, office, year)
    definitions = live_definitions(renstra, renstra.years)
    by_year = {y: {d.id: d for d in ds} for y, ds in definitions.items()}
    iku = [d for d in definitions[year] if d.is_iku]
    # the Renstra's first year is often the baseline year without targets: show the years that have them
    years = [y for y in renstra.years if y == year or any(by_year[y][d.id].target is not None
                                                          for d in iku if d.id in by_year[y])]
    texts = narratives(office, "iku", year)
    doc.add(Heading("Keputusan Kepala Perangkat Daerah"),
            Paragraph(f"Tentang Penetapan Indikator Kinerja Utama {office.name} Tahun {renstra.start_year}–"
                      f"{renstra.end_year}", align="center", bold=True))
    if texts["pembukaan"].text:
        doc.add(*blocks_of(texts["pembukaan"].text))
    else:
        doc.add(Paragraph(
            f"Dalam rangka pelaksanaan Sistem Akuntabilitas Kinerja Instansi Pemerintah, {office.name} menetapkan "
            f"Indikator Kinerja Utama (IKU) sebagaimana tercantum dalam tabel berikut, sebagai ukuran keberhasilan "
            f"pencapaian sasaran strategis dalam Rencana Strategis {renstra.start_year}–{renstra.end_year}."))
    doc.add(Heading("Indikator Kinerja Utama"))
    if not iku:
        doc.add(Paragraph(doc.gap(f"Indikator Kinerja Utama tahun {year}")))
        return doc
    rows = []
    for d in iku:
        targets = [by_year[y].get(d.id) for y in years]
        rows.append((d.sasaran or NO_DATA, f"{d.code} {d.name}",
                     "\n".join(x for x in (d.definisi, d.formula and f"Formula: {d.formula}") if x)
                     or doc.gap(f"definisi {d.code}"),
                     d.satuan, d.sumber_data or doc.gap(f"sumber data {d.code}"), d.position or d.unit,
                     *[value_or_gap(t.target if t else None, doc, f"target {d.code} {y}")
                       for t, y in zip(targets, years, strict=True)]))
    doc.add(Table("Tabel 1. Indikator Kinerja Utama",
                  ("Sasaran", "Indikator", "Definisi/Formula", "Satuan", "Sumber Data", "Penanggung Jawab",
                   *[str(y) for y in years]), tuple(rows),
                  widths=(3, 3, 4, 1.5, 2, 2.2, *[1.2] * len(years))))
    return doc


KIND = DocumentKind(
    key="iku", title="Dokumen Indikator Kinerja Utama", short="IKU",
    build_content=lambda office, year, _triwulan=None: build_iku(office, year),
    sections=(("pembukaan", "Pembukaan"),), locks=_("Dokumen IKU"),
    # step 4: the draft retyped after a Tidak at step 5
    seed_binding=(SeedBinding("Indikator Kinerja (IKU)", frozenset({3, 4})),),
)
