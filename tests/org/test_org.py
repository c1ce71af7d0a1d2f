from datetime import date

import pytest
from django.core.exceptions import ValidationError

from alur.org.models import Employee, Position, PositionHolding, StandIn
from alur.org.selectors import acting_for, is_head, roles_of, visible_offices

pytestmark = pytest.mark.django_db


def test_demo_office_is_idempotent(demo_office):
    from alur.org.demo import PEOPLE, load_demo_office

    counts = (Employee.objects.count(), Position.objects.count(), PositionHolding.objects.count())
    office, created = load_demo_office()
    assert created == 0
    assert office == demo_office
    assert (Employee.objects.count(), Position.objects.count(), PositionHolding.objects.count()) == counts
    assert Employee.objects.filter(office=office).count() == len(PEOPLE)


def test_every_demo_nip_is_valid(demo_office):
    for employee in Employee.objects.all():
        employee.full_clean()


def test_invalid_nip_is_rejected_with_indonesian_message(demo_office):
    employee = Employee(office=demo_office, name="Salah NIP", nip="197009801997031003")
    with pytest.raises(ValidationError) as info:
        employee.full_clean()
    assert "tanggal lahir 19700980 tidak valid" in str(info.value.message_dict["nip"]).lower()


def test_plt_acts_for_the_position_and_is_head(demo_office):
    head = Position.objects.get(office=demo_office, code="kepala-dinas")
    sekretaris = Employee.objects.get(user__username="sekdis")
    assert not is_head(sekretaris, date(2026, 3, 2))
    StandIn.objects.create(position=head, employee=sekretaris, kind="plt",
                           start=date(2026, 3, 1), end=date(2026, 3, 31))
    acting = acting_for(head, date(2026, 3, 2))
    assert acting.employee == sekretaris
    assert acting.title == "Plt. Kepala Dinas"
    assert is_head(sekretaris, date(2026, 3, 2))
    assert acting_for(head, date(2026, 4, 1)).employee.user.username == "kadis"
    assert {a.title for a in roles_of(sekretaris, date(2026, 3, 2))} == {"Sekretaris Dinas", "Plt. Kepala Dinas"}


def test_holding_history_keeps_the_past(demo_office):
    position = Position.objects.get(office=demo_office, code="staf-perencanaan")
    old = PositionHolding.objects.get(position=position)
    old.end = date(2026, 6, 30)
    old.save()
    newcomer = Employee.objects.create(office=demo_office, name="Pegawai Baru", nip="199912312024012001")
    PositionHolding.objects.create(employee=newcomer, position=position, start=date(2026, 7, 1))
    assert acting_for(position, date(2026, 6, 30)).employee == old.employee
    assert acting_for(position, date(2026, 7, 1)).employee == newcomer


def test_stand_in_range_must_be_ordered(demo_office):
    head = Position.objects.get(office=demo_office, code="kepala-dinas")
    stand_in = StandIn(position=head, employee=Employee.objects.first(), start=date(2026, 3, 2), end=date(2026, 3, 1))
    with pytest.raises(ValidationError) as info:
        stand_in.full_clean()
    assert "tidak boleh sebelum" in str(info.value)


def test_users_see_only_their_office(demo_office, other_office):
    from django.contrib.auth import get_user_model

    kadis = get_user_model().objects.get(username="kadis")
    assert list(visible_offices(kadis)) == [demo_office]
    kadis.office_grants.create(office=other_office)
    assert set(visible_offices(kadis)) == {demo_office, other_office}
