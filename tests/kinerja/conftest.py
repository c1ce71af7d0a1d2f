import pytest


@pytest.fixture
def kinerja_office(demo_office):
    """The demo office with its invented Renstra 2021–2026, PKs, budget and realisations."""
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    return demo_office


@pytest.fixture
def user_named(db):
    def _user(username):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=username)

    return _user


def one_page_pdf() -> bytes:
    """A real one-page PDF (the upload checks parse it)."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
