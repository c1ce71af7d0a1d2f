"""Upload content checks (issue 8 #13) and long scanner names (issue 9 #14)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from alur.files.validators import ZIP_MAX_TOTAL_BYTES, check_and_hash, display_name
from alur.sim.simulate import SAMPLE_PDF


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _refused(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        check_and_hash(SimpleUploadedFile(name, content), field="upload")
    messages = error.value.message_dict["upload"]
    assert any(name.split("/")[-1][:20] in m for m in messages), messages  # the message names the file
    return " ".join(messages)


def test_a_real_pdf_and_a_real_docx_pass():
    assert len(check_and_hash(SimpleUploadedFile("a.pdf", SAMPLE_PDF), field="upload")) == 64
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>" * 100})
    assert len(check_and_hash(SimpleUploadedFile("a.docx", docx), field="upload")) == 64


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\nnothing else",  # the right first bytes, but no PDF behind them
    SAMPLE_PDF[:120],  # cut off
    b"%PDF-1.7\n" + bytes(range(256)) * 40,
])
def test_a_pdf_that_does_not_parse_is_refused(content):
    assert "bukan PDF yang dapat dibaca" in _refused("laporan.pdf", content)


def test_a_zip_bomb_is_refused_before_it_is_expanded():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (ZIP_MAX_TOTAL_BYTES + 1)})
    assert len(bomb) < 1024 * 1024
    assert "mengembang terlalu besar" in _refused("renja.docx", bomb)


def test_high_ratio_is_refused_even_below_the_size_cap():
    assert "mengembang" in _refused("data.xlsx", _zip({"[Content_Types].xml": b"<T/>", "x.xml": b"a" * 20_000_000}))


def test_too_many_members_is_refused():
    members = {"[Content_Types].xml": b"<T/>", **{f"p/{i}.xml": b"x" for i in range(2100)}}
    assert "terlalu banyak bagian" in _refused("a.docx", _zip(members, zipfile.ZIP_STORED))


def test_a_zip_that_is_not_an_office_document_or_is_broken_is_refused():
    assert "bukan dokumen .docx yang sah" in _refused("a.docx", _zip({"readme.txt": b"hi"}))
    assert "mimetype" in _refused("a.odt", _zip({"content.xml": b"<x/>"}))
    good = _zip({"[Content_Types].xml": b"<Types/>" * 50})
    assert "rusak" in _refused("a.docx", good[:40])


def test_long_scanner_names_are_shortened_not_refused():
    long = "SCAN_" + "20260302_0830_KANTOR_BUPATI_TANJUNG_JABUNG_BARAT_" * 6 + "0001.PDF"
    shown = display_name(long)
    assert len(shown) <= 120 and shown.endswith(".PDF") and shown.startswith("SCAN_20260302") and "…" in shown
    assert display_name("C:\\Users\\tu\\surat.pdf") == "surat.pdf"
    assert display_name("surat.pdf") == "surat.pdf"
    assert len(check_and_hash(SimpleUploadedFile(long, SAMPLE_PDF), field="scan")) == 64
