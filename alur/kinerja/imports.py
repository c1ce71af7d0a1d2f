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

from .models import Indicator, IndicatorTarget
from .spreadsheets import INDICATOR_SHEET, renstra_headers

MAX_ROWS = 5000


@dataclass(frozen=True)
class Change:
    indicator: Indicator
    column: str
    year: int | None  # None: the baseline (kondisi awal)
    old: Decimal | None
    new: Decimal

    def describe(self) -> str:
        return (f"{self.indicator.code} {self.column}: {format_decimal(self.old)} → {format_decimal(self.new)}")


@dataclass
class Parsed:
    changes: list[Change]
    errors: list[str]


def parse_renstra_matrix(renstra, data: bytes) -> Parsed:
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError):
        return Parsed([], ["Berkas bukan XLSX yang dapat dibaca."])
    if INDICATOR_SHEET not in workbook.sheetnames:
        return Parsed([], [f"Sheet {INDICATOR_SHEET} tidak ada dalam berkas (sheet yang ada: "
                           f"{', '.join(workbook.sheetnames)})."])
    rows = workbook[INDICATOR_SHEET].iter_rows(values_only=True, max_row=MAX_ROWS + 1)
    header = [str(v).strip() if v is not None else "" for v in next(rows, [])]
    needed = ["Kode", "Kondisi awal", *[f"Target {y}" for y in renstra.years]]
    missing = [name for name in needed if name not in header]
    if missing:
        return Parsed([], [f"Sheet {INDICATOR_SHEET}, baris 1: kolom {', '.join(missing)} tidak ada "
                           f"(tata letak yang diharapkan: {', '.join(renstra_headers(renstra))})."])
    column = {name: header.index(name) for name in needed}
    indicators = {i.code: i for i in Indicator.objects.filter(renstra=renstra)}
    annual = {(t.indicator_id, t.year): t.value for t in IndicatorTarget.objects.filter(indicator__renstra=renstra)}
    changes, errors, seen = [], [], {}
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * (len(header) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        where = f"Sheet {INDICATOR_SHEET}, baris {number}"
        code = str(values[column["Kode"]] or "").strip()
        if not code:
            errors.append(f"{where}, kolom Kode: kode indikator kosong.")
            continue
        if code in seen:
            errors.append(f"{where}, kolom Kode: indikator '{code}' sudah ada di baris {seen[code]} (baris ganda).")
            continue
        seen[code] = number
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(f"{where}, kolom Kode: indikator '{code}' tidak ada dalam Renstra ini.")
            continue
        for name in needed[1:]:
            raw = values[column[name]]
            try:
                new = to_decimal_or_none(raw)
            except CoreValidationError as error:
                errors.append(f"{where}, kolom {name}: {error.message}")
                continue
            if new is None:
                continue
            year = None if name == "Kondisi awal" else int(name.removeprefix("Target "))
            old = indicator.baseline if year is None else annual.get((indicator.pk, year))
            if old is None or old != new:
                changes.append(Change(indicator=indicator, column=name, year=year, old=old, new=new))
    if len(seen) > MAX_ROWS:
        errors.append(f"Sheet {INDICATOR_SHEET}: lebih dari {MAX_ROWS} baris.")
    return Parsed(changes, errors)
