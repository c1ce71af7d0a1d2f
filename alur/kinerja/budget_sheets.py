"""XLSX out: the budget realisation of a year (pagu, realisasi and serapan per programme/kegiatan and
triwulan), in the style of `spreadsheets`: amounts as numbers, serapan as a percent cell."""

from __future__ import annotations

from alur.core.numbers import XLSX_RUPIAH
from alur.kit.exports import new_workbook

from .spreadsheets import fit_columns, format_columns, number_cell, percent_cell, save_workbook, write_header

MONEY_FORMAT = XLSX_RUPIAH  # whole rupiah, as the pages print it


def budget_headers() -> list[str]:
    headers = ["Kode", "Program / kegiatan"]
    for roman in ("I", "II", "III", "IV"):
        headers += [f"Pagu TW {roman}", f"Realisasi TW {roman}", f"Serapan TW {roman}"]
    return headers + ["Pagu tahun", "Realisasi tahun", "Serapan tahun"]


def _cells(cell) -> list:
    return [number_cell(cell.pagu), number_cell(cell.realisasi), percent_cell(cell.serapan)]


def budget_workbook(office, table) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Realisasi anggaran"
    sheet.append([f"Realisasi anggaran {office} tahun {table.year}"])
    sheet.append(["Serapan = realisasi anggaran / pagu × 100; jumlah OPD dari baris program."])
    write_header(sheet, budget_headers())
    first = sheet.max_row + 1
    for row in table.rows:
        values = [row.code, ("    " if row.kegiatan else "") + row.name]
        for cell in row.quarters:
            values += _cells(cell)
        sheet.append(values + _cells(row.year))
    total = ["", "Jumlah"]
    for cell in table.quarter_totals:
        total += _cells(cell)
    sheet.append(total + _cells(table.total))
    percent_cols = {3 + 3 * i + 2 for i in range(5)}
    money_cols = {3 + 3 * i + j for i in range(5) for j in (0, 1)}
    format_columns(sheet, first, percent_cols=percent_cols, number_cols=())
    for row in sheet.iter_rows(min_row=first):
        for cell in row:
            if cell.column in money_cols:
                cell.number_format = MONEY_FORMAT
    fit_columns(sheet)
    return save_workbook(workbook)
