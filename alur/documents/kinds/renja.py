"""The Rencana Kerja (Renja) of a year: last year's evaluation, this year's targets and the lines of
the Renja with their pagu."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from alur.core.kinerja.periods import plan_year
from alur.kinerja.budget_tree import pagu_indikatif_warnings, renja_tree
from alur.kinerja.models import (
    Renja,
    RenjaLine,
)
from alur.kinerja.selectors import definitions_for, pengukuran, renstra_for

from ..builders import (
    narrative_or_gap,
    new_document,
    no_renstra,
    value_or_gap,
)
from ..content import (
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Toc,
    number,
    percent,
    rupiah,
)
from ..narratives import narratives
from ..signature_block import office_head_block
from . import DocumentKind, SeedBinding


def build_renja(office, year: int) -> Document:
    doc = new_document("renja", office, year)
    renstra = renstra_for(office, year)
    if renstra is None:
        return no_renstra(doc, office, year)
    texts = narratives(office, "renja", year)
    doc.add(Toc(), PageBreak(), Heading("BAB I Pendahuluan"))
    narrative_or_gap(doc, texts, "pendahuluan", "Pendahuluan")
    doc.add(PageBreak(), Heading("BAB II Hasil Evaluasi Renja Tahun Lalu"),
            Heading(f"A. Evaluasi Pelaksanaan Renja Tahun {year - 1} dan Capaian Renstra", 2))
    # Last year is measured against the plan in force then: in the first year of a new Renstra that
    # is the previous plan, whose end target (and end year) Tabel 2.2 names.
    previous = pengukuran(office, year - 1)
    if previous.renstra is None or not previous.budget:
        doc.add(Paragraph(doc.gap(f"evaluasi Renja {year - 1}")))
    else:
        prior_lines = {line.program_id: line for line in RenjaLine.objects.filter(
            renja__office=office, renja__year=year - 1, program__isnull=False)}
        rows = []
        for b in previous.budget:
            rows.append((b.code, b.name, rupiah(b.pagu), rupiah(b.realisasi), percent(b.serapan),
                         percent(b.capaian), b.efficiency or "–"))
        # last year's Renja evaluated by programme: budget absorption against capaian (efficiency); not
        # a T-C.29 of Permendagri 86/2017, whose indicator-by-indicator form Tabel 2.2 comes nearer to
        doc.add(Table(f"Tabel 2.1 Evaluasi pelaksanaan Renja Tahun {year - 1}: serapan anggaran, capaian kinerja "
                      f"dan efisiensi program",
                      ("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Capaian kinerja",
                       "Efisiensi"), tuple(rows), widths=(1.4, 3.8, 2.4, 2.4, 1.3, 1.5, 1.8)))
        if not prior_lines:
            doc.gaps.append(f"baris Renja {year - 1}")
        ind_rows = [(r.definition.code, r.definition.name, number(r.definition.end_target),
                     number(r.prev_realisasi), number(r.definition.target), value_or_gap(r.realisasi, doc,
                                                                                   f"realisasi {r.definition.code}"),
                     percent(r.capaian_shown) if r.capaian_shown is not None else "–")
                    for r in previous.rows]
        doc.add(Table(f"Tabel 2.2 Capaian indikator {year - 1} terhadap Renstra",
                      ("Kode", "Indikator", f"Target akhir Renstra {previous.renstra.start_year}–"
                                            f"{previous.renstra.end_year}",
                       f"Realisasi {year - 2}", f"Target {year - 1}", f"Realisasi {year - 1}", "Capaian"),
                      tuple(ind_rows), widths=(1.2, 4.6, 1.8, 1.6, 1.4, 1.6, 1.4)))
    narrative_or_gap(doc, texts, "evaluasi", "Evaluasi Renja tahun lalu")
    doc.add(PageBreak(), Heading("BAB III Tujuan dan Sasaran Perangkat Daerah"))
    narrative_or_gap(doc, texts, "tujuan_sasaran", "Tujuan dan Sasaran")
    definitions, _pks = definitions_for(office, renstra, [year])
    doc.add(Table(f"Tabel 3.1 Indikator dan target {year}", ("Sasaran", "Indikator", "Target", "Satuan"),
                  tuple((d.sasaran, d.name, value_or_gap(d.target, doc, f"target {d.code} {year}"), d.satuan)
                        for d in definitions[year]), widths=(4, 5, 1.5, 1.5)))
    doc.add(PageBreak(), Heading("BAB IV Rencana Kerja dan Pendanaan"))
    _rencana_table(doc, office, renstra, year)
    doc.add(PageBreak(), Heading("BAB V Penutup"))
    narrative_or_gap(doc, texts, "penutup", "Penutup")
    doc.add(office_head_block(doc, office, year))  # the one signature block (signature_block.py)
    return doc


def _rencana_table(doc, office, renstra, year: int) -> None:
    """Tabel 4.1 in the shape of Permendagri 86/2017's T-C.32: each line with its indicator, target,
    satuan, lokasi, pagu, sumber dana and prakiraan maju; the total counts the lowest lines only
    (a programme and its own kegiatan are one rupiah, not two) and every parent whose pagu is not its
    children's sum is named in the generation report."""
    renja = Renja.objects.filter(office=office, year=year).first()
    lines = renja.lines.select_related("program", "kegiatan", "sub_kegiatan__kegiatan", "indicator") if renja else []
    tree = renja_tree(lines)
    if not tree.lines:
        doc.add(Paragraph(doc.gap(f"baris Renja {year}")))
        return
    for warning in tree.warnings + pagu_indikatif_warnings(renstra, year):
        doc.gaps.append(f"periksa pagu: {warning}")
    rows = []
    for line in tree.lines:
        indicator = line.indicator
        notes = []
        if line.serves_nothing:
            notes.append("tidak terkait Renstra")
        if line.pk not in tree.leaves:
            notes.append("jumlah rincian di bawahnya")
        depth = tree.depth[line.pk]  # an em space per level below the first (HTML keeps it, unlike spaces)
        rows.append((line.code, ("\u2003" * (depth - 1) + "↳ " if depth else "") + line.name,
                     f"{indicator.code} {indicator.name}" if indicator else "–", number(line.target),
                     indicator.satuan if indicator else "–", line.lokasi or "–", rupiah(line.pagu),
                     line.sumber_dana or "–", number(line.target_maju), rupiah(line.pagu_maju), "; ".join(notes)))
    forecasts = [line.pagu_maju for line in tree.lines if line.pk in tree.leaves and line.pagu_maju is not None]
    maju = sum(forecasts, Decimal(0)) if forecasts else None
    doc.add(Table(f"Tabel 4.1 Rencana program, kegiatan dan sub-kegiatan tahun {year} serta prakiraan maju {year + 1}",
                  ("Kode", "Program/Kegiatan/Sub-kegiatan", "Indikator kinerja", "Target", "Satuan", "Lokasi",
                   "Pagu (Rp)", "Sumber dana", f"Target {year + 1}", f"Pagu {year + 1} (Rp)", "Keterangan"),
                  tuple(rows),
                  total=("", "TOTAL", "", "", "", "", rupiah(tree.total), "", "", rupiah(maju), ""),
                  widths=(1.8, 3.0, 2.5, 1.15, 1.25, 1.8, 2.25, 1.45, 1.15, 2.25, 1.85)))


KIND = DocumentKind(
    key="renja", title="Rencana Kerja", short="Renja",
    default_year=plan_year,  # prepared the year before
    build_content=lambda office, year, _triwulan=None: build_renja(office, year),
    sections=(
        ("pendahuluan", "Bab I — Pendahuluan"),
        ("evaluasi", "Bab II — Catatan evaluasi Renja tahun lalu"),
        ("tujuan_sasaran", "Bab III — Tujuan dan Sasaran"),
        ("penutup", "Bab V — Penutup"),
    ),
    locks=_("Renja"), seed_binding=(SeedBinding("Rencana Kerja (RENJA)", frozenset(range(2, 7))),),
)
