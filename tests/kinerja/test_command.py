from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


def test_export_pengukuran_writes_the_table(kinerja_office, tmp_path):
    out = tmp_path / "p.xlsx"
    call_command("kinerja", "export-pengukuran", kinerja_office.code, "2025", "-o", str(out))
    sheet = load_workbook(BytesIO(out.read_bytes())).active
    assert any(row[1] == "IKU-07" for row in sheet.iter_rows(min_row=4, values_only=True))


def test_unknown_office_or_year_is_named(kinerja_office, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("kinerja", "export-renstra", "tidak-ada", "-o", str(tmp_path / "r.xlsx"))
    with pytest.raises(CommandError, match="tahun 2040"):
        call_command("kinerja", "export-pengukuran", kinerja_office.code, "2040", "-o", str(tmp_path / "p.xlsx"))
