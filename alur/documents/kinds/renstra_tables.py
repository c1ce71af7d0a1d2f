"""The tables of the Renstra document in the formats of Permendagri 86/2017, lampiran I.C: T-C.23
(pencapaian kinerja pelayanan) and T-C.24 (anggaran dan realisasi pendanaan pelayanan) of Bab II, T-C.25
(tujuan dan sasaran) of Bab IV, T-C.27 (rencana program, kegiatan dan pendanaan) of Bab VI, and the
penetapan page. Each reads in a constant number of queries, whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from alur.core.kinerja import Aggregation, aggregate
from alur.core.sop.vocabulary import tanggal
from alur.kinerja.models import (
    BudgetLine,
    Kegiatan,
    PaguIndikatif,
    Program,
    Realisasi,
    Renstra,
    RenstraRevision,
    SubKegiatan,
    Tujuan,
)
from alur.kinerja.selectors import capaian_of
from alur.kinerja.snapshots import definition_of, indicator_rows, targets_by_indicator
from alur.org.models import Position
from alur.org.selectors import rows_with_holders

from ..content import Document, Heading, Paragraph, Table, number, percent, rupiah
from ..signers import jabatan_of

GOVERNMENT_PREFIXES = ("Pemerintah ",)


def juta(amount: Decimal) -> str:
    """Rupiah in millions (T-C.27's money columns are narrow): 2.784.000.000 -> '2.784,00'."""
    return number(amount / 1_000_000, 2)


def plan_years(renstra: Renstra) -> list[int]:
    """The target years of a plan: its first year is the kondisi awal (baseline)."""
    return [y for y in renstra.years if y > renstra.start_year] or renstra.years


def lokasi_of(office) -> str:
    """Where an OPD's programmes are carried out: the area of its government (the model keeps no
    location per programme; an OPD of a kabupaten serves the whole kabupaten)."""
    government = getattr(office, "government", "") or ""
    for prefix in GOVERNMENT_PREFIXES:
        if government.startswith(prefix):
            return government[len(prefix):]
    return government or office.name


@dataclass
class Plan:
    """A plan's tree and figures, read once (eight queries)."""

    renstra: Renstra
    years: list[int]
    tujuan: list  # Tujuan with their sasaran prefetched
    indicators: list  # every Indicator of the plan, any level
    annual: dict  # (indicator id, year) -> target
    programs: list
    kegiatan: dict  # program id -> [Kegiatan]
    sub_kegiatan: dict  # kegiatan id -> [SubKegiatan]
    pagu: dict  # ("p" | "k" | "s", id, year) -> amount

    def indicators_of(self, **level) -> list:
        (name, pk), = level.items()
        return [i for i in self.indicators if getattr(i, f"{name}_id") == pk]

    def target(self, indicator, year: int):
        return self.annual.get((indicator.pk, year))


def read_plan(renstra: Renstra) -> Plan:
    years = plan_years(renstra)
    tujuan = list(Tujuan.objects.filter(renstra=renstra).prefetch_related("sasaran").order_by("code"))
    indicators = list(indicator_rows([renstra.pk], sasaran_only=False))
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], [renstra.start_year, *years])
    programs = list(Program.objects.filter(renstra=renstra).select_related("unit", "sasaran").order_by("code"))
    kegiatan: dict[int, list] = {}
    for k in Kegiatan.objects.filter(program__renstra=renstra).select_related("unit").order_by("code"):
        kegiatan.setdefault(k.program_id, []).append(k)
    subs: dict[int, list] = {}
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).select_related("unit").order_by("code"):
        subs.setdefault(s.kegiatan_id, []).append(s)
    pagu = {}
    for p_id, k_id, s_id, year, amount in PaguIndikatif.objects.filter(year__in=years).filter(
            Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
            | Q(sub_kegiatan__kegiatan__program__renstra=renstra)).values_list(
            "program_id", "kegiatan_id", "sub_kegiatan_id", "year", "amount"):
        key = ("p", p_id) if p_id else ("k", k_id) if k_id else ("s", s_id)
        pagu[(*key, year)] = amount
    return Plan(renstra=renstra, years=years, tujuan=tujuan, indicators=indicators, annual=annual,
                programs=programs, kegiatan=kegiatan, sub_kegiatan=subs, pagu=pagu)


# -- T-C.25 -------------------------------------------------------------------------------------------

def goals_table(doc: Document, plan: Plan) -> None:
    """T-C.25: each tujuan and its sasaran with their indicators, satuan, kondisi awal, the target of
    every year and the kondisi akhir (the target of the plan's last year)."""
    renstra, years = plan.renstra, plan.years
    rows = []
    for t in plan.tujuan:  # Alur's plan holds indicators of sasaran and below only: a tujuan's is a gap
        doc.gaps.append(f"indikator tujuan {t.code}")
        rows.append((f"{t.code} {t.name}", "", "Indikator tujuan: belum tercatat dalam data Renstra",
                     "", "", *[""] * len(years), ""))
        for s in sorted(t.sasaran.all(), key=lambda s: s.code):
            indicators = plan.indicators_of(sasaran=s.pk)
            if not indicators:
                rows.append(("", f"{s.code} {s.name}", doc.gap(f"indikator sasaran {s.code}"), "", "",
                             *[""] * len(years), ""))
            for n, i in enumerate(indicators):
                rows.append(_goal_row(doc, plan, f"{s.code} {s.name}" if n == 0 else "", i))
    if not rows:
        doc.add(Paragraph(doc.gap("tujuan dan sasaran Renstra")))
        return
    doc.add(Table("Tabel 4.1 Tujuan dan sasaran jangka menengah pelayanan Perangkat Daerah (T-C.25)",
                  ("Tujuan", "Sasaran", "Indikator tujuan/sasaran", "Satuan", f"Kondisi awal ({renstra.start_year})",
                   *[f"Target {y}" for y in years], f"Kondisi akhir ({renstra.end_year})"), tuple(rows),
                  widths=(2.6, 2.8, 3.6, 1.3, 1.3, *[1.1] * len(years), 1.3)))


def _goal_row(doc: Document, plan: Plan, sasaran: str, indicator) -> tuple:
    targets = []
    for y in plan.years:
        value = plan.target(indicator, y)
        if value is None:
            doc.gap(f"target {indicator.code} {y}")
        targets.append(number(value))
    return ("", sasaran, f"{indicator.code} {indicator.name}", indicator.satuan, number(indicator.baseline),
            *targets, number(plan.target(indicator, plan.renstra.end_year)))


# -- T-C.27 -------------------------------------------------------------------------------------------

def programs_table(doc: Document, plan: Plan, office) -> None:
    """T-C.27: tujuan, sasaran, programme, kegiatan and sub-kegiatan, each with its indicators (one row
    each), kondisi awal, target and pagu indikatif of every year, the kondisi akhir (last target, total
    pagu), the unit penanggung jawab and the lokasi."""
    years, lokasi = plan.years, lokasi_of(office)
    rows: list[tuple] = []

    def element(code: str, label: str, indicators: list, pagu_key: tuple | None, unit: str, where: str) -> None:
        amounts = [plan.pagu.get((*pagu_key, y)) for y in years] if pagu_key else [None] * len(years)
        total = sum((a for a in amounts if a is not None), Decimal(0)) if any(a is not None for a in amounts) else None
        for n, indicator in enumerate(indicators or [None]):
            first = n == 0
            cells = []
            for y, amount in zip(years, amounts, strict=True):
                target = number(plan.target(indicator, y)) if indicator else ""
                money = f"Rp {juta(amount)}" if first and amount is not None else ""
                cells.append("\n".join(x for x in (target, money) if x))
            end = number(plan.target(indicator, plan.renstra.end_year)) if indicator else ""
            end_money = f"Rp {juta(total)}" if first and total is not None else ""
            rows.append((code if first else "", label if first else "",
                         f"{indicator.code} {indicator.name}" if indicator else "–",
                         indicator.satuan if indicator else "", number(indicator.baseline) if indicator else "",
                         *cells, "\n".join(x for x in (end, end_money) if x),
                         unit if first else "", where if first else ""))

    by_sasaran: dict[int | None, list] = {}
    for p in plan.programs:
        by_sasaran.setdefault(p.sasaran_id, []).append(p)

    def programme(p) -> None:
        element(p.code, p.name, plan.indicators_of(program=p.pk), ("p", p.pk), p.unit.name, lokasi)
        for k in plan.kegiatan.get(p.pk, []):
            element(k.code, k.name, plan.indicators_of(kegiatan=k.pk), ("k", k.pk), k.unit.name,
                    lokasi)
            for s in plan.sub_kegiatan.get(k.pk, []):
                element(s.code, s.name, plan.indicators_of(sub_kegiatan=s.pk), ("s", s.pk),
                        s.unit.name, lokasi)

    for t in plan.tujuan:
        element(t.code, f"Tujuan: {t.name}", [], None, "", "")
        for s in sorted(t.sasaran.all(), key=lambda s: s.code):
            element(s.code, f"Sasaran: {s.name}", plan.indicators_of(sasaran=s.pk), None, "", "")
            for p in by_sasaran.pop(s.pk, []):
                programme(p)
    for p in (p for ps in by_sasaran.values() for p in ps):  # programmes serving no sasaran, listed last
        programme(p)
    if not plan.programs:
        doc.add(Paragraph(doc.gap("program Renstra")))
        return
    doc.add(Table("Tabel 6.1 Rencana program, kegiatan, sub-kegiatan dan pendanaan indikatif (T-C.27): "
                  "per tahun target kinerja dan pagu indikatif (Rp juta)",
                  ("Kode", "Tujuan/Sasaran/Program/Kegiatan/Sub-kegiatan", "Indikator kinerja", "Satuan",
                   f"Kondisi awal ({plan.renstra.start_year})", *[str(y) for y in years],
                   f"Kondisi akhir ({plan.renstra.end_year})", "Unit penanggung jawab", "Lokasi"), tuple(rows),
                  widths=(2.1, 3.2, 2.6, 1.4, 1.2, *[1.45] * len(years), 1.5, 2.1, 1.9)))


# -- T-C.23 and T-C.24 ----------------------------------------------------------------------------------

def source_of(renstra: Renstra) -> tuple[Renstra, str]:
    """Whose performance Bab II reviews: the previous plan of the office (Permendagri 86/2017: the
    previous period's Renstra), or, while Alur holds none, this plan's years so far, said so."""
    previous = (Renstra.objects.filter(office_id=renstra.office_id, end_year__lte=renstra.start_year)
                .exclude(pk=renstra.pk).order_by("-end_year").first())
    if previous is not None:
        return previous, f"Renstra periode sebelumnya ({previous.start_year}–{previous.end_year})"
    return renstra, (f"Renstra {renstra.start_year}–{renstra.end_year} sampai dengan tahun berjalan (Renstra periode "
                     f"sebelumnya belum tercatat di Alur)")


def service_tables(doc: Document, renstra: Renstra) -> None:
    """Bab II: T-C.23 from the source plan's indicators (target, verified realisation, capaian per
    year) and T-C.24 from its budget lines (anggaran, realisasi, rasio per year, mean growth)."""
    source, said = source_of(renstra)
    years = [y for y in plan_years(source) if y <= timezone.localdate().year]
    doc.add(Paragraph(f"Tabel berikut menyajikan pencapaian kinerja pelayanan dan pendanaannya menurut {said}; "
                      f"realisasi yang dihitung hanya yang telah diverifikasi."))
    _performance_table(doc, source, years)
    _funding_table(doc, source, years)


def _performance_table(doc: Document, source: Renstra, years: list[int]) -> None:
    indicators = list(indicator_rows([source.pk]))
    annual, quarters = targets_by_indicator([i.pk for i in indicators], [*years, source.end_year])
    cells: dict[tuple[int, int], list] = {}
    for indicator_id, year, triwulan, value in Realisasi.objects.filter(
            indicator_id__in=[i.pk for i in indicators], year__in=years, state__in=Realisasi.COUNTED).values_list(
            "indicator_id", "year", "triwulan", "value"):
        cells.setdefault((indicator_id, year), [None] * 4)[triwulan - 1] = value
    rows = []
    for i in indicators:
        targets, reals, ratios = [], [], []
        for y in years:
            d = definition_of(i, y, source.end_year, annual, quarters)
            real = aggregate(cells.get((i.pk, y), [None] * 4), Aggregation(i.aggregation))
            result = capaian_of(d, d.target, real)
            targets.append(number(d.target))
            reals.append(number(real))
            ratios.append(percent(result.value))
        standard = number(i.national_standard) if i.national_standard is not None else "–"
        rows += [(i.code, i.name, i.satuan, standard, "Target", *targets),
                 ("", "", "", "", "Realisasi", *reals),
                 ("", "", "", "", "Capaian", *ratios)]
    if not rows:
        doc.add(Paragraph(doc.gap(f"indikator Renstra {source.start_year}–{source.end_year}")))
        return
    doc.add(Table(f"Tabel 2.1 Pencapaian kinerja pelayanan Perangkat Daerah {years[0]}–{years[-1]} (T-C.23)",
                  ("Kode", "Indikator kinerja sesuai tugas dan fungsi", "Satuan", "Standar nasional", "Uraian",
                   *[str(y) for y in years]), tuple(rows),
                  widths=(1.3, 4.6, 1.3, 1.3, 1.5, *[1.3] * len(years))))


def _growth(values: list) -> Decimal | None:
    """The mean year-on-year growth (%) of a series, over the consecutive years both known and non-zero."""
    steps = [(b - a) / a * 100 for a, b in zip(values, values[1:], strict=False)
             if a is not None and b is not None and a != 0]
    return sum(steps, Decimal(0)) / len(steps) if steps else None


def _funding_table(doc: Document, source: Renstra, years: list[int]) -> None:
    totals: dict[tuple[int, int], list] = {}
    for program_id, year, pagu, spent in BudgetLine.objects.filter(
            program__renstra=source, year__in=years, kegiatan__isnull=True).values_list(
            "program_id", "year", "pagu", "realisasi"):
        entry = totals.setdefault((program_id, year), [Decimal(0), Decimal(0)])
        entry[0] += pagu
        entry[1] += spent
    rows = []
    for p in Program.objects.filter(renstra=source).order_by("code"):
        budget = [totals[(p.pk, y)][0] if (p.pk, y) in totals else None for y in years]
        spent = [totals[(p.pk, y)][1] if (p.pk, y) in totals else None for y in years]
        ratio = [percent(s / b * 100) if b else "–" for b, s in zip(budget, spent, strict=True)]
        rows += [(p.code, p.name, "Anggaran (Rp)", *[rupiah(b) for b in budget], percent(_growth(budget))),
                 ("", "", "Realisasi (Rp)", *[rupiah(s) for s in spent], percent(_growth(spent))),
                 ("", "", "Rasio realisasi/anggaran", *ratio, "")]
    if not any(totals):
        doc.add(Paragraph(doc.gap(f"anggaran program {years[0] if years else ''}–{years[-1] if years else ''}")))
        return
    doc.add(Table(f"Tabel 2.2 Anggaran dan realisasi pendanaan pelayanan Perangkat Daerah {years[0]}–{years[-1]} "
                  f"(T-C.24)", ("Kode", "Program", "Uraian", *[str(y) for y in years], "Rata-rata pertumbuhan"),
                  tuple(rows), widths=(1.3, 3.6, 2.2, *[2.1] * len(years), 1.6)))


# -- penetapan ----------------------------------------------------------------------------------------

def penetapan_page(doc: Document, renstra: Renstra, office) -> None:
    """Who set the plan (ditetapkan), when, and every revision since, from RenstraRevision; a draft
    says it is not yet in force."""
    revisions = list(RenstraRevision.objects.filter(renstra=renstra).select_related("ditetapkan_by__employee")
                     .order_by("number"))
    doc.add(Heading("Penetapan Rencana Strategis"))
    period = f"Rencana Strategis {office.name} Tahun {renstra.start_year}–{renstra.end_year}"
    if renstra.status != Renstra.Status.DITETAPKAN or not revisions:
        doc.add(Paragraph(f"{period} masih berstatus DRAF dan belum ditetapkan; dokumen ini belum berlaku."),
                Paragraph(doc.gap("penetapan Renstra")))
        return
    last = revisions[-1]
    day = timezone.localtime(last.ditetapkan_at).date()
    head = _head_on(office, day)
    doc.add(Paragraph(
        f"{period} ditetapkan pada tanggal {tanggal(day)}"
        + (f" oleh {head}" if head else "") + (f" (revisi ke-{last.number})" if last.number else "") + "."))
    if head is None:  # the organisation records nobody heading the office that day: said, and a gap
        doc.add(Paragraph(f"Kepala Perangkat Daerah yang menetapkan: {doc.gap(f'kepala OPD pada {tanggal(day)}')} "
                          f"(tidak ada pemangku jabatan kepala yang tercatat pada tanggal itu)."))
    if last.number and last.reason:
        doc.add(Paragraph(f"Alasan revisi ke-{last.number}: {last.reason}"))
    doc.add(Table("Riwayat penetapan", ("Revisi", "Ditetapkan pada", "Dicatat oleh", "Alasan"),
                  tuple((str(r.number) if r.number else "awal", tanggal(timezone.localtime(r.ditetapkan_at).date()),
                         _who(r.ditetapkan_by), r.reason or "–") for r in revisions),
                  widths=(1.2, 2.6, 3.6, 6)))


def _who(user) -> str:
    if user is None:
        return "– (tidak tercatat)"
    employee = getattr(user, "employee", None)
    return employee.name if employee is not None else user.get_username()


def _head_on(office, day) -> str | None:
    """'Name, Kepala Dinas …' of whoever headed the office on `day` (holder or Plt/Plh), or None."""
    heads = Position.objects.filter(office=office, is_head=True).order_by("pk")
    acting = next((a for _position, a in rows_with_holders(heads, day, via="") if a is not None), None)
    if acting is None:
        return None
    nip = f" (NIP. {acting.employee.nip})" if acting.employee.nip else ""
    return f"{jabatan_of(acting.title, office)}, {acting.employee.name}{nip}"
