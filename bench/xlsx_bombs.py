"""Peak memory and time of reading two hostile XLSX files through the import's `open_sheet`.

    .venv/bin/python -m bench.xlsx_bombs [--json]

- dimension bomb (~32 KB): a sheet whose `<dimension ref="A1:XFD1048576"/>` claims the whole grid and
  that holds a few thousand one-cell rows; openpyxl's read-only reader pads every row to the claimed
  16 384 columns;
- shared-strings bomb (~0.6 MB): a tiny sheet and a shared-strings table of a million strings, all
  loaded by openpyxl before the first row is read.

Both pass the generic upload checks (alur/files/validators.py: size, zip ratio, total size), so they
reach the XLSX reader. Peak memory is measured with tracemalloc (Python allocations) around the call.
The builders are also used by the tests (tests/files/test_xlsx_guard.py, tests/kinerja/test_import_limits.py).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import time
import tracemalloc
import zipfile
from xml.sax.saxutils import escape

OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{OOXML}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OOXML}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{OOXML}.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{RELS}">
<sheets><sheet name="{{name}}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
              'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def _column(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def xlsx(sheet: str, headers: list[str], rows: str = "", *, dimension: str | None = None,
         shared_strings: str = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>",
         padding: int = 0) -> bytes:
    """A minimal XLSX: one sheet named `sheet`, `headers` in row 1, then the raw `<row>` XML `rows`;
    `padding` bytes of incompressible noise (an image part) lower the package's compression ratio."""
    header = "".join(_inline(f"{_column(i)}1", h) for i, h in enumerate(headers, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = SHEET_HEAD.format(dimension=dim) + f'<row r="1">{header}</row>' + rows + SHEET_TAIL
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK.format(name=escape(sheet, {'"': "&quot;"})))
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", body)
        package.writestr("xl/sharedStrings.xml", shared_strings)
        if padding:
            package.writestr("xl/media/image1.png", os.urandom(padding))
    return out.getvalue()


def dimension_bomb(sheet: str, headers: list[str], rows: int = 4000) -> bytes:
    """~32 KB: claims A1:XFD1048576 and holds `rows` rows of one cell each."""
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, rows + 2))
    return xlsx(sheet, headers, body, dimension="A1:XFD1048576")


def shared_strings_bomb(sheet: str, headers: list[str], strings: int = 1_000_000) -> bytes:
    """~0.6 MB: a one-row sheet and a shared-strings table of `strings` short strings (~19 MB, compressed
    140 times), with an image part of noise that brings the package's ratio down to ~30."""
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{n % 1000}</t></si>" for n in range(strings)) + "</sst>")
    return xlsx(sheet, headers, dimension=f"A1:{_column(len(headers))}1", shared_strings=sst,
                padding=strings // 2)


def peak_mb(read, data: bytes) -> tuple[float, object]:
    """(peak traced memory in MB, result) of `read(data)`."""
    tracemalloc.start()
    try:
        result = read(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1), result


def measure(read, data: bytes) -> dict:
    """Seconds of `read(data)` (untraced: tracemalloc slows allocation-heavy code several times) and
    its peak traced memory (a second call)."""
    start = time.perf_counter()
    read(data)
    seconds = time.perf_counter() - start
    peak, result = peak_mb(read, data)
    errors = getattr(result, "errors", None)
    return {"file_kb": round(len(data) / 1024, 1), "peak_mb": peak, "seconds": round(seconds, 2),
            "refused": (errors or [None])[0]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alur.settings.dev")
    import django

    django.setup()
    from alur.kinerja.imports import open_sheet

    headers = ["Kode", "Kondisi awal", "Target 2026"]

    def read(data):
        return open_sheet(data, "Indikator", headers, headers)

    results = {"dimension": measure(read, dimension_bomb("Indikator", headers)),
               "shared_strings": measure(read, shared_strings_bomb("Indikator", headers))}
    if args.json:
        print(json.dumps(results))
        return
    for name, figures in results.items():
        print(f"{name:15} {figures['file_kb']:>8} KB  peak {figures['peak_mb']:>8} MB  {figures['seconds']:>6} s  "
              f"{figures['refused'] or '(read)'}")


if __name__ == "__main__":
    main()
