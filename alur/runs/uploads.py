"""Checks on uploaded files: allowed type, size limit, and the SHA-256 that binds sign-offs."""

import hashlib
from pathlib import Path

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


def max_upload_bytes() -> int:
    return getattr(settings, "ALUR_MAX_UPLOAD_MB", 20) * 1024 * 1024


def check_and_hash(upload, *, field: str) -> str:
    """Raise ValidationError on a wrong type or size; return the file's SHA-256 hex digest."""
    name = getattr(upload, "name", "") or ""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError({field: _("Jenis berkas %(name)s tidak diterima; gunakan PDF, Word, Excel, "
                                        "OpenDocument, JPG atau PNG.") % {"name": name or "?"}})
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
    return digest.hexdigest()
