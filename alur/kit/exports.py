"""The one way Alur writes a spreadsheet or a CSV file, so that text a user typed never becomes a
live formula in the reader's spreadsheet program (issue 16 item 8; OWASP "CSV Injection").

OWASP's remedy is to make the program read such a field as text: a field beginning with `=`, `+`,
`-`, `@`, a tab or a carriage return.
- CSV has no cell types, so the only way to say "text" is OWASP's: prefix the field with a single
  quote `'` (the csv module quotes the field when needed). The reader sees the apostrophe: `'=1+1`.
- XLSX says it with the cell's type. openpyxl writes any str starting with "=" as a formula cell
  (data_type "f"); here every such cell is written as a string cell instead, which no program
  evaluates, and gets the `quotePrefix` style — what Excel itself stores when someone types a leading
  apostrophe — so editing the cell in Excel (F2, Enter) keeps it text. The text is kept verbatim, with
  no apostrophe added: the reader sees `=1+1`, and an export that is also an import template reads
  back exactly what was stored (nothing to strip on import).
Only str values are touched: numbers, Decimals and dates stay numbers and dates (a negative number
is a number cell, not text).

Text stored before the one text rule (alur.core.text) may still hold control characters, which
openpyxl refuses (IllegalCharacterError) and a CSV reader mangles; they are dropped on the way out, so
an old row cannot make an export fail for everyone. Sheets are filled with `append` only.

tests/web/test_exports_policy.py fails when a module builds a Workbook, saves one or opens a csv
writer anywhere else.
"""

from __future__ import annotations

import csv
from io import BytesIO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from alur.core.text import strip_forbidden

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _clean(value):
    return strip_forbidden(value) if isinstance(value, str) else value


def csv_cell(value):
    """The value as it goes into a CSV field: a formula-like text gets OWASP's leading apostrophe."""
    value = _clean(value)
    return "'" + value if formula_like(value) else value


class CsvWriter:
    """csv.writer whose every field goes through `csv_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> CsvWriter:
    return CsvWriter(stream, **options)


class _Sheet(Worksheet):
    def append(self, iterable):
        if isinstance(iterable, dict):
            return super().append({key: _clean(value) for key, value in iterable.items()})
        return super().append([_clean(value) for value in iterable])


class _Workbook(Workbook):
    """A workbook whose sheets drop control characters from the rows appended to them."""

    def __init__(self):
        super().__init__()
        self._sheets = [_Sheet(self)]

    def create_sheet(self, title=None, index=None):
        sheet = _Sheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet


def new_workbook() -> Workbook:
    """An empty workbook (one sheet); fill it with `append` and write it out with `workbook_bytes`."""
    return _Workbook()


def neutralise(cell) -> None:
    """Make a cell holding formula-like text a plain string cell with Excel's quote prefix."""
    if formula_like(cell.value):
        cell.data_type = "s"  # openpyxl set "f" for a leading "="; "s" is written as a string, never a formula
        cell.quotePrefix = True


def workbook_bytes(workbook: Workbook) -> bytes:
    """The XLSX file of `workbook`, every cell of every sheet neutralised first: whichever way a cell
    was filled (append, cell(), a header helper), no text leaves Alur as a formula."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                neutralise(cell)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
