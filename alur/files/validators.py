"""Checks on an uploaded file before it is stored: allowed type, size, and that its content really
is what its extension claims (a PDF parses as a PDF; an Office/OpenDocument file is a bounded zip,
not a zip bomb). Every refusal is a ValidationError on the form field, naming the file."""

from __future__ import annotations

import hashlib
import logging
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
# Magic numbers of the accepted formats, so a renamed file is refused.
SIGNATURES = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"], ".xlsx": [b"PK\x03\x04"], ".odt": [b"PK\x03\x04"], ".ods": [b"PK\x03\x04"],
    ".doc": [b"\xd0\xcf\x11\xe0"], ".xls": [b"\xd0\xcf\x11\xe0"],
    ".jpg": [b"\xff\xd8\xff"], ".jpeg": [b"\xff\xd8\xff"],
    ".png": [b"\x89PNG"],
}
ZIP_FORMATS = {".docx": "[Content_Types].xml", ".xlsx": "[Content_Types].xml", ".odt": "mimetype",
               ".ods": "mimetype"}  # the member every such package must contain

# Bounds of a zip package (a Word document of a few hundred pages stays far below them).
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024  # uncompressed
ZIP_MAX_RATIO = 200  # uncompressed / compressed, over the whole package
DISPLAY_NAME_MAX = 120


def max_upload_bytes() -> int:
    return getattr(settings, "ALUR_MAX_UPLOAD_MB", 20) * 1024 * 1024


def display_name(name: str, limit: int = DISPLAY_NAME_MAX) -> str:
    """The original name kept for display: its last path part, shortened in the middle (extension
    kept) when a scanner made it very long, e.g. 'SCAN_20260302_…_0001.pdf'."""
    name = PurePath(name.replace("\\", "/")).name.strip() or "berkas"
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix[:10]
    stem = name[: len(name) - len(suffix)]
    room = limit - len(suffix) - 1
    head = room * 2 // 3
    return f"{stem[:head]}…{stem[len(stem) - (room - head):]}{suffix}"


def check_and_hash(upload, *, field: str) -> str:
    """Raise ValidationError({field: …}) when the file may not be stored; return its SHA-256 hex digest."""
    name = display_name(getattr(upload, "name", "") or "?")
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError({field: _("Jenis berkas %(name)s tidak diterima; gunakan PDF, Word, Excel, "
                                        "OpenDocument, JPG atau PNG.") % {"name": name}})
    if upload.size == 0:
        raise ValidationError({field: _("Berkas %(name)s kosong.") % {"name": name}})
    if upload.size > max_upload_bytes():
        raise ValidationError({field: _("Berkas %(name)s terlalu besar (%(mb).1f MB; maksimum %(max)d MB).") % {
            "name": name, "mb": upload.size / 1048576, "max": max_upload_bytes() // 1048576}})
    digest = hashlib.sha256()
    head = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if not head:
            head = chunk[:8]
        digest.update(chunk)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[suffix]):
        raise ValidationError({field: _("Isi berkas %(name)s tidak sesuai dengan jenisnya (%(ext)s).") % {
            "name": name, "ext": suffix}})
    try:
        if suffix == ".pdf":
            _check_pdf(upload, name)
        elif suffix in ZIP_FORMATS:
            _check_zip(upload, name, suffix)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    finally:
        upload.seek(0)
    return digest.hexdigest()


def _check_pdf(upload, name: str) -> None:
    from pypdf import PdfReader

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(_("Berkas %(name)s terkunci kata sandi; unggah PDF tanpa kata sandi.")
                                  % {"name": name})
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as exc:  # a parser of hostile input can fail in any way; each is "not a PDF"
        logging.getLogger(__name__).info("PDF %s refused: %r", name, exc)
        raise ValidationError(_("Berkas %(name)s bukan PDF yang dapat dibaca (rusak atau terpotong).")
                              % {"name": name}) from None
    if pages == 0:
        raise ValidationError(_("Berkas %(name)s adalah PDF tanpa halaman.") % {"name": name})


def _check_zip(upload, name: str, suffix: str) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise ValidationError(_("Berkas %(name)s berisi terlalu banyak bagian (%(n)d; maksimum %(max)d).")
                                      % {"name": name, "n": len(members), "max": ZIP_MAX_MEMBERS})
            declared = sum(m.file_size for m in members)
            compressed = max(1, sum(m.compress_size for m in members))
            if declared > ZIP_MAX_TOTAL_BYTES or declared / compressed > ZIP_MAX_RATIO:
                raise ValidationError(_("Berkas %(name)s mengembang terlalu besar bila dibuka (%(mb)d MB); "
                                        "berkas seperti ini tidak diterima.") % {"name": name, "mb": declared >> 20})
            if ZIP_FORMATS[suffix] not in package.namelist():
                raise ValidationError(_("Berkas %(name)s bukan dokumen %(ext)s yang sah (bagian %(part)s tidak ada).")
                                      % {"name": name, "ext": suffix, "part": ZIP_FORMATS[suffix]})
            # Read every member (CRC checked); zipfile never yields more than a member's declared size,
            # which is bounded above, so this cannot be made to expand without limit.
            for member in members:
                with package.open(member) as stream:
                    while stream.read(1 << 20):
                        pass
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
        raise ValidationError(_("Berkas %(name)s rusak: isinya bukan arsip %(ext)s yang dapat dibuka.")
                              % {"name": name, "ext": suffix}) from None
