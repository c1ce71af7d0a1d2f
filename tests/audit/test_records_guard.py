"""Writers cannot forget the trail: a tracked row committed with no entry recording it fails loudly
in the tests (ALUR_STRICT_RECORDS), and is logged in production."""

import pytest
from django.db import transaction

from alur.audit.records import UnrecordedWrite
from alur.audit.services import record
from alur.org.models import Employee

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_write_without_a_trail_entry_is_refused_at_commit(demo_office):
    employee = Employee.objects.filter(office=demo_office).first()
    with pytest.raises(UnrecordedWrite, match=f"org.employee:{employee.pk}"):
        with transaction.atomic():
            employee.is_office_admin = not employee.is_office_admin
            employee.save()


def test_a_write_after_the_acts_record_call_is_refused_too(demo_office):
    employee = Employee.objects.filter(office=demo_office).first()
    with pytest.raises(UnrecordedWrite):
        with transaction.atomic():
            record(office=demo_office, kind="uji.urutan", data={})
            employee.rank = "Pembina Utama (IV/e)"
            employee.save()


def test_recorded_and_unchanged_writes_pass(demo_office):
    employee = Employee.objects.filter(office=demo_office).first()
    with transaction.atomic():
        employee.save()  # saved without a change: nothing to record
    with transaction.atomic():
        employee.rank = "Pembina Utama (IV/e)"
        employee.save()
        record(office=demo_office, kind="uji.pegawai", data={"pegawai": employee.pk})
    employee.refresh_from_db()
    assert employee.rank == "Pembina Utama (IV/e)"
