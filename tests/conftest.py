import pytest
from hypothesis import HealthCheck, settings

# Speed is measured in bench/, never in tests: a loaded machine must not fail a property test by time.
settings.register_profile("alur", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("alur")


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """Office ids repeat across test databases: never let one test see another's cached calendar."""
    from alur.workdays.selectors import forget

    forget()
    yield
    forget()


@pytest.fixture
def demo_office(db):
    """The demo office with its people and log-ins (no SOPs)."""
    from alur.kinerja.setup import name_planning_unit
    from alur.org.demo import PPMEP, load_demo_office
    from alur.org.models import Unit

    office, _ = load_demo_office()
    name_planning_unit(office, Unit.objects.get(office=office, name=PPMEP))  # named, as an admin would
    return office


@pytest.fixture
def other_office(db):
    """A second office with one employee, to prove offices cannot see each other."""
    from django.contrib.auth import get_user_model

    from alur.org.models import Employee, Office, Position, PositionHolding, Unit

    office = Office.objects.create(
        name="Dinas Pendidikan", code="disdik", short_code="DISDIK", government="Pemerintah Kabupaten Contoh"
    )
    unit = Unit.objects.create(office=office, name="Sekretariat")
    position = Position.objects.create(office=office, unit=unit, name="Kepala Dinas", code="kepala-dinas", is_head=True)
    user = get_user_model().objects.create_user("kadisdik", password="rahasia-123")
    employee = Employee.objects.create(office=office, name="Lain Orang, S.Pd.", nip="198001012005011001", user=user)
    PositionHolding.objects.create(employee=employee, position=position, start="2024-01-01")
    from alur.audit.records import baseline

    baseline(office, reason="kantor uji dimuat", kind="demo.dimuat")  # written as a loader would: on the trail
    return office


@pytest.fixture
def login(client):
    def _login(username):
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=username))
        return client

    return _login


@pytest.fixture
def demo_sops(demo_office):
    """The demo office with its six approved seed SOPs and actor mappings."""
    from alur.sop.demo import load_demo_sops

    load_demo_sops(demo_office)
    return demo_office


@pytest.fixture
def revision_named(demo_sops):
    def _find(fragment):
        from alur.sop.models import SopRevision

        return SopRevision.objects.get(sop__office=demo_sops, nama__icontains=fragment)

    return _find
