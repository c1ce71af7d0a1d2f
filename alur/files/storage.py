"""The default storage of uploads: unguessable names, no public URL, rolled-back files removed."""

from __future__ import annotations

import posixpath
import secrets
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from . import pending
from .journal import Journal
from .orphans import is_referenced

TOKEN_BYTES = 18  # 24 URL-safe characters, 144 random bits


@deconstructible(path="alur.files.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage that (1) replaces every file's base name with a random token, keeping its
    folder and extension, so a path reveals nothing and cannot be guessed; (2) has no URL: files
    are only served through views that check access; (3) marks each file written inside a
    transaction as pending until it commits (see `alur.files.pending`), in a crash journal
    too (`alur.files.journal`), so neither a rollback nor a killed process leaves a file behind."""

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        folder, base = posixpath.split(name.replace("\\", "/"))
        extension = posixpath.splitext(base)[1].lower()
        if not extension[1:].isalnum() or len(extension) > 8:
            extension = ""
        while True:
            candidate = posixpath.join(folder, secrets.token_urlsafe(TOKEN_BYTES) + extension)
            if max_length is not None and len(candidate) > max_length:
                candidate = secrets.token_urlsafe(TOKEN_BYTES) + extension  # drop the folder, keep the token
            if not self.exists(candidate):
                return candidate

    def url(self, name):
        raise ValueError("Berkas unggahan tidak punya URL publik; unduh lewat halaman yang memeriksa hak akses.")

    @cached_property
    def journal(self) -> Journal:
        return Journal(Path(self.location))

    def _save(self, name, content):
        pending.discard_rolled_back()
        if not self._recovered:
            self._recovered = True
            self.recover()
        journaled = pending.in_transaction()
        if journaled:  # before a byte is written, so a crash from here on is recoverable
            self.journal.begin(name)
        try:
            saved = super()._save(name, content)
        except BaseException:
            if journaled:
                self.journal.end(name)
            raise
        if journaled and saved != name:
            self.journal.begin(saved)
            self.journal.end(name)
        pending.track(self, saved, settled=(lambda: self.journal.end(saved)) if journaled else (lambda: None))
        return saved

    _recovered = False

    def recover(self) -> list[str]:
        """Remove the files of transactions that a killed process left unfinished."""

        return self.journal.recover(self, is_referenced)
