"""Files under MEDIA_ROOT that no row refers to: left by a process killed mid-transaction, or by
anything that wrote around the storage. Every FileField of every installed model is read, as
plain names in batches, so memory holds names only, never model objects."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from .journal import FOLDER as JOURNAL_FOLDER

BATCH = 2000


def file_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every FileField (ImageField included) stored in the default storage."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is default_storage:
                found.append((model, field.attname))
    return found


def is_referenced(name: str) -> bool:
    """Does any row name this file? (A few queries; used for single files, e.g. after a crash.)"""
    return any(model._base_manager.filter(**{field: name}).exists() for model, field in file_fields())


def referenced_names() -> set[str]:
    names: set[str] = set()
    for model, field in file_fields():
        rows = model._base_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True})
        names.update(rows.values_list(field, flat=True).iterator(chunk_size=BATCH))
    return names


@dataclass(frozen=True)
class Orphan:
    name: str  # relative to MEDIA_ROOT, with forward slashes
    size: int
    age_seconds: float


def find_orphans(*, root: Path, min_age_seconds: float) -> Iterator[Orphan]:
    """Files older than `min_age_seconds` that no row names. Younger files are skipped: their
    transaction may still be running."""
    referenced = referenced_names()
    now = time.time()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != JOURNAL_FOLDER]  # the crash journal is no upload
        for filename in files:
            path = Path(folder) / filename
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed meanwhile
                continue
            name = path.relative_to(root).as_posix()
            age = now - stat.st_mtime
            if name not in referenced and age >= min_age_seconds:
                yield Orphan(name=name, size=stat.st_size, age_seconds=age)
