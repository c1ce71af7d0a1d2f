"""Working time in words (alur.core.durations) and the SOP vocabulary written once."""

from datetime import date, time
from pathlib import Path

import pytest

from alur.core.durations import WorkingDay, format_clock_length, format_working_minutes
from alur.core.nip import format_nip
from alur.core.sop import vocabulary
from alur.core.sop.importer import checks
from alur.core.sop.yaml_format import load_sop_file

SEEDS = Path(__file__).parents[2] / "alur" / "sop" / "seeds"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 menit"),
        (45, "45 menit"),
        (60, "1 jam"),
        (510, "1 hari kerja"),
        (510 + 95, "1 hari kerja 1 jam 35 menit"),
        (3 * 510 + 5, "3 hari kerja 5 menit"),
        (89.6, "1 jam 30 menit"),
        (-3, "0 menit"),
    ],
)
def test_format_working_minutes(minutes, text):
    assert format_working_minutes(minutes, 510) == text


def test_format_with_shorter_day_and_a_bad_day():
    assert format_working_minutes(480, minutes_per_day=480) == "1 hari kerja"
    assert format_working_minutes(510, minutes_per_day=480) == "1 hari kerja 30 menit"
    with pytest.raises(ValueError):
        format_working_minutes(10, minutes_per_day=0)


def test_working_day_reads_the_calendar_hours():
    day = WorkingDay.of((time(7, 30), time(16, 0)))
    assert day.minutes == 510 and day.hours_text == "07.30–16.00"
    assert day.wording == "8 jam 30 menit, 07.30–16.00"
    assert WorkingDay(time(8, 0), time(16, 0)).wording == "8 jam, 08.00–16.00"
    assert format_clock_length(45) == "45 menit"


def test_iku_seed_total_in_working_time():
    from alur.sop.render.common import total_waktu

    sop, _ = load_sop_file(SEEDS / "01-iku.yaml")
    total = total_waktu(sop, working_day=WorkingDay(time(7, 30), time(16, 0)))
    assert total.working_days() == "3 hari kerja 1 jam 50 menit"  # 10+20+30+30+5+15 menit and 3 hari
    assert total.day_length() == "8 jam 30 menit, 07.30–16.00"
    shorter = total_waktu(sop, working_day=WorkingDay(time(8, 0), time(16, 0)))
    assert shorter.working_days() == "3 hari kerja 1 jam 50 menit" and shorter.minutes_per_day == 480


def test_one_list_of_typos_serves_the_importer_and_the_validator():
    assert len(vocabulary.KNOWN_TYPOS) == 14
    assert checks.find_typos("Dokument ini di reuvi") == [("Dokument", "Dokumen"), ("reuvi", "reviu")]
    from alur.core.sop.validate import validate_sop_dict

    sop, _ = load_sop_file(SEEDS / "01-iku.yaml")
    data = dict(sop.to_dict(), nama="Kenerja dan Dokument")
    warnings = [i.message for i in validate_sop_dict(data) if i.field == "nama"]
    assert warnings == ["Kemungkinan salah ketik 'Kenerja'; maksudnya 'kinerja'?"]  # Dokument: kept as written
    assert set(vocabulary.VALIDATOR_TYPOS) | vocabulary.KEPT_AS_WRITTEN == set(vocabulary.KNOWN_TYPOS)


def test_months_and_nip_are_written_one_way():
    from alur.core.sop import diff
    from alur.sop.render.common import format_nip as document_nip
    from alur.sop.render.common import tanggal

    assert vocabulary.tanggal(date(2022, 1, 4)) == tanggal(date(2022, 1, 4)) == "4 Januari 2022"
    assert diff.tanggal is vocabulary.tanggal
    assert format_nip("197009301997031003") == "19700930 199703 1 003"
    assert format_nip(" 19700980 199703 1 003x ") == "19700980 199703 1 003x"  # not a NIP: as written
    assert document_nip("197009301997031003") == "NIP. 19700930 199703 1 003"
    assert document_nip("") == ""
