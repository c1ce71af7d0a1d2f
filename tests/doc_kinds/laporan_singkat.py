"""A test-only document kind: one section, the year's measured capaian of every indicator, built
from kinerja data the way a built-in kind is (`alur.documents.builders` helpers, content blocks)."""

from __future__ import annotations

from alur.documents.builders import new_document, no_renstra
from alur.documents.content import Document, Heading, Paragraph, Table, number, percent
from alur.documents.kinds import DocumentKind
from alur.kinerja.selectors import pengukuran

KEY = "laporan_singkat"


def build_laporan_singkat(office, year: int, _triwulan: int | None = None) -> Document:
    doc = new_document(KEY, office, year)
    measured = pengukuran(office, year)
    if measured.renstra is None:
        return no_renstra(doc, office, year)
    doc.add(Heading("Capaian Indikator"))
    rows = tuple((r.definition.code, r.definition.name, number(r.definition.target), number(r.realisasi),
                  percent(r.capaian_shown) if r.capaian_shown is not None else doc.gap(f"capaian {r.definition.code}"))
                 for r in measured.rows)
    if not rows:
        doc.add(Paragraph(doc.gap(f"indikator tahun {year}")))
        return doc
    doc.add(Table(f"Capaian indikator {year}", ("Kode", "Indikator", "Target", "Realisasi", "Capaian"), rows,
                  widths=(1.2, 6, 1.5, 1.5, 1.5)))
    return doc


KIND = DocumentKind(key=KEY, title="Laporan Singkat Capaian", build_content=build_laporan_singkat,
                    sections=(("catatan", "Catatan"),))
