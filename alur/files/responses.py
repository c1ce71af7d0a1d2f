"""Serving a stored upload: a file missing on disk is a 404 with a logged error, never a 500."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


def open_stored(field_file):
    """The open handle of a stored file; Http404 (and an error in the log naming the path) when the
    record points at a file that is no longer on disk — a restore without the media folder, say."""
    try:
        return field_file.open("rb")
    except (FileNotFoundError, IsADirectoryError):
        logger.error("stored file missing on disk: %s", field_file.name)
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None


def stored_file_response(field_file, *, filename: str, inline_pdf: bool = False) -> FileResponse:
    """A download of a stored file under a readable name. With `inline_pdf`, a real PDF (by its
    magic bytes) is shown in the browser and may be framed by Alur's own pages; anything else is
    offered as a download."""
    handle = open_stored(field_file)
    if not inline_pdf:
        return FileResponse(handle, as_attachment=True, filename=filename)
    is_pdf = handle.read(5) == b"%PDF-"
    handle.seek(0)
    response = FileResponse(handle, as_attachment=not is_pdf, filename=filename,
                            content_type="application/pdf" if is_pdf else None)
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def readable_name(stem: str, stored_name: str) -> str:
    """A download name from a meaningful stem and the stored file's extension (stored names are
    random tokens, see `PrivateStorage`)."""
    base = stored_name.rsplit("/", 1)[-1]
    extension = base[base.rfind("."):].lower() if "." in base else ""
    return stem + extension
