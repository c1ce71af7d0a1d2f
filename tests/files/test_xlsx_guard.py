"""alur/files/xlsx.py measures an XLSX before openpyxl reads it (issue 16 item 9).

The two bombs of bench/xlsx_bombs.py: the 31 KB dimension bomb cost 501 MB (traced peak) and the
shared-strings bomb 134 MB and 29 s through the import's old `open_sheet`; here each is refused
within a few MB. Every other bound is tested with a small file made to cross it."""

import io
import zipfile

import pytest

from alur.files import xlsx
from alur.kit.exports import new_workbook, workbook_bytes
from bench.xlsx_bombs import dimension_bomb, peak_mb, shared_strings_bomb
from bench.xlsx_bombs import xlsx as minimal_xlsx

HEADERS = ["Kode", "Kondisi awal", "Target 2026"]
PEAK_LIMIT_MB = 30


def _refusal(data, sheet="Indikator", max_rows=5000) -> str:
    with pytest.raises(xlsx.XlsxRefused) as refused:
        xlsx.read_sheet(data, sheet, max_rows=max_rows)
    return refused.value.message


def _read(data):
    try:
        return xlsx.read_sheet(data, "Indikator", max_rows=5000)
    except xlsx.XlsxRefused as refused:
        return refused


def test_the_dimension_bomb_is_refused_with_little_memory():
    data = dimension_bomb("Indikator", HEADERS)
    assert len(data) < 40 * 1024
    peak, result = peak_mb(_read, data)
    assert isinstance(result, xlsx.XlsxRefused)
    assert result.message == ("Berkas XLSX terlalu besar: sheet Indikator menyatakan 1.048.576 baris; paling "
                              "banyak 5.000 baris data di bawah baris judul.")
    assert peak < PEAK_LIMIT_MB, peak


def test_the_shared_strings_bomb_is_refused_with_little_memory():
    data = shared_strings_bomb("Indikator", HEADERS, strings=500_000)  # under the per-part size: counted
    peak, result = peak_mb(_read, data)
    assert isinstance(result, xlsx.XlsxRefused)
    assert result.message == ("Berkas XLSX terlalu besar: tabel teks bersama (shared strings) berisi lebih dari "
                              "100.000 teks.")
    assert peak < PEAK_LIMIT_MB, peak
    assert "xl/sharedStrings.xml 18.0 MB; paling banyak 16 MB" in _refusal(shared_strings_bomb("Indikator", HEADERS))


def test_shared_strings_are_counted_exactly_across_stream_chunks(monkeypatch):
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{n}</t></si>" for n in range(1000)) + "</sst>")
    data = minimal_xlsx("Indikator", HEADERS, shared_strings=sst)
    monkeypatch.setattr(xlsx, "CHUNK", 7)  # shorter than a tag: every `<si>` straddles some boundary
    monkeypatch.setattr(xlsx, "MAX_SHARED_STRINGS", 1000)
    assert xlsx.read_sheet(data, "Indikator", max_rows=10).header == HEADERS
    monkeypatch.setattr(xlsx, "MAX_SHARED_STRINGS", 999)
    assert "lebih dari 999 teks" in _refusal(data, max_rows=10)


def test_a_lying_dimension_does_not_hide_a_row_of_a_hundred_thousand_cells():
    row = '<row r="2">' + "<c><v>1</v></c>" * 100_000 + "</row>"
    data = minimal_xlsx("Indikator", HEADERS, row, dimension="A1:C2", padding=20_000)  # ratio under 100
    peak, result = peak_mb(_read, data)
    assert result.message == "Berkas XLSX terlalu besar: sheet Indikator, baris ke-2 berisi lebih dari 64 sel."
    assert peak < PEAK_LIMIT_MB, peak


def test_rows_are_counted_when_the_dimension_is_missing():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 14))
    data = minimal_xlsx("Indikator", HEADERS, rows)
    assert "sheet Indikator berisi lebih dari 11 baris data" in _refusal(data, max_rows=11)
    assert len(xlsx.read_sheet(data, "Indikator", max_rows=12).rows) == 12


def test_too_many_declared_columns_parts_or_a_high_ratio_are_refused(monkeypatch):
    assert "sheet Indikator menyatakan 78 kolom; paling banyak 64 kolom" in _refusal(
        minimal_xlsx("Indikator", HEADERS, dimension="A1:BZ2"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for n in range(xlsx.MAX_PARTS + 1):
            package.writestr(f"x/{n}.xml", "<a/>")
    assert "501 bagian; paling banyak 500" in _refusal(out.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("x/zeros.xml", b"\0" * (5 << 20))
    assert "paling banyak 20 MB dan 100 kali ukuran berkas" in _refusal(out.getvalue())
    monkeypatch.setattr(xlsx, "MAX_FILE_BYTES", 1000)
    assert _refusal(minimal_xlsx("Indikator", HEADERS)).startswith("Berkas XLSX terlalu besar: 0.0 MB; paling")


def test_a_missing_sheet_or_a_broken_file_is_named():
    assert _refusal(minimal_xlsx("Lain", HEADERS)) == ("Sheet Indikator tidak ada dalam berkas (sheet yang ada: "
                                                       "Lain).")
    assert _refusal(b"PK\x03\x04 bukan zip") == "Berkas bukan XLSX yang dapat dibaca."
    doctype = minimal_xlsx("Indikator", HEADERS)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(doctype)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/workbook.xml":  # an entity expansion: defusedxml refuses it
                body = body.replace(b"<workbook", b'<!DOCTYPE w [<!ENTITY e "x">]><workbook', 1)
            target.writestr(item, body)
    assert _refusal(out.getvalue()) == "Berkas bukan XLSX yang dapat dibaca."


def test_a_normal_sheet_is_read_to_the_header_width_numbered_as_excel():
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Indikator"
    sheet.append(HEADERS)
    sheet.append(["IKU-01", 5, 6, "catatan di luar tabel"])
    sheet.append([None, None, None])
    sheet.append(["IKU-02", "  ", 7])
    table = xlsx.read_sheet(workbook_bytes(workbook), "Indikator", max_rows=10)
    assert table.header == HEADERS
    assert table.rows == [(2, ["IKU-01", 5, 6]), (4, ["IKU-02", "  ", 7])]


def test_the_sheet_checked_is_the_one_openpyxl_reads_when_the_indexes_disagree():
    """_rels/.rels names a harmless workbook, [Content_Types].xml (which openpyxl follows) another whose
    sheet of the same name is the dimension bomb: the bomb is what gets checked."""
    from bench import xlsx_bombs as b

    source = zipfile.ZipFile(io.BytesIO(dimension_bomb("Indikator", HEADERS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", b.CONTENT_TYPES.replace("/xl/workbook.xml", "/xl/book2.xml"))
        package.writestr("_rels/.rels", b.ROOT_RELS)
        package.writestr("xl/workbook.xml", b.WORKBOOK.format(name="Indikator"))
        package.writestr("xl/_rels/workbook.xml.rels", b.WORKBOOK_RELS.replace("sheet1.xml", "harmless.xml"))
        package.writestr("xl/worksheets/harmless.xml", b.SHEET_HEAD.format(dimension="") + b.SHEET_TAIL)
        package.writestr("xl/book2.xml", b.WORKBOOK.format(name="Indikator"))
        package.writestr("xl/_rels/book2.xml.rels", b.WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", source.read("xl/worksheets/sheet1.xml"))
        package.writestr("xl/sharedStrings.xml", source.read("xl/sharedStrings.xml"))
    assert "sheet Indikator menyatakan 1.048.576 baris" in _refusal(out.getvalue())
