"""Fingerprints of stored files, for checks that compare bytes with what the trail recorded."""

from __future__ import annotations

import hashlib

from django.core.files.storage import default_storage


def file_sha256(name: str) -> str | None:
    """SHA-256 of a stored file's bytes, read in chunks; None when the file is gone."""
    digest = hashlib.sha256()
    try:
        with default_storage.open(name, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()
