"""Build each SAKIP document's content from the office's verified data (constant queries: every
read is one query over all indicators/programmes, never one per indicator).

Only verified realisations (diverifikasi, disahkan) appear as figures; a place without them shows
`content.NO_DATA` and is listed in the document's gaps (the generation report)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from alur.kinerja.models import (
    Evidence,
    Kegiatan,
    PaguIndikatif,
    PerjanjianKinerja,
    Program,
    Realisasi,
    Renja,
    RenjaLine,
)
from alur.kinerja.selectors import capaian_of, definitions_for, pengukuran, renstra_for
from alur.kinerja.snapshots import (
    definition_of,
    definitions_from_snapshot,
    indicator_rows,
    targets_by_indicator,
    year_snapshot,
)

from .content import (
    NO_DATA,
    BulletList,
    Chart,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signatures,
    Table,
    Toc,
    number,
    percent,
    rupiah,
)
from .narratives import blocks_of, narratives
from .national import national_standard_comparison, national_standards
from .signers import Signer, pk_first_party

ROMAN = ["I", "II", "III", "IV"]
KINDS = {
    "iku": "Dokumen Indikator Kinerja Utama",
    "pk": "Perjanjian Kinerja",
    "data_kinerja": "Laporan Data Kinerja",
    "lkjip": "Laporan Kinerja Instansi Pemerintah",
    "renja": "Rencana Kerja",
    "renstra": "Rencana Strategis",
}


def build(kind: str, office, year: int, triwulan: int | None = None) -> Document:
    if kind == "data_kinerja":
        return build_data_kinerja(office, year, triwulan or 1)
    return BUILDERS[kind](office, year)


def _new(kind: str, office, year: int, subtitle: str = "") -> Document:
    title = KINDS[kind]
    doc = Document(kind=kind, title=title, subtitle=subtitle or f"Tahun {year}", office=office.name, year=year)
    doc.cover = (title.upper(), doc.subtitle.upper(), office.name.upper(), office.government.upper()
                 if getattr(office, "government", "") else "", str(year))
    return doc


def _narrative(doc: Document, texts: dict, key: str, where: str) -> None:
    """A narrative section's paragraphs, or the gap notice when nobody has written it yet."""
    item = texts.get(key)
    if item is None or not item.text.strip():
        doc.add(Paragraph(f"[{doc.gap(f'{where}: narasi belum ditulis')}: narasi '{where}' belum ditulis]"))
        return
    doc.add(*blocks_of(item.text))


def _value(value: Decimal | None, doc: Document | None = None, where: str = "") -> str:
    if value is None:
        return doc.gap(where) if doc is not None else "–"
    return number(value)


def live_definitions(renstra, years: list[int]) -> dict[int, list]:
    """Definitions of each year from today's indicator rows (three queries): the IKU and the Renstra
    define the indicators themselves, so they read the live rows, not a signed PK's frozen copy."""
    indicators = list(indicator_rows([renstra.pk]))
    annual, quarters = targets_by_indicator([i.pk for i in indicators], [*years, renstra.end_year])
    return {y: [definition_of(i, y, renstra.end_year, annual, quarters) for i in indicators] for y in years}


def _no_renstra(doc: Document, office, year: int) -> Document:
    doc.add(Heading("Data belum tersedia"),
            Paragraph(doc.gap(f"Renstra yang mencakup tahun {year} untuk {office.name}")))
    return doc


# -- Dokumen IKU --------------------------------------------------------------------------------------

def build_iku(office, year: int) -> Document:
    doc = _new("iku", office, year)
    renstra = renstra_for(office, year)
    if renstra is None:
        return _no_renstra(doc, office, year)
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
                     *[_value(t.target if t else None, doc, f"target {d.code} {y}") for t, y in zip(targets, years,
                                                                                                  strict=True)]))
    doc.add(Table("Tabel 1. Indikator Kinerja Utama",
                  ("Sasaran", "Indikator", "Definisi/Formula", "Satuan", "Sumber Data", "Penanggung Jawab",
                   *[str(y) for y in years]), tuple(rows),
                  widths=(3, 3, 4, 1.5, 2, 2.2, *[1.2] * len(years))))
    return doc


# -- Perjanjian Kinerja ----------------------------------------------------------------------------

def pk_of(office, year: int) -> PerjanjianKinerja | None:
    """The PK in force (highest signed version), else the newest draft."""
    pks = list(PerjanjianKinerja.objects.filter(office=office, year=year).select_related("pihak_pertama")
               .order_by("-version"))
    return next((pk for pk in pks if pk.signed_at), pks[0] if pks else None)


def _pk_snapshot(pk: PerjanjianKinerja) -> dict:
    return pk.snapshot if pk.snapshot else year_snapshot(pk.renstra, pk.year)


def build_pk(office, year: int) -> Document:
    doc = _new("pk", office, year)
    pk = pk_of(office, year)
    if pk is None:
        doc.add(Heading("Data belum tersedia"), Paragraph(doc.gap(f"Perjanjian Kinerja tahun {year}")))
        return doc
    if pk.version > 1:
        doc.subtitle = f"Tahun {year} (Perubahan {pk.version - 1})"
    signer = pk_first_party(doc, office, pk)
    _pk_statement(doc, office, pk, signer)
    doc.add(PageBreak())
    _pk_appendix(doc, office, pk, signer)
    return doc


def _pk_statement(doc: Document, office, pk: PerjanjianKinerja, signer: Signer) -> None:
    doc.add(Heading(f"Perjanjian Kinerja Tahun {pk.year}"),
            Paragraph("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
                      "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"),
            Table("", ("", "", ""), (("Nama", ":", signer.name), ("Jabatan", ":", signer.title)), widths=(2, 0.3, 8)),
            Paragraph("selanjutnya disebut PIHAK PERTAMA", bold=True),
            Table("", ("", "", ""), (("Nama", ":", pk.pihak_kedua_name), ("Jabatan", ":", pk.pihak_kedua_title)),
                  widths=(2, 0.3, 8)),
            Paragraph("selaku atasan PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA", bold=True),
            Paragraph("PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
                      "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
                      "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
                      "tersebut menjadi tanggung jawab kami."),
            Paragraph("PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
                      "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
                      "pemberian penghargaan dan sanksi."))
    when = timezone.localtime(pk.signed_at).date() if pk.signed_at else None
    place = _place(office)
    doc.add(Signatures(
        place_date=f"{place}, {date_format(when, 'j F Y') if when else '..................... ' + str(pk.year)}",
        parties=(("PIHAK KEDUA,", pk.pihak_kedua_title, pk.pihak_kedua_name, ()),
                 ("PIHAK PERTAMA,", signer.title, signer.name, signer.details))))


def _place(office) -> str:
    """The town a document is dated in: the government's name without 'Pemerintah Kabupaten/Kota'."""
    government = getattr(office, "government", "") or ""
    for prefix in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi "):
        if government.startswith(prefix):
            return government[len(prefix):]
    return government or office.name


def _pk_appendix(doc: Document, office, pk: PerjanjianKinerja, signer: Signer) -> None:
    snapshot = _pk_snapshot(pk)
    definitions = [d for d in definitions_from_snapshot(snapshot)]
    doc.add(Heading(f"Lampiran Perjanjian Kinerja Tahun {pk.year}"),
            Paragraph(office.name, align="center", bold=True))
    rows, last = [], None
    for n, d in enumerate(definitions, start=1):
        rows.append((str(n), d.sasaran if d.sasaran != last else "", d.name,
                     _value(d.target, doc, f"target PK {d.code}"), d.satuan))
        last = d.sasaran
    if not rows:
        doc.add(Paragraph(doc.gap(f"indikator Perjanjian Kinerja {pk.year}")))
    else:
        doc.add(Table("Tabel 1. Sasaran, indikator dan target", ("No", "Sasaran Strategis", "Indikator Kinerja",
                                                                  "Target", "Satuan"), tuple(rows),
                      widths=(0.6, 4, 5, 1.5, 1.5)))
    programs = snapshot.get("programs", [])
    if not programs:
        doc.add(Paragraph(doc.gap(f"anggaran program Perjanjian Kinerja {pk.year}")))
        return
    total = sum((Decimal(p["anggaran"]) for p in programs), Decimal(0))
    doc.add(Table("Tabel 2. Program dan anggaran", ("No", "Kode", "Program", "Anggaran (Rp)"),
                  tuple((str(n), p["code"], p["name"], rupiah(Decimal(p["anggaran"])))
                        for n, p in enumerate(programs, start=1)),
                  total=("", "", "TOTAL", rupiah(total)), widths=(0.6, 1.6, 6, 2.4)))
    doc.add(Signatures(place_date="", parties=(
        ("PIHAK KEDUA,", pk.pihak_kedua_title, pk.pihak_kedua_name, ()),
        ("PIHAK PERTAMA,", signer.title, signer.name, signer.details))))


# -- Laporan data kinerja of a triwulan --------------------------------------------------------------

def build_data_kinerja(office, year: int, triwulan: int) -> Document:
    doc = _new("data_kinerja", office, year, subtitle=f"Triwulan {ROMAN[triwulan - 1]} Tahun {year}")
    renstra = renstra_for(office, year)
    if renstra is None:
        return _no_renstra(doc, office, year)
    definitions, _pks = definitions_for(office, renstra, [year])
    found = {r.indicator_id: r for r in Realisasi.objects.filter(
        indicator__renstra=renstra, year=year, triwulan=triwulan).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk")))}
    labels = dict(Realisasi.State.choices)
    doc.add(Heading("Pendahuluan"), Paragraph(
        f"Laporan ini memuat realisasi setiap indikator kinerja {office.name} pada Triwulan "
        f"{ROMAN[triwulan - 1]} Tahun {year}, status verifikasinya, dan bukti dukung yang dilampirkan. Hanya "
        f"realisasi yang telah diverifikasi dihitung dalam capaian."))
    texts = narratives(office, "data_kinerja", year)
    if texts["catatan"].text:
        doc.add(*blocks_of(texts["catatan"].text))
    doc.add(Heading("Realisasi Indikator Kinerja"))
    rows, evidence_rows, counted = [], [], 0
    for d in definitions[year]:
        r = found.get(d.id)
        target = d.quarter_targets[triwulan - 1]
        if r is None or r.value is None:
            value, state, cap = doc.gap(f"realisasi {d.code} TW {ROMAN[triwulan - 1]}"), "Belum diisi", "–"
        elif not r.counts:
            value, state, cap = f"{number(r.value)} (belum diverifikasi)", str(labels[r.state]), "–"
            doc.gaps.append(f"realisasi {d.code} TW {ROMAN[triwulan - 1]} belum diverifikasi ({labels[r.state]})")
        else:
            counted += 1
            value, state = number(r.value), str(labels[r.state])
            cap = percent(capaian_of(d, target, r.value).value)
        rows.append((d.code, d.name, d.satuan, number(target), value, cap, state))
        for e in (r.evidence.all() if r else ()):
            evidence_rows.append((d.code, str(Evidence.Kind(e.kind).label),
                                  e.original_name or e.url or e.note, e.sha256[:12] if e.sha256 else ""))
    if not rows:
        doc.add(Paragraph(doc.gap(f"indikator tahun {year}")))
        return doc
    doc.add(Table(f"Tabel 1. Realisasi Triwulan {ROMAN[triwulan - 1]} {year}",
                  ("Kode", "Indikator", "Satuan", "Target TW", "Realisasi", "Capaian", "Status"), tuple(rows),
                  widths=(1.2, 4.6, 1.4, 1.4, 2.2, 1.4, 2.0)),
            Paragraph(f"{counted} dari {len(rows)} indikator telah diverifikasi."))
    doc.add(Heading("Bukti Dukung"))
    if evidence_rows:
        doc.add(Table("Tabel 2. Daftar bukti dukung", ("Kode", "Jenis", "Bukti", "SHA-256 (awal)"),
                      tuple(evidence_rows), widths=(1.2, 1.4, 7, 2)))
    else:
        doc.add(Paragraph(doc.gap(f"bukti dukung Triwulan {ROMAN[triwulan - 1]} {year}")))
    return doc


# -- LKjIP -------------------------------------------------------------------------------------------

def build_lkjip(office, year: int) -> Document:
    doc = _new("lkjip", office, year)
    measured = pengukuran(office, year)
    renstra = measured.renstra
    if renstra is None:
        return _no_renstra(doc, office, year)
    texts = narratives(office, "lkjip", year)
    standards = national_standards(measured.rows)
    history = {y: pengukuran(office, y) for y in range(max(renstra.start_year, year - 2), year)}
    doc.add(Heading("Kata Pengantar", in_toc=True))
    _narrative(doc, texts, "kata_pengantar", "Kata Pengantar")
    doc.add(PageBreak(), Toc(), PageBreak(), Heading("Ikhtisar Eksekutif"))
    _narrative(doc, texts, "ikhtisar", "Ikhtisar Eksekutif")
    counted = [r for r in measured.rows if r.capaian.value is not None]
    mean = sum((r.capaian.value for r in counted), Decimal(0)) / len(counted) if counted else None
    doc.add(Paragraph(f"Dari {len(measured.rows)} indikator kinerja tahun {year}, {len(counted)} memiliki realisasi "
                      f"terverifikasi dengan rata-rata capaian "
                      f"{percent(mean) if mean is not None else doc.gap('rata-rata capaian')}."))
    doc.add(PageBreak(), Heading("BAB I Pendahuluan"), Heading("A. Latar Belakang", 2))
    _narrative(doc, texts, "latar_belakang", "Latar Belakang")
    doc.add(Heading("B. Tugas, Fungsi dan Struktur Organisasi", 2))
    _narrative(doc, texts, "tugas_fungsi", "Tugas, Fungsi dan Struktur Organisasi")
    doc.add(Heading("C. Isu Strategis", 2))
    _narrative(doc, texts, "isu_strategis", "Isu Strategis")

    doc.add(PageBreak(), Heading("BAB II Perencanaan Kinerja"), Heading("A. Rencana Strategis", 2),
            Paragraph(f"{renstra.title} {renstra.start_year}–{renstra.end_year} menetapkan tujuan dan sasaran "
                      f"strategis berikut beserta indikatornya."),
            Heading(f"B. Perjanjian Kinerja Tahun {year}", 2))
    pk = pk_of(office, year)
    if pk is None:
        doc.add(Paragraph(doc.gap(f"Perjanjian Kinerja tahun {year}")))
    else:
        _pk_targets_table(doc, pk)

    doc.add(PageBreak(), Heading("BAB III Akuntabilitas Kinerja"), Heading("A. Capaian Kinerja Organisasi", 2))
    scale_text = "; ".join(f"{s.label} ({s.lower if s.lower is not None else ''}–{s.upper or ''})"
                           for s in measured.scale)
    if scale_text:
        doc.add(Paragraph(f"Kategori capaian: {scale_text}."))
    chart_labels, chart_values = [], []
    for n, group in enumerate(measured.groups, start=1):
        doc.add(Heading(f"Sasaran {n}: {group.label}", 3))
        rows = []
        for r in group.rows:
            d = r.definition
            real = _value(r.realisasi, doc, f"realisasi {d.code} {year}")
            rows.append((f"{d.code} {d.name}", d.satuan, number(d.target), real,
                         percent(r.capaian_shown) if r.capaian_shown is not None else "–",
                         r.category.label if r.category else "–"))
        doc.add(Table(f"Target dan realisasi {year}", ("Indikator", "Satuan", "Target", "Realisasi", "Capaian",
                                                       "Kategori"), tuple(rows), widths=(5, 1.4, 1.4, 1.6, 1.4, 1.6)))
        yrs = sorted(history)
        comparison = []
        for r in group.rows:
            d = r.definition
            past = []
            for y in yrs:
                row = next((x for x in history[y].rows if x.definition.id == d.id), None)
                past.append(number(row.realisasi) if row and row.realisasi is not None else "–")
            comparison.append((f"{d.code} {d.name}", *past, number(r.realisasi), number(d.end_target),
                               percent(r.progress.value) if r.progress.value is not None else "–"))
        doc.add(Table("Perbandingan dengan tahun sebelumnya dan target akhir Renstra",
                      ("Indikator", *[f"Realisasi {y}" for y in yrs], f"Realisasi {year}",
                       f"Target {renstra.end_year}", "Kemajuan thd target akhir"), tuple(comparison),
                      widths=(5, *[1.4] * len(yrs), 1.4, 1.4, 1.8)))
        national_standard_comparison(doc, group.rows, standards, year)
        reasons = [f"{r.definition.code}: {r.definition.name}" for r in group.rows
                   if r.capaian.value is not None and r.capaian.value < 100]
        if reasons:
            doc.add(Paragraph("Indikator di bawah target:"), BulletList(tuple(reasons)))
        values = [r.capaian.value for r in group.rows if r.capaian.value is not None]
        chart_labels.append(f"S{n}")
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
    doc.add(Heading("Analisis capaian", 3))
    _narrative(doc, texts, "analisis", "Analisis capaian")
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
    _narrative(doc, texts, "penutup", "Penutup")
    doc.add(PageBreak(), Heading("Pernyataan Telah Direviu"), Paragraph(
        f"Kami telah mereviu Laporan Kinerja {office.name} Tahun {year} sesuai Pedoman Reviu atas Laporan Kinerja. "
        f"Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen {office.name}. "
        f"Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah disajikan secara akurat, "
        f"andal, dan valid."),
            Signatures(place_date=f"..................., {year + 1}",
                       parties=(("", "Inspektur", "..............................", ("NIP. ....................",)),)))
    doc.add(PageBreak(), Heading("Lampiran"), Heading(f"Lampiran 1. Perjanjian Kinerja Tahun {year}", 2))
    if pk is None:
        doc.add(Paragraph(doc.gap(f"lampiran Perjanjian Kinerja {year}")))
    else:
        _pk_targets_table(doc, pk)
    doc.add(Heading(f"Lampiran 2. Pengukuran Kinerja Tahun {year}", 2))
    rows = []
    for r in measured.rows:
        d = r.definition
        quarters = [number(c.value) if c is not None and c.counts else "–" for c in r.quarters]
        rows.append((d.code, d.name, number(d.target), *quarters, number(r.realisasi),
                     percent(r.capaian_shown) if r.capaian_shown is not None else "–"))
    doc.add(Table("Pengukuran kinerja per triwulan", ("Kode", "Indikator", "Target", "TW I", "TW II", "TW III",
                                                      "TW IV", "Realisasi", "Capaian"), tuple(rows),
                  widths=(1.2, 4.5, 1.2, 1, 1, 1, 1, 1.3, 1.3)))
    return doc


def _pk_targets_table(doc: Document, pk: PerjanjianKinerja) -> None:
    definitions = definitions_from_snapshot(_pk_snapshot(pk))
    doc.add(Table(f"Perjanjian Kinerja {pk.year}" + (" (ditandatangani)" if pk.signed_at else " (draf)"),
                  ("Sasaran", "Indikator", "Target", "Satuan"),
                  tuple((d.sasaran, d.name, _value(d.target, doc, f"target PK {d.code}"), d.satuan)
                        for d in definitions), widths=(4, 5, 1.5, 1.5)))


def _programs_behind(doc: Document, renstra, measured) -> None:
    programs = list(Program.objects.filter(renstra=renstra).select_related("sasaran").order_by("code"))
    rows = [(p.code, p.name, f"{p.sasaran.code} {p.sasaran.name}" if p.sasaran else "–") for p in programs]
    if rows:
        doc.add(Table("Program yang mendukung sasaran", ("Kode", "Program", "Sasaran"), tuple(rows),
                      widths=(1.6, 5, 5)))
    else:
        doc.add(Paragraph(doc.gap("program Renstra")))


# -- Renja -------------------------------------------------------------------------------------------

def build_renja(office, year: int) -> Document:
    doc = _new("renja", office, year)
    renstra = renstra_for(office, year)
    if renstra is None:
        return _no_renstra(doc, office, year)
    texts = narratives(office, "renja", year)
    doc.add(Toc(), PageBreak(), Heading("BAB I Pendahuluan"))
    _narrative(doc, texts, "pendahuluan", "Pendahuluan")
    doc.add(PageBreak(), Heading("BAB II Hasil Evaluasi Renja Tahun Lalu"),
            Heading(f"A. Evaluasi Pelaksanaan Renja Tahun {year - 1} dan Capaian Renstra", 2))
    previous = pengukuran(office, year - 1) if year - 1 >= renstra.start_year else None
    if previous is None or not previous.budget:
        doc.add(Paragraph(doc.gap(f"evaluasi Renja {year - 1}")))
    else:
        prior_lines = {line.program_id: line for line in RenjaLine.objects.filter(
            renja__office=office, renja__year=year - 1, program__isnull=False)}
        rows = []
        for b in previous.budget:
            rows.append((b.code, b.name, rupiah(b.pagu), rupiah(b.realisasi), percent(b.serapan),
                         percent(b.capaian), b.efficiency or "–"))
        doc.add(Table(f"Tabel 2.1 Evaluasi pelaksanaan Renja {year - 1} (T-C.29)",
                      ("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Capaian kinerja",
                       "Efisiensi"), tuple(rows), widths=(1.4, 3.8, 2.4, 2.4, 1.3, 1.5, 1.8)))
        if not prior_lines:
            doc.gaps.append(f"baris Renja {year - 1}")
        ind_rows = [(r.definition.code, r.definition.name, number(r.definition.end_target),
                     number(r.prev_realisasi), number(r.definition.target), _value(r.realisasi, doc,
                                                                                   f"realisasi {r.definition.code}"),
                     percent(r.capaian_shown) if r.capaian_shown is not None else "–")
                    for r in previous.rows]
        doc.add(Table(f"Tabel 2.2 Capaian indikator {year - 1} terhadap Renstra",
                      ("Kode", "Indikator", f"Target akhir Renstra ({renstra.end_year})",
                       f"Realisasi {year - 2}", f"Target {year - 1}", f"Realisasi {year - 1}", "Capaian"),
                      tuple(ind_rows), widths=(1.2, 4.6, 1.8, 1.6, 1.4, 1.6, 1.4)))
    _narrative(doc, texts, "evaluasi", "Evaluasi Renja tahun lalu")
    doc.add(PageBreak(), Heading("BAB III Tujuan dan Sasaran Perangkat Daerah"))
    _narrative(doc, texts, "tujuan_sasaran", "Tujuan dan Sasaran")
    definitions, _pks = definitions_for(office, renstra, [year])
    doc.add(Table(f"Tabel 3.1 Indikator dan target {year}", ("Sasaran", "Indikator", "Target", "Satuan"),
                  tuple((d.sasaran, d.name, _value(d.target, doc, f"target {d.code} {year}"), d.satuan)
                        for d in definitions[year]), widths=(4, 5, 1.5, 1.5)))
    doc.add(PageBreak(), Heading("BAB IV Rencana Kerja dan Pendanaan"))
    renja = Renja.objects.filter(office=office, year=year).first()
    lines = list(renja.lines.order_by("code")) if renja else []
    if not lines:
        doc.add(Paragraph(doc.gap(f"baris Renja {year}")))
    else:
        total = sum((line.pagu for line in lines), Decimal(0))
        doc.add(Table(f"Tabel 4.1 Program dan kegiatan {year}", ("Kode", "Program/Kegiatan", "Target", "Pagu (Rp)",
                                                                 "Keterangan"),
                      tuple((line.code, line.name, number(line.target), rupiah(line.pagu),
                             "tidak terkait Renstra" if line.serves_nothing else "") for line in lines),
                      total=("", "TOTAL", "", rupiah(total), ""), widths=(1.6, 6, 1.4, 2.4, 2.2)))
    doc.add(PageBreak(), Heading("BAB V Penutup"))
    _narrative(doc, texts, "penutup", "Penutup")
    return doc


# -- Renstra -----------------------------------------------------------------------------------------

def build_renstra(office, year: int) -> Document:
    renstra = renstra_for(office, year)
    doc = _new("renstra", office, year,
               subtitle=f"Tahun {renstra.start_year}–{renstra.end_year}" if renstra else f"Tahun {year}")
    if renstra is None:
        return _no_renstra(doc, office, year)
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
        _narrative(doc, texts, key, title)
        doc.add(PageBreak())
    doc.add(Heading("BAB IV Tujuan dan Sasaran"))
    rows = []
    for d in definitions[years[-1]]:
        rows.append((d.tujuan, d.sasaran, d.name, number(d.baseline),
                     *[_value(by_year[y][d.id].target if d.id in by_year[y] else None, doc, f"target {d.code} {y}")
                       for y in years]))
    doc.add(Table("Tabel 4.1 Tujuan dan sasaran jangka menengah beserta indikator dan target (T-C.25)",
                  ("Tujuan", "Sasaran", "Indikator", "Kondisi awal", *[str(y) for y in years]), tuple(rows),
                  widths=(3, 3, 4, 1.3, *[1.1] * len(years))), PageBreak())
    doc.add(Heading("BAB V Strategi dan Arah Kebijakan"))
    _narrative(doc, texts, "strategi", "Strategi dan Arah Kebijakan")
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
    _narrative(doc, texts, "penutup", "Penutup")
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


BUILDERS = {"iku": build_iku, "pk": build_pk, "lkjip": build_lkjip, "renja": build_renja,
            "renstra": build_renstra}

