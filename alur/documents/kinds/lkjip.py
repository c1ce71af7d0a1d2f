"""The Laporan Kinerja Instansi Pemerintah (LKjIP) of a year, with every part PermenPAN-RB 53/2014
asks for. Not a lock: its narratives live outside kinerja."""

from __future__ import annotations

from decimal import Decimal

from alur.core.kinerja.periods import ROMAN, report_year
from alur.kinerja.models import (
    PerjanjianKinerja,
    Program,
)
from alur.kinerja.selectors import pengukuran
from alur.kinerja.snapshots import definitions_from_snapshot

from ..builders import (
    narrative_or_gap,
    new_document,
    no_renstra,
    pk_of,
    pk_snapshot,
    value_or_gap,
)
from ..content import (
    Chart,
    Document,
    Heading,
    Orientation,
    PageBreak,
    Paragraph,
    SignatureParty,
    Signatures,
    Table,
    Toc,
    number,
    percent,
    rupiah,
)
from ..narratives import narratives
from ..national import national_standards
from ..signature_block import office_head_block
from . import DocumentKind, SeedBinding
from .lkjip_sasaran import analyse, sections_for, support_of


def build_lkjip(office, year: int) -> Document:
    doc = new_document("lkjip", office, year)
    measured = pengukuran(office, year)
    renstra = measured.renstra
    if renstra is None:
        return no_renstra(doc, office, year)
    texts = narratives(office, "lkjip", year)
    standards = national_standards(measured.rows)
    history = {y: pengukuran(office, y) for y in range(max(renstra.start_year, year - 2), year)}
    doc.add(Heading("Kata Pengantar", in_toc=True))
    narrative_or_gap(doc, texts, "kata_pengantar", "Kata Pengantar")
    doc.add(office_head_block(doc, office, year + 1))
    doc.add(PageBreak(), Toc(), PageBreak(), Heading("Ikhtisar Eksekutif"))
    narrative_or_gap(doc, texts, "ikhtisar", "Ikhtisar Eksekutif")
    counted = [r for r in measured.rows if r.capaian.value is not None]
    mean = sum((r.capaian.value for r in counted), Decimal(0)) / len(counted) if counted else None
    doc.add(Paragraph(f"Dari {len(measured.rows)} indikator kinerja tahun {year}, {len(counted)} memiliki realisasi "
                      f"terverifikasi dengan rata-rata capaian "
                      f"{percent(mean) if mean is not None else doc.gap('rata-rata capaian')}."))
    covered = _covered_through(measured)
    doc.add(Paragraph(_coverage_sentence(doc, covered, year)))
    doc.add(PageBreak(), Heading("BAB I Pendahuluan"), Heading("A. Latar Belakang", 2))
    narrative_or_gap(doc, texts, "latar_belakang", "Latar Belakang")
    doc.add(Heading("B. Tugas, Fungsi dan Struktur Organisasi", 2))
    narrative_or_gap(doc, texts, "tugas_fungsi", "Tugas, Fungsi dan Struktur Organisasi")
    doc.add(Heading("C. Isu Strategis", 2))
    narrative_or_gap(doc, texts, "isu_strategis", "Isu Strategis")

    doc.add(PageBreak(), Heading("BAB II Perencanaan Kinerja"), Heading("A. Rencana Strategis", 2),
            Paragraph(f"{renstra.title} {renstra.start_year}–{renstra.end_year} menetapkan tujuan dan sasaran "
                      f"strategis berikut beserta indikatornya."))
    _renstra_goals(doc, measured, renstra)
    doc.add(Heading(f"B. Perjanjian Kinerja Tahun {year}", 2))
    pk = pk_of(office, year)
    if pk is None:
        doc.add(Paragraph(doc.gap(f"Perjanjian Kinerja tahun {year}")))
    else:
        _pk_targets_table(doc, pk)

    doc.add(PageBreak(), Heading("BAB III Akuntabilitas Kinerja"), Heading("A. Capaian Kinerja Organisasi", 2))
    scale_text = "; ".join(f"{s.label} ({s.rule_text()})" for s in measured.scale)  # "> 90 dan ≤ 100"
    if scale_text:
        doc.add(Paragraph(f"Kategori capaian: {scale_text}."))
    support = support_of(renstra, measured)
    chart_labels, chart_values = [], []
    for group in measured.groups:
        code = analyse(doc, group, support, texts, measured=measured, history=history, standards=standards,
                       end_year=renstra.end_year)
        values = [r.capaian.value for r in group.rows if r.capaian.value is not None]
        chart_labels.append(code)  # the sasaran's own code (S1.1 …), as in the headings
        chart_values.append(float(sum(values) / len(values)) if values else None)
    doc.add(Chart("Grafik 1. Rata-rata capaian per sasaran (%)", tuple(chart_labels),
                  (("Capaian", tuple(chart_values)),)))
    trend_years = [*sorted(history), year]
    all_years = {**history, year: measured}
    trend = []
    for y in trend_years:
        values = [r.capaian.value for r in all_years[y].rows if r.capaian.value is not None]
        trend.append(float(sum(values) / len(values)) if values else None)
    doc.add(Chart("Grafik 2. Tren rata-rata capaian kinerja (%)", tuple(str(y) for y in trend_years),
                  (("Capaian", tuple(trend)),)))
    doc.add(Heading("Analisis capaian", 3))  # over all sasaran; each has its own analysis above
    narrative_or_gap(doc, texts, "analisis", "Analisis capaian")
    doc.add(Heading("Efisiensi penggunaan sumber daya", 3))
    if measured.budget:
        doc.add(Table("Capaian kinerja dan serapan anggaran", ("Kode", "Program", "Capaian sasaran", "Serapan",
                                                               "Efisiensi"),
                      tuple((b.code, b.name, percent(b.capaian), percent(b.serapan), b.efficiency or "–")
                            for b in measured.budget), widths=(1.6, 5, 1.6, 1.6, 2)))
    else:
        doc.add(Paragraph(doc.gap(f"anggaran program {year}")))
    doc.add(Heading("Program pendukung sasaran", 3))
    _programs_behind(doc, renstra, measured)
    doc.add(Heading("B. Realisasi Anggaran", 2))
    for b in measured.budget:  # a programme's own lines disagree with its kegiatan's: named, not hidden
        doc.gaps.extend(f"periksa anggaran: {warning}" for warning in b.warnings)
    if measured.budget:
        pagu = sum((b.pagu for b in measured.budget), Decimal(0))
        spent = sum((b.realisasi for b in measured.budget), Decimal(0))
        doc.add(Table(f"Realisasi anggaran {year}", ("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"),
                      tuple((b.code, b.name, rupiah(b.pagu), rupiah(b.realisasi), percent(b.serapan))
                            for b in measured.budget),
                      total=("", "TOTAL", rupiah(pagu), rupiah(spent),
                             percent((spent / pagu * 100) if pagu else None)), widths=(1.6, 5, 2.2, 2.2, 1.4)))
    else:
        doc.add(Paragraph(doc.gap(f"realisasi anggaran {year}")))
    doc.add(PageBreak(), Heading("BAB IV Penutup"))
    narrative_or_gap(doc, texts, "penutup", "Penutup")
    doc.add(office_head_block(doc, office, year + 1))  # the head signs the report in the year after
    doc.add(PageBreak(), Heading("Pernyataan Telah Direviu"), Paragraph(
        f"Kami telah mereviu Laporan Kinerja {office.name} Tahun {year} sesuai Pedoman Reviu atas Laporan Kinerja. "
        f"Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen {office.name}. "
        f"Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah disajikan secara akurat, "
        f"andal, dan valid."),
            Signatures(place_date=f"..................., {year + 1}",
                       parties=(SignatureParty("", "Inspektur", "..............................",
                                               ("NIP. ....................",)),)))
    doc.add(PageBreak(), Heading("Lampiran"), Heading(f"Lampiran 1. Perjanjian Kinerja Tahun {year}", 2))
    if pk is None:
        doc.add(Paragraph(doc.gap(f"lampiran Perjanjian Kinerja {year}")))
    else:
        _pk_targets_table(doc, pk)
        _pk_programs_table(doc, pk)
    doc.add(Orientation(landscape=True))  # the measurement table is wide: its own landscape pages
    doc.add(Heading(f"Lampiran 2. Pengukuran Kinerja Tahun {year}", 2))
    rows = []
    for r in measured.rows:
        d = r.definition
        quarters = [number(c.value) if c is not None and c.counts else "–" for c in r.quarters]
        rows.append((d.code, d.name, number(d.target), *quarters, number(r.realisasi),
                     percent(r.capaian_shown) if r.capaian_shown is not None else "–"))
    heading = f"Pengukuran kinerja per triwulan ({_coverage_phrase(covered, year)})"
    doc.add(Table(heading, ("Kode", "Indikator", "Target", "TW I", "TW II", "TW III",
                            "TW IV", "Realisasi", "Capaian"), tuple(rows),
                  widths=(1.2, 4.5, 1.2, 1, 1, 1, 1, 1.3, 1.3)))
    return doc


def _covered_through(measured) -> int | None:
    """The last triwulan of the year with any verified realisation (None: none yet). A report written
    before the year's data is in covers fewer quarters, and must say so (issue 18 item 4)."""
    return max((q for q in range(1, 5) for r in measured.rows
                if r.quarters[q - 1] is not None and r.quarters[q - 1].counts), default=None)


def _coverage_phrase(covered: int | None, year: int) -> str:
    if covered is None:
        return f"belum ada data realisasi terverifikasi tahun {year}"
    return f"data realisasi sampai dengan Triwulan {ROMAN[covered]} {year}"


def _coverage_sentence(doc: Document, covered: int | None, year: int) -> str:
    """What period the figures cover; each quarter not yet in is a place without data, so signing the
    report needs the signer's confirmation."""
    if covered == 4:
        return f"Angka dalam laporan ini memuat {_coverage_phrase(covered, year)} (satu tahun penuh)."
    for q in range((covered or 0) + 1, 5):
        doc.gap(f"realisasi Triwulan {ROMAN[q]} {year}")
    first_missing = ROMAN[(covered or 0) + 1]
    missing = f"Triwulan {first_missing}" + ("" if first_missing == "IV" else "–IV")
    return (f"Angka dalam laporan ini memuat {_coverage_phrase(covered, year)}; realisasi {missing} {year} "
            f"belum tersedia, sehingga capaian belum mencerminkan satu tahun penuh.")


def _pk_targets_table(doc: Document, pk: PerjanjianKinerja) -> None:
    definitions = definitions_from_snapshot(pk_snapshot(pk))
    doc.add(Table(f"Perjanjian Kinerja {pk.year}" + (" (ditandatangani)" if pk.signed_at else " (draf)"),
                  ("Sasaran", "Indikator", "Target", "Satuan"),
                  tuple((d.sasaran, d.name, value_or_gap(d.target, doc, f"target PK {d.code}"), d.satuan)
                        for d in definitions), widths=(4, 5, 1.5, 1.5)))


def _renstra_goals(doc: Document, measured, renstra) -> None:
    """Bab II A: the tujuan, sasaran and indicators of the plan (as the year's PK froze them, if signed)."""
    rows, last = [], (None, None)
    for group in measured.groups:
        for r in group.rows:
            d = r.definition
            rows.append((group.tujuan if group.tujuan != last[0] else "", group.label if group.label != last[1] else "",
                         f"{d.code} {d.name}", d.satuan, number(d.baseline), number(d.end_target)))
            last = (group.tujuan, group.label)
    if not rows:
        doc.add(Paragraph(doc.gap("sasaran dan indikator Renstra")))
        return
    doc.add(Table(f"Tujuan, sasaran strategis dan indikator kinerja {renstra.start_year}–{renstra.end_year}",
                  ("Tujuan", "Sasaran strategis", "Indikator kinerja", "Satuan", "Kondisi awal",
                   f"Target {renstra.end_year}"), tuple(rows), widths=(3, 3.4, 4.3, 1.7, 1.3, 1.3)))


def _pk_programs_table(doc: Document, pk: PerjanjianKinerja) -> None:
    """The PK's second table: its programmes and their anggaran, as the PK froze them."""
    programs = pk_snapshot(pk).get("programs", [])
    if not programs:
        doc.add(Paragraph(doc.gap(f"program dan anggaran Perjanjian Kinerja {pk.year}")))
        return
    total = sum((Decimal(p["anggaran"]) for p in programs), Decimal(0))
    doc.add(Table(f"Program dan anggaran Perjanjian Kinerja {pk.year}", ("No", "Kode", "Program", "Anggaran (Rp)"),
                  tuple((str(n), p["code"], p["name"], rupiah(Decimal(p["anggaran"])))
                        for n, p in enumerate(programs, start=1)),
                  total=("", "", "TOTAL", rupiah(total)), widths=(0.6, 1.6, 6, 2.4)))


def _programs_behind(doc: Document, renstra, measured) -> None:
    programs = list(Program.objects.filter(renstra=renstra).select_related("sasaran").order_by("code"))
    rows = [(p.code, p.name, f"{p.sasaran.code} {p.sasaran.name}" if p.sasaran else "–") for p in programs]
    if rows:
        doc.add(Table("Program yang mendukung sasaran", ("Kode", "Program", "Sasaran"), tuple(rows),
                      widths=(1.6, 5, 5)))
    else:
        doc.add(Paragraph(doc.gap("program Renstra")))


KIND = DocumentKind(
    key="lkjip", title="Laporan Kinerja Instansi Pemerintah", short="LKjIP",
    default_year=report_year,  # last year's report; in December the year's own
    build_content=lambda office, year, _triwulan=None: build_lkjip(office, year),
    sections=(
        ("kata_pengantar", "Kata Pengantar"),
        ("ikhtisar", "Ikhtisar Eksekutif"),
        ("latar_belakang", "Bab I — Latar Belakang"),
        ("tugas_fungsi", "Bab I — Tugas, Fungsi dan Struktur Organisasi"),
        ("isu_strategis", "Bab I — Isu Strategis"),
        ("analisis", "Bab III — Analisis capaian keseluruhan (ringkasan atas semua sasaran)"),
        ("penutup", "Bab IV — Penutup"),
    ),
    data_sections=sections_for, data_sections_before="analisis",  # Bab III: an analysis per sasaran
    seed_binding=(SeedBinding("Laporan Akuntabilitas Instansi Pemerintah (LAKIP)", frozenset(range(2, 7))),
                  SeedBinding("Laporan Kinerja Instansi Pemerintah (LkjIP)", frozenset(range(2, 7)))),
)
