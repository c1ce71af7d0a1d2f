import pytest


@pytest.fixture
def seeds_unconfirmed(demo_sops):
    """The seed SOPs as an office that has not yet checked their inferred actors sees them: the demo
    loader's confirmations removed (the demo confirms them so its runs may start)."""
    from alur.sop.models import StepActorConfirmation

    StepActorConfirmation.objects.filter(revision__sop__office=demo_sops, confirmed_by__isnull=True).delete()
    return demo_sops
