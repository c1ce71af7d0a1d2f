"""The three XLSX imports refuse the two memory bombs through their pages (issue 16 item 9).

Each bomb (bench/xlsx_bombs.py) passes the generic upload checks (type, 20 MB, zip ratio 200) and is
uploaded through the real view by the user who may import it: the page answers 200 with the
Indonesian message and nothing is stored. The parse function's traced peak memory stays under
30 MB; on the old code the dimension bomb cost ~500 MB through every one of them."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alur.audit.models import Entry
from alur.kinerja.imports import parse_programs, parse_realisasi, parse_renstra_matrix
from alur.kinerja.models import Indicator, IndicatorTarget, PaguIndikatif, Program, Realisasi, Renstra
from alur.kinerja.spreadsheets import (
    INDICATOR_SHEET,
    PROGRAM_SHEET,
    REALISASI_SHEET,
    program_headers,
    realisasi_headers,
    renstra_headers,
)
from alur.kinerja.windows import current_period
from bench.xlsx_bombs import dimension_bomb, peak_mb, shared_strings_bomb

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PEAK_LIMIT_MB = 30
DIMENSION = "menyatakan 1.048.576 baris; paling banyak 5.000 baris data"
STRINGS = "tabel teks bersama (shared strings) berisi lebih dari 100.000 teks"


def _stored():
    return (Indicator.objects.count(), IndicatorTarget.objects.count(), PaguIndikatif.objects.count(),
            Program.objects.count(), Realisasi.objects.count(), Entry.objects.count())


def _imports(office, renstra, user):
    """(user, sheet, headers, import page, parse function of the same bytes) of the three imports."""
    year, quarter = current_period(date.today())
    return [
        ("kasubbag", INDICATOR_SHEET, renstra_headers(renstra), f"/kinerja/{office.code}/renstra/impor/",
         lambda data: parse_renstra_matrix(renstra, data)),
        ("kasubbag", PROGRAM_SHEET, program_headers(renstra), f"/kinerja/{office.code}/renstra/program/impor/",
         lambda data: parse_programs(renstra, data)),
        ("kabidpp", REALISASI_SHEET, realisasi_headers(), f"/kinerja/{office.code}/realisasi/{year}/{quarter}/impor/",
         lambda data: parse_realisasi(user=user("kabidpp"), office=office, year=year, triwulan=quarter, data=data)),
    ]


@pytest.mark.parametrize("bomb, message", [(dimension_bomb, DIMENSION),
                                           (lambda s, h: shared_strings_bomb(s, h, strings=500_000), STRINGS)],
                         ids=["dimension", "shared-strings"])
def test_each_import_page_refuses_the_bomb_and_stores_nothing(kinerja_office, login, user_named, bomb, message):
    renstra = Renstra.objects.get(office=kinerja_office)
    for username, sheet, headers, url, parse in _imports(kinerja_office, renstra, user_named):
        data = bomb(sheet, headers)
        before = _stored()
        response = login(username).post(url, {"file": SimpleUploadedFile("bom.xlsx", data, XLSX_TYPE),
                                              "confirm": "on"})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'data-testid="import-errors"' in html and message in html, url
        assert _stored() == before, url
        peak, parsed = peak_mb(parse, data)
        assert parsed.errors and message in parsed.errors[0] and not parsed.changes, url
        assert peak < PEAK_LIMIT_MB, (url, peak)
