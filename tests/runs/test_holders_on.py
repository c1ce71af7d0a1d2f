"""holders_on: who acts for each position on a day, in one statement (stand-in beats holder)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alur.org.models import Employee, Position, PositionHolding, StandIn
from alur.org.selectors import holders_on

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 2)


def test_holders_of_many_positions_in_one_statement(demo_office):
    positions = list(Position.objects.filter(office=demo_office))
    with CaptureQueriesContext(connection) as captured:
        holders = holders_on(positions, DAY)
    assert len(captured.captured_queries) == 1
    head = next(p for p in positions if p.code == "kepala-dinas")
    assert holders[head].employee.user.username == "kadis" and holders[head].prefix == ""
    assert all(acting.position is position for position, acting in holders.items())


def test_stand_in_beats_holder_only_on_their_days(demo_office):
    head = Position.objects.get(office=demo_office, code="kepala-dinas")
    sekdis = Employee.objects.get(user__username="sekdis")
    StandIn.objects.create(position=head, employee=sekdis, kind="plh", start=date(2026, 3, 2), end=date(2026, 3, 6))
    assert holders_on([head], date(2026, 3, 1))[head].employee.user.username == "kadis"
    acting = holders_on([head], DAY)[head]
    assert (acting.employee, acting.prefix, acting.title) == (sekdis, "Plh.", "Plh. Kepala Dinas")
    assert holders_on([head], date(2026, 3, 7))[head].employee.user.username == "kadis"


def test_an_empty_position_is_left_out(demo_office):
    staf = Position.objects.get(office=demo_office, code="staf-perencanaan")
    PositionHolding.objects.filter(position=staf).update(end=date(2026, 2, 28))
    assert holders_on([staf], DAY) == {}
    assert holders_on([], DAY) == {}
