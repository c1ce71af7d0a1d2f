"""LKjIP Bab III A, one analysis per sasaran strategis (PermenPAN-RB 53/2014): its indicators' target,
realisation and capaian; the comparison with earlier years and with the Renstra's end target; with the
national standard where an indicator has one; the causes of success and failure as the units wrote
them with their realisations (faktor pendorong/penghambat, langkah perbaikan); the efficiency of the
resources behind it; the programmes and kegiatan that support it; and the office's own analysis, a
narrative section per sasaran (`sections_for`). Constant queries whatever the number of sasaran."""

from __future__ import annotations

from dataclasses import dataclass, field

from alur.kinerja.models import Kegiatan, Program, Realisasi, Sasaran
from alur.kinerja.selectors import renstra_for

from ..builders import narrative_or_gap, value_or_gap
from ..content import BulletList, Document, Heading, Paragraph, Table, number, percent, rupiah
from ..national import national_standard_comparison

TRIWULAN = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
CAUSES = (("faktor_pendorong", "Faktor pendorong"), ("faktor_penghambat", "Faktor penghambat"),
          ("langkah_perbaikan", "Langkah perbaikan"))


def section_key(code: str) -> str:
    """The narrative section of a sasaran, by its code (the same sasaran keeps its text year to year)."""
    return f"sasaran:{code}"


def sections_for(office, year: int) -> tuple[tuple[str, str], ...]:
    """One narrative section per sasaran of the Renstra covering the year (one query each)."""
    renstra = renstra_for(office, year)
    if renstra is None:
        return ()
    found = Sasaran.objects.filter(tujuan__renstra=renstra).order_by("tujuan__code", "code").values_list(
        "code", "name")
    return tuple((section_key(code), f"Bab III — Analisis sasaran {code} {name} (penyebab keberhasilan/kegagalan, "
                                     f"upaya, efisiensi)") for code, name in found)


@dataclass
class Support:
    """What the analyses of every sasaran read, fetched once."""

    codes: dict[int, tuple[str, str]]  # sasaran id -> (code, name)
    programs: dict[int | None, list] = field(default_factory=dict)  # sasaran id -> its programmes
    kegiatan: dict[int, list] = field(default_factory=dict)  # programme id -> its kegiatan
    causes: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)  # indicator -> (field, text, TW…)


def support_of(renstra, measured) -> Support:
    """Four queries: sasaran codes, programmes, kegiatan and the year's verified realisations' causes."""
    ids = {r.definition.sasaran_id for r in measured.rows if r.definition.sasaran_id}
    support = Support(codes={pk: (code, name) for pk, code, name in Sasaran.objects.filter(pk__in=ids).values_list(
        "pk", "code", "name")})
    for program in Program.objects.filter(renstra=renstra).order_by("code"):
        support.programs.setdefault(program.sasaran_id, []).append(program)
    for kegiatan in Kegiatan.objects.filter(program__renstra=renstra).order_by("code"):
        support.kegiatan.setdefault(kegiatan.program_id, []).append(kegiatan)
    quarters: dict[tuple[int, str, str], list[int]] = {}
    for indicator_id, triwulan, *texts in (Realisasi.objects.filter(
            indicator_id__in=[r.definition.id for r in measured.rows], year=measured.year,
            state__in=Realisasi.COUNTED).order_by("indicator_id", "triwulan")
            .values_list("indicator_id", "triwulan", *(name for name, _label in CAUSES))):
        for (name, _label), text in zip(CAUSES, texts, strict=True):
            if text.strip():  # the same text over several quarters is said once, with its quarters
                quarters.setdefault((indicator_id, name, text.strip()), []).append(triwulan)
    for (indicator_id, name, text), tws in quarters.items():
        support.causes.setdefault(indicator_id, []).append((name, text, ", ".join(TRIWULAN[t] for t in tws)))
    return support


def sasaran_code(group, support: Support) -> tuple[str, str]:
    """(code, name) of a group's sasaran: from the Renstra, else from the label a PK froze ("S1.1 …")."""
    sasaran_id = group.rows[0].definition.sasaran_id if group.rows else None
    if sasaran_id in support.codes:
        return support.codes[sasaran_id]
    code, _space, name = group.label.partition(" ")
    return code, name


def analyse(doc: Document, group, support: Support, texts: dict, *, measured, history: dict, standards: dict,
            end_year: int) -> str:
    """Bab III's analysis of one sasaran; returns its code (the chart's label)."""
    year = measured.year
    code, name = sasaran_code(group, support)
    doc.add(Heading(f"Sasaran {code} {name}", 3))
    rows = []
    for r in group.rows:
        d = r.definition
        real = value_or_gap(r.realisasi, doc, f"realisasi {d.code} {year}")
        rows.append((f"{d.code} {d.name}", d.satuan, number(d.target), real,
                     percent(r.capaian_shown) if r.capaian_shown is not None else "–",
                     r.category.label if r.category else "–"))
    doc.add(Table(f"Target dan realisasi {year}", ("Indikator", "Satuan", "Target", "Realisasi", "Capaian",
                                                   "Kategori"), tuple(rows), widths=(5, 1.4, 1.4, 1.6, 1.4, 1.6)))
    _comparison(doc, group, history, end_year)
    national_standard_comparison(doc, group.rows, standards, year)
    reasons = [f"{r.definition.code}: {r.definition.name}" for r in group.rows
               if r.capaian.value is not None and r.capaian.value < 100]
    if reasons:
        doc.add(Paragraph("Indikator di bawah target:"), BulletList(tuple(reasons)))
    _causes(doc, group, support, code)
    _efficiency(doc, group, support, measured, code)
    _programs(doc, group, support, code)
    doc.add(Heading(f"Analisis dan upaya sasaran {code}", 4, in_toc=False))
    narrative_or_gap(doc, texts, section_key(code), f"Analisis sasaran {code}")
    return code


def _comparison(doc: Document, group, history: dict, end_year: int) -> None:
    years = sorted(history)
    past = {y: {x.definition.id: x for x in history[y].rows} for y in years}
    rows = []
    for r in group.rows:
        d = r.definition
        earlier = [number(past[y][d.id].realisasi) if d.id in past[y] and past[y][d.id].realisasi is not None
                   else "–" for y in years]
        rows.append((f"{d.code} {d.name}", *earlier, number(r.realisasi), number(d.end_target),
                     percent(r.progress.value) if r.progress.value is not None else "–"))
    doc.add(Table("Perbandingan dengan tahun sebelumnya dan target akhir Renstra",
                  ("Indikator", *[f"Realisasi {y}" for y in years], f"Realisasi {doc.year}",
                   f"Target {end_year}", "Kemajuan thd target akhir"), tuple(rows),
                  widths=(5, *[1.4] * len(years), 1.4, 1.4, 1.8)))


def _causes(doc: Document, group, support: Support, code: str) -> None:
    """The causes the units entered with their verified realisations, per indicator and kind."""
    doc.add(Heading(f"Faktor pendorong dan penghambat sasaran {code}", 4, in_toc=False))
    said = False
    for label_key, label in CAUSES:
        items = [f"{r.definition.code} ({tws}): {text}" for r in group.rows
                 for name, text, tws in support.causes.get(r.definition.id, []) if name == label_key]
        if items:
            doc.add(Paragraph(f"{label}:"), BulletList(tuple(items)))
            said = True
    if not said:
        gap = doc.gap(f"faktor pendorong/penghambat sasaran {code}")
        doc.add(Paragraph(f"Faktor pendorong dan penghambat: {gap} (diisi unit bersama realisasinya)."))


def _efficiency(doc: Document, group, support: Support, measured, code: str) -> None:
    """The programmes behind the sasaran: their budget absorption against the sasaran's capaian."""
    doc.add(Heading(f"Efisiensi penggunaan sumber daya sasaran {code}", 4, in_toc=False))
    sasaran_id = group.rows[0].definition.sasaran_id if group.rows else None
    mine = {p.code for p in support.programs.get(sasaran_id, [])}
    budget = [b for b in measured.budget if b.code in mine]
    if not budget:
        doc.add(Paragraph(doc.gap(f"anggaran program sasaran {code} {measured.year}")))
        return
    doc.add(Table(f"Capaian sasaran {code} dan serapan anggaran programnya",
                  ("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Capaian sasaran", "Efisiensi"),
                  tuple((b.code, b.name, rupiah(b.pagu), rupiah(b.realisasi), percent(b.serapan), percent(b.capaian),
                         b.efficiency or "–") for b in budget),
                  widths=(1.5, 3.6, 2.1, 2.1, 1.3, 1.4, 1.6)))


def _programs(doc: Document, group, support: Support, code: str) -> None:
    doc.add(Heading(f"Program dan kegiatan pendukung sasaran {code}", 4, in_toc=False))
    sasaran_id = group.rows[0].definition.sasaran_id if group.rows else None
    programs = support.programs.get(sasaran_id, [])
    if not programs:
        doc.add(Paragraph(doc.gap(f"program pendukung sasaran {code}")))
        return
    items = []
    for p in programs:
        kegiatan = support.kegiatan.get(p.pk, [])
        items.append(f"{p.code} {p.name}" + (": kegiatan " + "; ".join(f"{k.code} {k.name}" for k in kegiatan)
                                              if kegiatan else ""))
    doc.add(BulletList(tuple(items)))
