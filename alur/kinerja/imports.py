"""Reading the Renstra matrix XLSX (the layout `spreadsheets.renstra_workbook` writes) into a list of
changes, or Indonesian errors naming sheet, row and column. Pure reading: nothing is stored here
(services.renstra_matrix_import applies the changes, all or nothing).

Indicators are matched by their code within the Renstra, never by name. An empty cell means "no
change", so a template filled in part only touches what was typed; re-importing a file whose values
are already stored yields no change."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import load_workbook

from alur.core.errors import ValidationError as CoreValidationError
from alur.core.kinerja import format_decimal, to_decimal_or_none

from .models import Indicator, IndicatorTarget, Realisasi
from .spreadsheets import INDICATOR_SHEET, REALISASI_SHEET, realisasi_headers, renstra_headers

MAX_ROWS = 5000


def _show(value) -> str:
    return format_decimal(value) if value is None or isinstance(value, Decimal) else f"'{value}'"


@dataclass(frozen=True)
class Change:
    indicator: Indicator
    column: str
    year: int | None  # None: the baseline (kondisi awal)
    old: Decimal | str | None
    new: Decimal | str
    field: str = ""  # the model field a realisation change sets

    def describe(self) -> str:
        return f"{self.indicator.code} {self.column}: {_show(self.old)} → {_show(self.new)}"


@dataclass
class Parsed:
    changes: list[Change]
    errors: list[str]


@dataclass
class Sheet:
    """An uploaded sheet whose header row holds the needed columns: its data rows, numbered as Excel does."""
    name: str
    column: dict[str, int]
    rows: list[tuple[int, list]]

    def cell(self, values: list, name: str):
        return values[self.column[name]]

    def where(self, number: int, name: str) -> str:
        return f"Sheet {self.name}, baris {number}, kolom {name}"


def open_sheet(data: bytes, name: str, needed: list[str], layout: list[str]) -> Sheet | Parsed:
    """The sheet `name` of an XLSX, or a Parsed carrying the one error that stops reading it."""
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError):
        return Parsed([], ["Berkas bukan XLSX yang dapat dibaca."])
    if name not in workbook.sheetnames:
        return Parsed([], [f"Sheet {name} tidak ada dalam berkas (sheet yang ada: "
                           f"{', '.join(workbook.sheetnames)})."])
    rows = workbook[name].iter_rows(values_only=True, max_row=MAX_ROWS + 2)
    header = [str(v).strip() if v is not None else "" for v in next(rows, [])]
    missing = [column for column in needed if column not in header]
    if missing:
        return Parsed([], [f"Sheet {name}, baris 1: kolom {', '.join(missing)} tidak ada "
                           f"(tata letak yang diharapkan: {', '.join(layout)})."])
    body = []
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * (len(header) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        body.append((number, values))
    return Sheet(name=name, column={column: header.index(column) for column in needed}, rows=body)


def read_code(sheet: Sheet, number: int, values: list, seen: dict, errors: list, noun: str = "indikator") -> str | None:
    """The row's Kode, or None after naming an empty or repeated code in `errors`."""
    code = str(sheet.cell(values, "Kode") or "").strip()
    if not code:
        errors.append(f"{sheet.where(number, 'Kode')}: kode {noun} kosong.")
        return None
    if code in seen:
        errors.append(f"{sheet.where(number, 'Kode')}: {noun} '{code}' sudah ada di baris {seen[code]} (baris ganda).")
        return None
    seen[code] = number
    return code


def read_number(sheet: Sheet, number: int, values: list, name: str, errors: list):
    """(ok, Decimal or None): a cell that is not a number is named in `errors`."""
    try:
        return True, to_decimal_or_none(sheet.cell(values, name))
    except CoreValidationError as error:
        errors.append(f"{sheet.where(number, name)}: {error.message}")
        return False, None


def too_many(sheet: Sheet, errors: list) -> None:
    if len(sheet.rows) > MAX_ROWS:
        errors.append(f"Sheet {sheet.name}: lebih dari {MAX_ROWS} baris.")


def parse_renstra_matrix(renstra, data: bytes) -> Parsed:
    needed = ["Kode", "Kondisi awal", *[f"Target {y}" for y in renstra.years]]
    sheet = open_sheet(data, INDICATOR_SHEET, needed, renstra_headers(renstra))
    if isinstance(sheet, Parsed):
        return sheet
    indicators = {i.code: i for i in Indicator.objects.filter(renstra=renstra)}
    annual = {(t.indicator_id, t.year): t.value for t in IndicatorTarget.objects.filter(indicator__renstra=renstra)}
    changes, errors, seen = [], [], {}
    for number, values in sheet.rows:
        code = read_code(sheet, number, values, seen, errors)
        if code is None:
            continue
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(f"{sheet.where(number, 'Kode')}: indikator '{code}' tidak ada dalam Renstra ini.")
            continue
        for name in needed[1:]:
            ok, new = read_number(sheet, number, values, name, errors)
            if not ok or new is None:
                continue
            year = None if name == "Kondisi awal" else int(name.removeprefix("Target "))
            old = indicator.baseline if year is None else annual.get((indicator.pk, year))
            if old is None or old != new:
                changes.append(Change(indicator=indicator, column=name, year=year, old=old, new=new))
    too_many(sheet, errors)
    return Parsed(changes, errors)


# -- quarterly realisations -------------------------------------------------------------------------------

REALISASI_TEXT = {"Faktor pendorong": "faktor_pendorong", "Faktor penghambat": "faktor_penghambat",
                  "Langkah perbaikan": "langkah_perbaikan"}


def parse_realisasi(*, user, office, year: int, triwulan: int, data: bytes, day=None) -> Parsed:
    """The realisations of one period typed into `spreadsheets.realisasi_template`. A row may only
    name an indicator `user` may enter now (policies.can_enter_realisasi: its own unit, draft or sent
    back); an empty cell leaves the stored value as it is."""
    from .policies import can_enter_realisasi

    needed = ["Kode", "Tahun", "Triwulan", "Realisasi", *REALISASI_TEXT]
    sheet = open_sheet(data, REALISASI_SHEET, needed, realisasi_headers())
    if isinstance(sheet, Parsed):
        return sheet
    indicators = {i.code: i for i in Indicator.objects.filter(renstra__office=office, renstra__start_year__lte=year,
                                                              renstra__end_year__gte=year)
                  .select_related("renstra__office")}
    existing = {r.indicator_id: r for r in Realisasi.objects.filter(indicator__in=indicators.values(), year=year,
                                                                    triwulan=triwulan)}
    column = f"TW {triwulan} {year}"
    changes, errors, seen = [], [], {}
    for number, values in sheet.rows:
        code = read_code(sheet, number, values, seen, errors)
        if code is None:
            continue
        period_ok = True
        for name, expected in (("Tahun", year), ("Triwulan", triwulan)):
            ok, given = read_number(sheet, number, values, name, errors)
            if ok and given != expected:
                errors.append(f"{sheet.where(number, name)}: {_show(given)}, padahal yang diimpor {name.lower()} "
                              f"{expected}.")
                ok = False
            period_ok = period_ok and ok
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(f"{sheet.where(number, 'Kode')}: indikator '{code}' tidak ada dalam Renstra tahun {year}.")
            continue
        current = existing.get(indicator.pk)
        ok, value = read_number(sheet, number, values, "Realisasi", errors)
        if not (ok and period_ok):
            continue
        row_changes = []
        if value is not None and (current is None or current.value != value):
            row_changes.append(Change(indicator=indicator, column=f"Realisasi {column}", year=year,
                                      old=current.value if current else None, new=value, field="value"))
        for name, field in REALISASI_TEXT.items():
            text = str(sheet.cell(values, name) or "").strip()
            old = getattr(current, field) if current else ""
            if text and text != old:
                row_changes.append(Change(indicator=indicator, column=f"{name} {column}", year=year,
                                          old=old or None, new=text, field=field))
        if row_changes and not can_enter_realisasi(user, indicator, current, day):
            state = f" (status {current.get_state_display()})" if current else ""
            errors.append(f"{sheet.where(number, 'Kode')}: Anda tidak dapat mengisi realisasi indikator "
                          f"'{code}'{state}.")
            continue
        changes.extend(row_changes)
    too_many(sheet, errors)
    return Parsed(changes, errors)


# -- programmes, kegiatan and pagu -------------------------------------------------------------------------

def parse_programs(renstra, data: bytes) -> Parsed:
    """Pagu indikatif per year of the Renstra's programmes, kegiatan and sub-kegiatan, matched by code."""
    from .spreadsheets import PROGRAM_SHEET, program_headers, program_lines

    needed = ["Kode", *[f"Pagu {y}" for y in renstra.years]]
    sheet = open_sheet(data, PROGRAM_SHEET, needed, program_headers(renstra))
    if isinstance(sheet, Parsed):
        return sheet
    nodes = {node.code: (level, node) for level, node in program_lines(renstra)}
    changes, errors, seen = [], [], {}
    for number, values in sheet.rows:
        code = read_code(sheet, number, values, seen, errors, noun="program/kegiatan")
        if code is None:
            continue
        if code not in nodes:
            errors.append(f"{sheet.where(number, 'Kode')}: program/kegiatan '{code}' tidak ada dalam Renstra ini.")
            continue
        level, node = nodes[code]
        amounts = {p.year: p.amount for p in node.pagu.all()}
        for name in needed[1:]:
            ok, new = read_number(sheet, number, values, name, errors)
            if not ok or new is None:
                continue
            if new < 0:
                errors.append(f"{sheet.where(number, name)}: pagu tidak boleh negatif.")
                continue
            year = int(name.removeprefix("Pagu "))
            old = amounts.get(year)
            if old is None or old != new:
                changes.append(Change(indicator=node, column=f"{level} {name}", year=year, old=old, new=new,
                                      field=level))
    too_many(sheet, errors)
    return Parsed(changes, errors)
