import pytest


@pytest.fixture
def kinerja_office(demo_office):
    """The demo office with its invented Renstra 2021–2026, PKs, budget and realisations."""
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    return demo_office
