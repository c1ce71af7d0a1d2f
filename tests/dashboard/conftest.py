import pytest


@pytest.fixture
def history(demo_sops):
    """Five finished RENJA runs over the past year (half the decisions send the work back), plus the
    two stuck runs and the unanswered letter of today; timing tables brought up to date."""
    from alur.dashboard.timings import refresh
    from alur.sim.history import Options, generate_history

    figures = generate_history(demo_sops, Options(seed=3, years=1, runs_per_year=5, send_back_rate=0.5,
                                                  sop_name="RENJA"))
    refresh(demo_sops)
    return figures


@pytest.fixture
def renja(demo_sops):
    from alur.sop.models import Sop

    return next(sop for sop in Sop.objects.filter(office=demo_sops) if "RENJA" in str(sop))
