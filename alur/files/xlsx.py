"""Reading one sheet of an uploaded XLSX with bounded memory (issue 16 item 9).

openpyxl trusts the file: its read-only reader pads every row to the width a sheet's `<dimension>`
claims (a 32 KB file claiming A1:XFD1048576 cost ~500 MB), loads the whole shared-strings table
before the first row, and parses a row's every cell before cutting it to `max_col`. So, BEFORE
openpyxl sees the bytes, the package is opened with zipfile and measured: its size, number of parts,
uncompressed size (total, per part, ratio), the number of shared strings (counted in the stream,
not taken from the `count` attribute), and the sheet to be read (its claimed dimension, and its
real rows and cells per row counted in the stream). Only then is the sheet read, read-only, with
`max_col` set to the header's width and `max_row` bounded, so a lying or missing dimension cannot
blow up the reading either. Every refusal is an Indonesian sentence saying what and how much.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from defusedxml import ElementTree
from django.utils.translation import gettext as _

from alur.core.numbers import angka

MAX_FILE_BYTES = 10 * 1024 * 1024  # the XLSX as uploaded (a 5 000-row template is ~0.5 MB)
MAX_PARTS = 500
MAX_TOTAL_BYTES = 20 * 1024 * 1024  # uncompressed, all parts
MAX_PART_BYTES = 16 * 1024 * 1024  # uncompressed, any one part (5 000 rows of long texts: ~10 MB)
MAX_RATIO = 100  # uncompressed / compressed over the package; spreadsheets made by Excel or LibreOffice stay < 30
MAX_COLUMNS = 64  # the widest import layout has ~25 columns
MAX_SHARED_STRINGS = 100_000
MAX_INDEX_PART_BYTES = 1024 * 1024  # workbook.xml and the .rels read to find the sheet's part
DIMENSION_HEAD = 64 * 1024  # `<dimension>` comes before `<sheetData>`, within the first bytes
CHUNK = 256 * 1024

SHARED_STRING = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(row|c)[\s>/]")
DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
TAG_SPAN = 32  # a tag matched above is shorter than this: the overlap kept between stream chunks


class XlsxRefused(Exception):
    """The file may not be read; `message` says why, in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The sheet's header (cells as text, up to the last non-empty one) and its data rows, each
    padded or cut to the header's width and numbered as Excel numbers them."""

    header: list[str]
    rows: list[tuple[int, list]]


def _n(number: int) -> str:
    return angka(number)  # the one notation: "1.048.576"


def _too_big(detail: str) -> XlsxRefused:
    return XlsxRefused(_("Berkas XLSX terlalu besar: %(detail)s.") % {"detail": detail})


def _unreadable() -> XlsxRefused:
    return XlsxRefused(_("Berkas bukan XLSX yang dapat dibaca."))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (r:id)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _bounded(package: zipfile.ZipFile, part: str) -> None:
    size = package.getinfo(part).file_size
    if size > MAX_INDEX_PART_BYTES:
        raise _too_big(_("bagian %(part)s %(size)s byte") % {"part": part, "size": _n(size)})


def sheet_part(package: zipfile.ZipFile, name: str) -> str | None:
    """The part openpyxl will read as sheet `name`, found with openpyxl's own steps (the workbook part
    through [Content_Types].xml, the sheet through the workbook's relationships), so that a package
    whose indexes disagree cannot have one part checked and another read; None when there is no such
    sheet (openpyxl will not find it either)."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.reader.excel import _find_workbook_part
    from openpyxl.xml.constants import ARC_CONTENT_TYPES

    _bounded(package, ARC_CONTENT_TYPES)
    workbook = _find_workbook_part(Manifest.from_tree(ElementTree.fromstring(package.read(ARC_CONTENT_TYPES))))
    workbook = workbook.PartName.lstrip("/")
    rels_path = get_rels_path(workbook)
    _bounded(package, rels_path)
    _bounded(package, workbook)
    targets = {rel_id: rel.target for rel_id, rel in get_dependents(package, rels_path).to_dict().items()}
    for element in ElementTree.fromstring(package.read(workbook)).iter():
        if _local(element.tag) == "sheet" and element.get("name") == name:
            return targets.get(_attribute(element, "id") or "")
    return None


def _stream(package: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The part's bytes in chunks, each prefixed with the last TAG_SPAN bytes of the previous buffer;
    yields (buffer, whether it is the last)."""
    tail = b""
    with package.open(info) as stream:
        chunk = stream.read(CHUNK)
        while chunk:
            following = stream.read(CHUNK)
            buffer = tail + chunk
            yield buffer, not following
            tail, chunk = buffer[-TAG_SPAN:], following


def _matches(pattern, package, info):
    """Every match of `pattern` in the part, streamed. A match starting in a chunk's last TAG_SPAN bytes
    is left to the next buffer, which begins with those bytes (the patterns all start at a "<")."""
    for buffer, last in _stream(package, info):
        limit = len(buffer) if last else len(buffer) - TAG_SPAN
        for match in pattern.finditer(buffer):
            if match.start() < limit:
                yield match


def _check_package(package: zipfile.ZipFile, size: int) -> None:
    parts = package.infolist()
    if len(parts) > MAX_PARTS:
        raise _too_big(_("%(n)s bagian; paling banyak %(max)s") % {"n": _n(len(parts)), "max": _n(MAX_PARTS)})
    total = sum(part.file_size for part in parts)
    if total > MAX_TOTAL_BYTES or total / max(1, size) > MAX_RATIO:
        raise _too_big(_("isinya mengembang menjadi %(mb).1f MB bila dibuka; paling banyak %(max)s MB dan "
                         "%(ratio)s kali ukuran berkas") % {"mb": total / 2**20, "max": MAX_TOTAL_BYTES >> 20,
                                                            "ratio": MAX_RATIO})
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise _too_big(_("bagian %(part)s %(mb).1f MB; paling banyak %(max)s MB") % {
                "part": part.filename, "mb": part.file_size / 2**20, "max": MAX_PART_BYTES >> 20})


def _check_shared_strings(package: zipfile.ZipFile) -> None:
    """Count `<si>` in every part (the table openpyxl loads is found through [Content_Types].xml; counting
    everywhere needs no trust in either index)."""
    for info in package.infolist():
        count = 0
        for _match in _matches(SHARED_STRING, package, info):
            count += 1
            if count > MAX_SHARED_STRINGS:
                raise _too_big(_("tabel teks bersama (shared strings) berisi lebih dari %(max)s teks") % {
                    "max": _n(MAX_SHARED_STRINGS)})


def _check_sheet(package: zipfile.ZipFile, part: str, name: str, max_rows: int) -> None:
    info = package.getinfo(part)
    with package.open(info) as stream:
        head = stream.read(DIMENSION_HEAD)
    found = DIMENSION.search(head)
    if found:
        last = REFERENCE.match(found.group(1).decode("ascii", "replace").split(":")[-1].strip())
        if last:
            columns = 0
            for letter in last.group(1).upper():
                columns = columns * 26 + ord(letter) - 64
            rows = int(last.group(2))
            if rows > max_rows + 1:
                raise _too_big(_("sheet %(sheet)s menyatakan %(n)s baris; paling banyak %(max)s baris data di "
                                 "bawah baris judul") % {"sheet": name, "n": _n(rows), "max": _n(max_rows)})
            if columns > MAX_COLUMNS:
                raise _too_big(_("sheet %(sheet)s menyatakan %(n)s kolom; paling banyak %(max)s kolom") % {
                    "sheet": name, "n": _n(columns), "max": _n(MAX_COLUMNS)})
    # The dimension may lie or be missing: count the real rows and the cells of each row.
    rows = cells = 0
    for match in _matches(ROW_OR_CELL, package, info):
        if match.group(1) == b"row":
            rows, cells = rows + 1, 0
            if rows > max_rows + 1:
                raise _too_big(_("sheet %(sheet)s berisi lebih dari %(max)s baris data di bawah baris judul") % {
                    "sheet": name, "max": _n(max_rows)})
        else:
            cells += 1
            if cells > MAX_COLUMNS:
                raise _too_big(_("sheet %(sheet)s, baris ke-%(row)s berisi lebih dari %(max)s sel") % {
                    "sheet": name, "row": _n(rows), "max": _n(MAX_COLUMNS)})


def check(data: bytes, sheet: str, *, max_rows: int) -> None:
    """Raise XlsxRefused unless sheet `sheet` of `data` can be read within the bounds above: at most
    `max_rows` data rows under the header row. A missing sheet is left to `read_sheet` to name."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(_("%(mb).1f MB; paling banyak %(max)s MB") % {"mb": len(data) / 2**20,
                                                                    "max": MAX_FILE_BYTES >> 20})
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            _check_package(package, len(data))
            _check_shared_strings(package)
            part = sheet_part(package, sheet)
            if part is not None:
                if part not in package.namelist():
                    raise _unreadable()
                _check_sheet(package, part, sheet, max_rows)
    except XlsxRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, KeyError, TypeError,
            ValueError, ElementTree.ParseError):  # defusedxml's refusals (DTD, entities) are ValueErrors
        raise _unreadable() from None


def read_sheet(data: bytes, name: str, *, max_rows: int) -> Table:
    """Sheet `name` of the XLSX `data`: its header row and at most `max_rows` data rows, after `check`."""
    from openpyxl import load_workbook

    check(data, name, max_rows=max_rows)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError):
        raise _unreadable() from None
    try:
        if name not in workbook.sheetnames:
            raise XlsxRefused(_("Sheet %(sheet)s tidak ada dalam berkas (sheet yang ada: %(sheets)s).") % {
                "sheet": name, "sheets": ", ".join(workbook.sheetnames)})
        worksheet = workbook[name]
        first = next(worksheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
        header = [str(v).strip() if v is not None else "" for v in first]
        while header and not header[-1]:
            header.pop()
        rows = []
        if header:
            body = worksheet.iter_rows(min_row=2, max_row=max_rows + 1, max_col=len(header), values_only=True)
            for number, values in enumerate(body, start=2):
                if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                    rows.append((number, list(values)))
        return Table(header=header, rows=rows)
    finally:
        workbook.close()
