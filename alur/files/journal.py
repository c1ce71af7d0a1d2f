"""A crash journal of files written by transactions that have not finished yet.

`pending` removes the file of a transaction that rolls back, but a process killed outright
(kill -9, power loss of the process) runs no code: the file of its unfinished transaction would
stay. So each process appends `+name` before such a file is written and `-name` once its fate is
settled, to its own journal under MEDIA_ROOT/.journal/, which it holds an exclusive lock on. A
journal whose lock can be taken belongs to a dead process: `recover()` deletes the files it left
open that no row refers to (their transaction never committed) and then the journal. It runs
before the first file a process writes and in `alur files orphans`.
"""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
import threading
from collections import Counter
from pathlib import Path

logger = logging.getLogger(__name__)
FOLDER = ".journal"


class Journal:
    def __init__(self, root: Path):
        self.folder = Path(root) / FOLDER
        self._lock = threading.Lock()
        self._file = None
        self._pid = None
        self._open = 0

    def _handle(self):
        if self._file is None or self._pid != os.getpid():  # opened lazily, again after a fork
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = open(self.folder / f"{os.getpid()}-{secrets.token_hex(6)}.journal", "a", encoding="utf-8")
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._pid, self._open = os.getpid(), 0
        return self._file

    def begin(self, name: str) -> None:
        with self._lock:
            handle = self._handle()
            handle.write(f"+{name}\n")
            handle.flush()
            self._open += 1

    def end(self, name: str) -> None:
        with self._lock:
            handle = self._handle()
            self._open = max(0, self._open - 1)
            if self._open == 0:
                handle.truncate(0)  # nothing in flight: the journal starts over
            else:
                handle.write(f"-{name}\n")
            handle.flush()

    def own_path(self) -> Path | None:
        return Path(self._file.name) if self._file is not None and self._pid == os.getpid() else None

    def recover(self, storage, is_referenced) -> list[str]:
        """Delete the unsettled, unreferenced files of dead processes' journals; returns their names."""
        removed: list[str] = []
        if not self.folder.is_dir():
            return removed
        own = self.own_path()
        for path in sorted(self.folder.glob("*.journal")):
            if path == own:
                continue
            try:
                handle = open(path, "r+", encoding="utf-8")
            except FileNotFoundError:
                continue
            with handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its process is alive
                balance: Counter = Counter()
                for line in handle:
                    line = line.rstrip("\n")
                    if line[:1] in "+-" and len(line) > 1:
                        balance[line[1:]] += 1 if line[0] == "+" else -1
                for name, count in balance.items():
                    if count > 0 and storage.exists(name) and not is_referenced(name):
                        storage.delete(name)
                        removed.append(name)
                path.unlink(missing_ok=True)
        if removed:
            logger.warning("Berkas dari transaksi proses yang mati dihapus: %s", ", ".join(removed))
        return removed
