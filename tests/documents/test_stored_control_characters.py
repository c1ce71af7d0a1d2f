"""Rows stored before the text rule with a control character still make their DOCX (issue 16 item 10).

python-docx refuses a string that is not XML-compatible (ValueError), so one evidence note, narrative
or unit name with \\x07 made the data-kinerja and LKjIP DOCX a 500 for everyone. The rows are written
directly (as old data would be); the writers strip the characters when rendering.
"""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as read_docx

from alur.documents.models import NarrativeVersion
from alur.kinerja.models import Evidence
from alur.org.models import Unit

pytestmark = pytest.mark.django_db

BAD = "Catatan\x07lama\x1b\x85"  # PostgreSQL cannot hold a NUL: no old row has one


def _docx_text(body: bytes) -> str:
    document = read_docx(BytesIO(body))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def bad_rows(kinerja_office, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    for unit in Unit.objects.filter(office=kinerja_office):
        Unit.objects.filter(pk=unit.pk).update(name=f"{unit.name}\x07")
    Evidence.objects.update(note=BAD)
    NarrativeVersion.objects.bulk_create([
        NarrativeVersion(office=kinerja_office, document=kind, year=2026, key=key, number=1, text=BAD,
                         changed_by=admin, changed_at="2026-01-05T08:00:00Z")
        for kind, key in (("lkjip", "kata_pengantar"), ("data_kinerja", "catatan"))])
    return kinerja_office


@pytest.mark.parametrize("kind", ["lkjip", "data_kinerja"])
def test_docx_of_rows_holding_control_characters_is_made_without_them(bad_rows, login, kind):
    client = login("admin")
    response = client.get(reverse("documents:preview", args=[bad_rows.code, kind, 2026, "docx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    text = _docx_text(response.content)
    assert "Catatanlama" in text
    assert not any(c in text for c in "\x07\x1b\x85")
    pdf = client.get(reverse("documents:preview", args=[bad_rows.code, kind, 2026, "pdf"]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_sop_docx_of_a_stored_control_character_is_made(revision_named, login):
    iku = revision_named("IKU")
    data = dict(iku.data, nama="Penyusunan\x07IKU")
    type(iku).objects.filter(pk=iku.pk).update(data=data, nama=data["nama"])
    client = login("admin")
    response = client.get(reverse("sop_download", args=[iku.sop_id, "docx"]))
    assert response.status_code == 200
    assert "PenyusunanIKU" in _docx_text(b"".join(response.streaming_content) if response.streaming
                                         else response.content).replace(" ", "")
    for fmt in ("svg", "bpmn", "pdf"):
        response = client.get(reverse("sop_download", args=[iku.sop_id, fmt]))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200 and (fmt == "pdf" or b"\x07" not in body), fmt


def test_a_narrative_with_a_control_character_is_refused_naming_it(kinerja_office, django_user_model):
    from django.core.exceptions import ValidationError

    from alur.documents.narratives import save

    kadis = django_user_model.objects.get(username="kadis")
    with pytest.raises(ValidationError) as excinfo:
        save(kinerja_office, "lkjip", 2026, "penutup", "Penutup\x00", kadis)
    assert "karakter NUL U+0000 pada posisi 8" in str(excinfo.value)
    assert not NarrativeVersion.objects.filter(key="penutup").exists()
