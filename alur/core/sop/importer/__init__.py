"""Import SOPs (PermenPAN-RB 35/2012 SOP AP) from pasted text or from a .docx.

    result = import_text(text, filename="sop.txt")
    result.sops        # one dict per SOP, the importer's JSON shape (see below)
    result.warnings    # file-level warnings (each SOP dict also holds its own "warnings")
    to_sop(result.sops[0])  # -> alur.core.sop.model.Sop, warnings ignored

The importer reports, it never corrects and never raises: whatever it cannot read becomes a
warning {"line", "field", "message"} (1-based source line; for a .docx, the n-th body paragraph or
table row). Messages are in Bahasa Indonesia.

SOP dict shape: {"nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan"
(ISO date or None), "disahkan_oleh": {"jabatan", "nama", "nip" (digits only)}, "dasar_hukum",
"kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan" (lists of str),
"actors" (the actor column names), "steps": [{"no", "kegiatan", "kind", "actors", "act",
"actor_reason", "actor_confirmed", "kelengkapan", "waktu": {"amount", "unit"} | None, "output",
"keterangan", "sop_links", "next_yes", "next_no"}], "warnings": [...]}.
Warning fields name the dict path: "nomor", "disahkan_oleh.nip", "dasar_hukum.3" (third item),
"steps.5.waktu" (step number 5, not list index), "" for the file or an unrecognised line.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass, field

from alur.core.sop.importer.lines import docx_to_lines, text_to_lines
from alur.core.sop.importer.reader import INTERNAL, read_lines, warning
from alur.core.sop.model import Sop

__all__ = ["ImportResult", "import_text", "import_docx", "to_sop"]


@dataclass
class ImportResult:
    sops: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)  # file-level (not tied to one SOP)
    filename: str = ""

    def all_warnings(self) -> list[dict]:
        """File-level warnings, then each SOP's, each with "sop" (its nomor) added."""
        out = [dict(w, sop="") for w in self.warnings]
        for sop in self.sops:
            out += [dict(w, sop=sop.get("nomor", "")) for w in sop.get("warnings", [])]
        return out

    def to_dict(self) -> dict:
        return {"filename": self.filename, "sops": self.sops, "warnings": self.warnings}


logger = logging.getLogger(__name__)


def import_text(text: str, filename: str = "") -> ImportResult:
    """Read every SOP in `text` (pasted, or extracted from PDF/Word). Never raises."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        elif not isinstance(text, str):
            text = str(text or "")
        sops, notes = read_lines(text_to_lines(text))
        return ImportResult(sops=sops, warnings=notes, filename=filename)
    except Exception as error:  # noqa: BLE001 - the importer never raises; a bug here is logged
        logger.exception("SOP text import failed unexpectedly (%s)", filename or "-")
        return ImportResult(
            warnings=[warning(1, "", f"Teks tidak dapat dibaca ({INTERNAL}: {type(error).__name__}).")],
            filename=filename,
        )


def import_docx(path_or_file, filename: str = "") -> ImportResult:
    """Read every SOP in a .docx (path, bytes or file object), via python-docx. Never raises."""
    name = filename or (
        str(path_or_file) if isinstance(path_or_file, str) else getattr(path_or_file, "name", "")
    )
    name = str(name or "")
    try:
        import docx  # python-docx
    except ImportError:
        return ImportResult(warnings=[warning(1, "", "Pustaka python-docx tidak tersedia.")], filename=name)
    try:
        if isinstance(path_or_file, (bytes, bytearray)):
            source = io.BytesIO(path_or_file)
        elif isinstance(path_or_file, os.PathLike):
            source = os.fspath(path_or_file)
        else:
            source = path_or_file
        document = docx.Document(source)
    except Exception as error:  # noqa: BLE001
        return ImportResult(
            warnings=[
                warning(
                    1,
                    "",
                    f"Berkas .docx tidak dapat dibuka ({type(error).__name__}); pastikan berkas Word (.docx) "
                    "tidak rusak.",
                )
            ],
            filename=name,
        )
    try:
        lines = docx_to_lines(document)
    except Exception as error:  # noqa: BLE001 - the importer never raises; a bug here is logged
        logger.exception("SOP .docx reading failed unexpectedly (%s)", name or "-")
        return ImportResult(
            warnings=[warning(1, "", f"Isi .docx tidak dapat dibaca ({INTERNAL}: {type(error).__name__}).")],
            filename=name,
        )
    sops, notes = read_lines(lines)
    return ImportResult(sops=sops, warnings=notes, filename=name)


def to_sop(data: dict) -> Sop:
    """Build a model Sop from one importer dict (its "warnings" are ignored)."""
    clean = {k: v for k, v in data.items() if k != "warnings"}
    return Sop.from_dict(clean)
