from pathlib import Path

import pytest

from alur.core.sop.model import Sop, Step, StepKind, Waktu, WaktuUnit
from alur.core.sop.timing import (
    format_total_waktu,
    format_working_minutes,
    total_waktu,
    total_working_minutes,
)
from alur.core.sop.yaml_format import load_sop_file

SEEDS = Path(__file__).parents[2] / "alur" / "sop" / "seeds"


def sop_with(*waktu):
    steps = tuple(
        Step(no=i + 1, kegiatan=f"Langkah {i + 1}", kind=StepKind.PROCESS, actors=("Staf",), waktu=w)
        for i, w in enumerate(waktu)
    )
    return Sop(nomor="1", nama="Uji", actors=("Staf",), steps=steps)


def test_total_per_unit_includes_every_unit():
    sop = sop_with(Waktu(10, WaktuUnit.MENIT), Waktu(1.5, WaktuUnit.JAM), None, Waktu(20, WaktuUnit.MENIT))
    assert total_waktu(sop) == {WaktuUnit.MENIT: 30.0, WaktuUnit.JAM: 1.5, WaktuUnit.HARI: 0.0}
    assert total_waktu(sop_with()) == {WaktuUnit.MENIT: 0.0, WaktuUnit.JAM: 0.0, WaktuUnit.HARI: 0.0}


def test_working_minutes_uses_minutes_per_day():
    sop = sop_with(Waktu(2, WaktuUnit.HARI), Waktu(1, WaktuUnit.JAM), Waktu(5, WaktuUnit.MENIT))
    assert total_working_minutes(sop) == 2 * 510 + 60 + 5
    assert total_working_minutes(sop, minutes_per_day=480) == 2 * 480 + 65
    with pytest.raises(ValueError):
        total_working_minutes(sop, minutes_per_day=0)


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
    assert format_working_minutes(minutes) == text


def test_format_with_shorter_day():
    assert format_working_minutes(480, minutes_per_day=480) == "1 hari kerja"
    assert format_working_minutes(510, minutes_per_day=480) == "1 hari kerja 30 menit"


def test_iku_seed_total():
    sop, _ = load_sop_file(SEEDS / "01-iku.yaml")
    # 10+20+30+30+5+15 menit and 3 hari
    assert total_waktu(sop) == {WaktuUnit.MENIT: 110.0, WaktuUnit.JAM: 0.0, WaktuUnit.HARI: 3.0}
    assert total_working_minutes(sop) == 3 * 510 + 110
    assert format_total_waktu(sop) == "3 hari kerja 1 jam 50 menit"
