import pytest


@pytest.fixture(autouse=True)
def anchor_dir(settings, tmp_path):
    """Each test anchors into its own folder: anchors of another test's database must not count."""
    settings.ALUR_ANCHOR_DIR = tmp_path / "anchors"
    return settings.ALUR_ANCHOR_DIR
