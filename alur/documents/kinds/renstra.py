"""The Rencana Strategis (Renstra) of the period covering the year: goals, targets per year and the
programmes with their indicative pagu (T-C.25, T-C.27). Not a lock: the Renstra has its own
ditetapkan/revision status."""

from __future__ import annotations

from alur.kinerja.models import (
    Kegiatan,
    PaguIndikatif,
    Program,
)
from alur.kinerja.selectors import renstra_for

from ..builders import (
    live_definitions,
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
    rupiah,
)
from ..narratives import narratives
from ..signature_block import office_head_block
from . import DocumentKind, SeedBinding


def build_renstra(office, year: int) -> Document:
    renstra = renstra_for(office, year)
    doc = new_document("renstra", office, year,
               subtitle=f"Tahun {renstra.start_year}–{renstra.end_year}" if renstra else f"Tahun {year}")
    if renstra is None:
        return no_renstra(doc, office, year)
    texts = narratives(office, "renstra", year)
    years = [y for y in renstra.years if y > renstra.start_year] or renstra.years
    definitions = live_definitions(renstra, years)
    by_year = {y: {d.id: d for d in ds} for y, ds in definitions.items()}
    doc.add(Toc(), PageBreak())
    chapters = (
        ("BAB I Pendahuluan", "pendahuluan"),
        ("BAB II Gambaran Pelayanan Perangkat Daerah", "gambaran_pelayanan"),
        ("BAB III Permasalahan dan Isu-Isu Strategis Perangkat Daerah", "permasalahan"),
    )
    for title, key in chapters:
        doc.add(Heading(title))
        narrative_or_gap(doc, texts, key, title)
        doc.add(PageBreak())
    doc.add(Heading("BAB IV Tujuan dan Sasaran"))
    rows = []
    for d in definitions[years[-1]]:
        rows.append((d.tujuan, d.sasaran, d.name, number(d.baseline),
                     *[value_or_gap(by_year[y][d.id].target if d.id in by_year[y] else None, doc,
                                    f"target {d.code} {y}") for y in years]))
    doc.add(Table("Tabel 4.1 Tujuan dan sasaran jangka menengah beserta indikator dan target (T-C.25)",
                  ("Tujuan", "Sasaran", "Indikator", "Kondisi awal", *[str(y) for y in years]), tuple(rows),
                  widths=(3, 3, 4, 1.3, *[1.1] * len(years))), PageBreak())
    doc.add(Heading("BAB V Strategi dan Arah Kebijakan"))
    narrative_or_gap(doc, texts, "strategi", "Strategi dan Arah Kebijakan")
    doc.add(PageBreak(), Heading("BAB VI Rencana Program dan Kegiatan serta Pendanaan"))
    _renstra_programs(doc, renstra, years, definitions[years[-1]])
    doc.add(PageBreak(), Heading("BAB VII Kinerja Penyelenggaraan Bidang Urusan"))
    iku = [d for d in definitions[years[-1]] if d.is_iku]
    doc.add(Table("Tabel 7.1 Indikator kinerja yang mengacu pada tujuan dan sasaran RPJMD",
                  ("Indikator", "Kondisi awal", *[str(y) for y in years]),
                  tuple((d.name, number(d.baseline),
                         *[number(by_year[y][d.id].target) if d.id in by_year[y] else "–" for y in years])
                        for d in iku) or ((doc.gap("IKU Renstra"), "", *[""] * len(years)),),
                  widths=(5, 1.4, *[1.2] * len(years))))
    doc.add(PageBreak(), Heading("BAB VIII Penutup"))
    narrative_or_gap(doc, texts, "penutup", "Penutup")
    doc.add(office_head_block(doc, office, year))  # the one signature block (signature_block.py)
    return doc


def _renstra_programs(doc: Document, renstra, years, definitions) -> None:
    """T-C.27: programme / kegiatan / sub-kegiatan with codes, indicator, baseline, target and pagu per year."""
    programs = list(Program.objects.filter(renstra=renstra).order_by("code"))
    kegiatan = list(Kegiatan.objects.filter(program__renstra=renstra).prefetch_related("sub_kegiatan")
                    .order_by("program__code", "code"))
    pagu = {}
    for p_id, y, amount in PaguIndikatif.objects.filter(year__in=years, program__renstra=renstra).values_list(
            "program_id", "year", "amount"):
        pagu[("p", p_id, y)] = amount
    for k_id, y, amount in PaguIndikatif.objects.filter(year__in=years, kegiatan__program__renstra=renstra
                                                        ).values_list("kegiatan_id", "year", "amount"):
        pagu[("k", k_id, y)] = amount
    for s_id, y, amount in PaguIndikatif.objects.filter(
            year__in=years, sub_kegiatan__kegiatan__program__renstra=renstra).values_list("sub_kegiatan_id", "year",
                                                                                         "amount"):
        pagu[("s", s_id, y)] = amount
    by_sasaran: dict[int, list] = {}
    for d in definitions:
        by_sasaran.setdefault(d.sasaran_id, []).append(d)
    rows = []
    for p in programs:
        indicators = by_sasaran.get(p.sasaran_id, [])
        first = indicators[0] if indicators else None
        rows.append((p.code, p.name, first.name if first else "–", number(first.baseline) if first else "–",
                     *[rupiah(pagu.get(("p", p.pk, y))) for y in years]))
        for k in (k for k in kegiatan if k.program_id == p.pk):
            rows.append((k.code, f"  {k.name}", "", "", *[rupiah(pagu.get(("k", k.pk, y))) for y in years]))
            for s in k.sub_kegiatan.all():
                rows.append((s.code, f"    {s.name}", "", "", *[rupiah(pagu.get(("s", s.pk, y))) for y in years]))
    if not rows:
        doc.add(Paragraph(doc.gap("program Renstra")))
        return
    doc.add(Table("Tabel 6.1 Rencana program, kegiatan, sub-kegiatan dan pendanaan indikatif (T-C.27), pagu dalam Rp",
                  ("Kode", "Program/Kegiatan/Sub-kegiatan", "Indikator", "Kondisi awal", *[str(y) for y in years]),
                  tuple(rows), widths=(2.2, 3.2, 2.2, 1.1, *[1.8] * len(years))))


KIND = DocumentKind(
    key="renstra", title="Rencana Strategis", short="Renstra",
    build_content=lambda office, year, _triwulan=None: build_renstra(office, year),
    sections=(
        ("pendahuluan", "Bab I — Pendahuluan"),
        ("gambaran_pelayanan", "Bab II — Gambaran Pelayanan Perangkat Daerah"),
        ("permasalahan", "Bab III — Permasalahan dan Isu Strategis"),
        ("strategi", "Bab V — Strategi dan Arah Kebijakan"),
        ("penutup", "Bab VIII — Penutup"),
    ),
    seed_binding=(SeedBinding("Rencana Strategis (RENSTRA)", frozenset(range(2, 7))),),
)
