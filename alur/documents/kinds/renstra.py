"""The Rencana Strategis (Renstra) of the period covering the year (Permendagri 86/2017): the penetapan
page, the previous period's service performance and funding (T-C.23, T-C.24), goals with their
indicators and targets per year (T-C.25) and the programmes with indicators, targets and indicative
pagu (T-C.27); portrait A4 with the wide tables on landscape pages. Not a lock: the Renstra has its
own ditetapkan/revision status."""

from __future__ import annotations

from alur.kinerja import periods
from alur.kinerja.selectors import renstra_for

from ..builders import (
    live_definitions,
    narrative_or_gap,
    new_document,
    no_renstra,
)
from ..content import (
    Document,
    Heading,
    Orientation,
    PageBreak,
    Table,
    Toc,
    number,
)
from ..narratives import narratives
from ..signature_block import office_head_block
from . import DocumentKind, SeedBinding
from .renstra_tables import goals_table, penetapan_page, programs_table, read_plan, service_tables


def plan_of(office, year: int):
    """The Renstra a Renstra document of `year` is about. Unlike every page (where a draft never
    shadows the plan in force), this document is what a Renstra run composes: the draft whose period
    holds the year when there is one (it says it is still a draft), else the plan in force."""
    draft = periods.covering_draft(periods.periods(office), year)
    return draft.renstra if draft is not None else renstra_for(office, year)


def build_renstra(office, year: int) -> Document:
    renstra = plan_of(office, year)
    doc = new_document("renstra", office, year,
               subtitle=f"Tahun {renstra.start_year}–{renstra.end_year}" if renstra else f"Tahun {year}")
    if renstra is None:
        return no_renstra(doc, office, year)
    texts = narratives(office, "renstra", year)
    plan = read_plan(renstra)
    years = plan.years
    penetapan_page(doc, renstra, office)
    doc.add(PageBreak(), Toc(), PageBreak(), Heading("BAB I Pendahuluan"))
    narrative_or_gap(doc, texts, "pendahuluan", "BAB I Pendahuluan")
    doc.add(PageBreak(), Heading("BAB II Gambaran Pelayanan Perangkat Daerah"))
    narrative_or_gap(doc, texts, "gambaran_pelayanan", "BAB II Gambaran Pelayanan Perangkat Daerah")
    doc.add(Orientation(landscape=True))  # the wide tables have landscape pages of their own
    service_tables(doc, renstra)
    doc.add(Orientation(landscape=False), Heading("BAB III Permasalahan dan Isu-Isu Strategis Perangkat Daerah"))
    narrative_or_gap(doc, texts, "permasalahan", "BAB III Permasalahan dan Isu-Isu Strategis Perangkat Daerah")
    doc.add(Orientation(landscape=True), Heading("BAB IV Tujuan dan Sasaran"))
    goals_table(doc, plan)
    doc.add(Orientation(landscape=False), Heading("BAB V Strategi dan Arah Kebijakan"))
    narrative_or_gap(doc, texts, "strategi", "Strategi dan Arah Kebijakan")
    doc.add(Orientation(landscape=True), Heading("BAB VI Rencana Program dan Kegiatan serta Pendanaan"))
    programs_table(doc, plan, office)
    doc.add(Orientation(landscape=False), Heading("BAB VII Kinerja Penyelenggaraan Bidang Urusan"))
    definitions = live_definitions(renstra, years)
    by_year = {y: {d.id: d for d in ds} for y, ds in definitions.items()}
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
