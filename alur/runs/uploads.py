"""Checks on uploaded files; they live in `alur.files.validators` (kept here for the runs' callers)."""

from alur.files.validators import ALLOWED, check_and_hash, display_name, max_upload_bytes

__all__ = ["ALLOWED", "check_and_hash", "display_name", "max_upload_bytes"]
