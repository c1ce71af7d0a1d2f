"""XLSX out: the pengukuran table, the realisation list and the Renstra matrix, with numbers as
numbers and percentages formatted (the cell holds capaian/100 with a percent format)."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from alur.core.kinerja import round_percent
from alur.core.numbers import XLSX_PERSEN, xlsx_format
from alur.kit.exports import new_workbook, workbook_bytes

from .models import IndicatorTarget, Program, QuarterTarget, Realisasi
from .policies import can_enter_realisasi
from .selectors import my_indicators
from .snapshots import indicator_rows, targets_by_indicator

PERCENT_FORMAT = XLSX_PERSEN  # capaian/100 in the cell: two decimals, as the pages print it
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBDD")
MAX_WIDTH = 60


def write_header(sheet, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a coordinate: creating the cell would push appends down


def number_cell(value: Decimal | None):
    return None if value is None else value  # openpyxl writes Decimal as a number


def percent_cell(value: Decimal | None):
    """Capaian 96.5 is written as 0.965 with a percent format: Excel shows 96,50%."""
    rounded = round_percent(value)
    return None if rounded is None else rounded / 100


def fit_columns(sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), MAX_WIDTH)


def save_workbook(workbook) -> bytes:
    return workbook_bytes(workbook)  # user-typed text that looks like a formula is written as text


def format_columns(sheet, start_row: int, percent_cols=(), number_cols=()) -> None:
    for row in sheet.iter_rows(min_row=start_row):
        for cell in row:
            if cell.column in percent_cols:
                cell.number_format = PERCENT_FORMAT
            elif cell.column in number_cols:
                cell.number_format = xlsx_format(cell.value)  # as entered, up to two decimals


PENGUKURAN_HEADERS = ["Sasaran", "Kode", "Indikator", "Satuan", "Formula capaian", "Target", "TW I", "TW II",
                      "TW III", "TW IV", "Realisasi tahun", "Capaian", "Kategori", "Keterangan", "Target tahun lalu",
                      "Realisasi tahun lalu", "Capaian tahun lalu", "Target akhir Renstra", "Kemajuan thd target akhir"]


def pengukuran_workbook(table) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Pengukuran"
    sheet.append([f"Pengukuran kinerja {table.office} tahun {table.year}"])
    note = (f"Definisi dan target dibekukan oleh {table.frozen_by} yang ditandatangani"
            if table.frozen_by else "Definisi dan target dari data terkini (PK tahun ini belum ditandatangani)")
    sheet.append([note + "; hanya realisasi terverifikasi yang dihitung."])
    write_header(sheet, PENGUKURAN_HEADERS)
    first = sheet.max_row + 1
    for group in table.groups:
        for row in group.rows:
            d = row.definition
            quarters = [c.value if c is not None and c.counts else None for c in row.quarters]
            notes = [row.capaian.reason] if row.capaian.value is None else []
            if row.unverified:
                notes.append(f"{row.unverified} triwulan belum terverifikasi (tidak dihitung)")
            sheet.append([
                group.label, d.code, d.name, d.satuan, row.capaian.formula, number_cell(d.target), *quarters,
                number_cell(row.realisasi), percent_cell(row.capaian.value), row.category.label if row.category else "",
                "; ".join(n for n in notes if n), number_cell(row.prev_target), number_cell(row.prev_realisasi),
                percent_cell(row.prev_capaian.value if row.prev_capaian else None), number_cell(d.end_target),
                percent_cell(row.progress.value),
            ])
    format_columns(sheet, first, percent_cols={12, 17, 19}, number_cols={6, 7, 8, 9, 10, 11, 15, 16, 18})
    fit_columns(sheet)
    return save_workbook(workbook)


def realisasi_workbook(office, year: int, rows) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Realisasi"
    write_header(sheet, ["Kode indikator", "Indikator", "Tahun", "Triwulan", "Realisasi", "Status", "Terlambat",
                    "Faktor pendorong", "Faktor penghambat", "Langkah perbaikan", "Alasan dikembalikan"])
    for r in rows:
        sheet.append([r.indicator.code, r.indicator.name, r.year, r.triwulan, number_cell(r.value),
                      r.get_state_display(), "ya" if r.late else "tidak", r.faktor_pendorong, r.faktor_penghambat,
                      r.langkah_perbaikan, r.return_reason])
    format_columns(sheet, 2, number_cols={5})
    fit_columns(sheet)
    return save_workbook(workbook)


INDICATOR_SHEET = "Indikator"
# Columns after the targets (added later, so files of the older layout still import): what a new
# indicator (and its sasaran and tujuan) needs to be created by the import while the Renstra is draft.
RENSTRA_NEW_COLUMNS = ["Kode tujuan", "Tujuan", "Unit penanggung jawab", "Jabatan penanggung jawab", "Jenis formula",
                       "Polaritas", "Agregasi", "IKU", "Rentang bawah", "Rentang atas", "Definisi operasional",
                       "Formula", "Sumber data"]


def renstra_headers(renstra) -> list[str]:
    return ["Kode", "Kode sasaran", "Sasaran", "Indikator", "Satuan", "Kondisi awal",
            *[f"Target {y}" for y in renstra.years], *RENSTRA_NEW_COLUMNS]


def renstra_workbook(renstra, *, template: bool = False) -> bytes:
    """The Renstra matrix (sheet Indikator: sasaran, indicator, baseline, the yearly targets). The same
    layout is the import template; `template=True` gives the headers and current codes only."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = INDICATOR_SHEET
    write_header(sheet, renstra_headers(renstra))
    indicators = list(indicator_rows([renstra.pk]))
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    for i in indicators:
        targets = [None if template else number_cell(annual.get((i.pk, y))) for y in renstra.years]
        sheet.append([i.code, i.sasaran.code, i.sasaran.name, i.name, i.satuan,
                      None if template else number_cell(i.baseline), *targets,
                      i.sasaran.tujuan.code, i.sasaran.tujuan.name, i.unit.name,
                      i.position.name if i.position else None,
                      i.kind, i.polarity, i.aggregation, "ya" if i.is_iku else "tidak", number_cell(i.band_low),
                      number_cell(i.band_high), i.definisi, i.formula, i.sumber_data])
    band = 7 + len(renstra.years) + RENSTRA_NEW_COLUMNS.index("Rentang bawah")
    format_columns(sheet, 2, number_cols={*range(6, 7 + len(renstra.years)), band, band + 1})
    fit_columns(sheet)
    return save_workbook(workbook)


REALISASI_SHEET = "Realisasi triwulan"


def realisasi_headers() -> list[str]:
    return ["Kode", "Indikator", "Satuan", "Tahun", "Triwulan", "Target tahun", "Target triwulan", "Realisasi",
            "Faktor pendorong", "Faktor penghambat", "Langkah perbaikan"]


def realisasi_template(*, user, office, year: int, triwulan: int, day=None) -> bytes:
    """One row per indicator `user` may enter for that triwulan (its own unit, not yet submitted),
    with its targets; the value and analysis columns are left empty to be filled in."""
    indicators = list(my_indicators(user, office, year, day))
    existing = {r.indicator_id: r for r in Realisasi.objects.filter(indicator__in=indicators, year=year,
                                                                    triwulan=triwulan)}
    indicators = [i for i in indicators if can_enter_realisasi(user, i, existing.get(i.pk), day)]
    annual = {t.indicator_id: t.value for t in IndicatorTarget.objects.filter(indicator__in=indicators, year=year)}
    quarter = {t.indicator_id: t.value for t in QuarterTarget.objects.filter(indicator__in=indicators, year=year,
                                                                              triwulan=triwulan)}
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = REALISASI_SHEET
    write_header(sheet, realisasi_headers())
    for i in indicators:
        sheet.append([i.code, i.name, i.satuan, year, triwulan, number_cell(annual.get(i.pk)),
                      number_cell(quarter.get(i.pk)), None, None, None, None])
    format_columns(sheet, 2, number_cols={6, 7, 8})
    fit_columns(sheet)
    return save_workbook(workbook)


PROGRAM_SHEET = "Program"
LEVELS = ("Program", "Kegiatan", "Sub-kegiatan")
# After the pagu columns (older files still import): the parent of a kegiatan/sub-kegiatan (empty:
# the longest code of the level above that prefixes it) and the sasaran a programme serves.
PROGRAM_NEW_COLUMNS = ["Kode induk", "Kode sasaran"]


def program_headers(renstra) -> list[str]:
    return ["Kode", "Jenis", "Uraian", "Unit penanggung jawab", *[f"Pagu {y}" for y in renstra.years],
            *PROGRAM_NEW_COLUMNS]


def _parent_code(level: str, node) -> str | None:
    if level == LEVELS[1]:
        return node.program.code
    if level == LEVELS[2]:
        return node.kegiatan.code
    return None


def program_lines(renstra) -> list[tuple[str, object]]:
    """(level, node) for every programme, kegiatan and sub-kegiatan of the Renstra, in code order."""
    lines = []
    for program in (Program.objects.filter(renstra=renstra).select_related("unit", "sasaran")
                    .prefetch_related("pagu", "kegiatan__unit", "kegiatan__pagu", "kegiatan__sub_kegiatan__unit",
                                      "kegiatan__sub_kegiatan__pagu").order_by("code")):
        lines.append((LEVELS[0], program))
        for kegiatan in sorted(program.kegiatan.all(), key=lambda k: k.code):
            lines.append((LEVELS[1], kegiatan))
            lines.extend((LEVELS[2], sub) for sub in sorted(kegiatan.sub_kegiatan.all(), key=lambda s: s.code))
    return lines


def program_workbook(renstra, *, template: bool = False) -> bytes:
    """Programmes, kegiatan and sub-kegiatan with their codes and pagu indikatif per Renstra year; the
    same layout is the import template (`template=True` leaves the pagu columns empty)."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = PROGRAM_SHEET
    write_header(sheet, program_headers(renstra))
    for level, node in program_lines(renstra):
        amounts = {p.year: p.amount for p in node.pagu.all()}
        sheet.append([node.code, level, node.name, node.unit.name,
                      *[None if template else number_cell(amounts.get(y)) for y in renstra.years],
                      _parent_code(level, node),
                      node.sasaran.code if level == LEVELS[0] and node.sasaran_id else None])
    format_columns(sheet, 2, number_cols=set(range(5, 5 + len(renstra.years))))
    fit_columns(sheet)
    return save_workbook(workbook)
