"""Imported cells are under the same text rule as every form (issue 16 item 10).

openpyxl refuses to write C0 controls, but a C1 control (U+0080–U+009F) is valid XML and reaches the
import: it is refused naming the sheet, the row and the column, and nothing is stored."""

from datetime import date

from alur.kinerja import services
from alur.kinerja.models import Realisasi
from alur.kinerja.spreadsheets import REALISASI_SHEET, realisasi_template
from tests.kinerja.test_realisasi_import import _filled

DAY = date(2026, 10, 20)  # the Q3 2026 window is open


def test_a_control_character_in_an_imported_cell_is_refused_naming_the_cell(kinerja_office, user_named):
    kabid = user_named("kabidpp")
    template = realisasi_template(user=kabid, office=kinerja_office, year=2026, triwulan=3, day=DAY)
    data = _filled(template, {(3, "Realisasi"): 2150, (3, "Faktor pendorong"): "Layanan\x9bdaring"})
    before = list(Realisasi.objects.values_list("pk", "value", "faktor_pendorong"))
    parsed = services.realisasi_import(user=kabid, office=kinerja_office, year=2026, triwulan=3, data=data,
                                       apply=True, day=DAY)
    assert parsed.errors == [f"Sheet {REALISASI_SHEET}, kode IND-09, kolom Faktor pendorong TW 3 2026: "
                             "Teks mengandung karakter kendali U+009B pada posisi 8; hapus karakter itu."]
    assert list(Realisasi.objects.values_list("pk", "value", "faktor_pendorong")) == before
