"""Files written inside a transaction stay *pending* until that transaction commits.

Django has no hook for a rollback, only `transaction.on_commit`, whose callbacks it discards when
the atomic block (or savepoint) they were registered in rolls back. So each file written inside a
transaction is remembered here with an on_commit callback that forgets it again; a file still
remembered once its callback is gone belonged to a rolled-back transaction and is deleted.

The sweep (`discard_rolled_back`) runs at the end of every web request (request_finished), at the
end of `unit_of_work()` (commands, simulations, tests), before each new file is written and at
process exit. A process killed outright runs none of this: `alur.files.journal` covers that case.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)
_local = threading.local()  # connections are per thread, so is what their transactions wrote


@dataclass(frozen=True)
class _Pending:
    storage: object
    name: str
    alias: str
    committed: Callable[[], None]
    settled: Callable[[], None]  # told once the file's fate is known (kept or deleted)


def _registry() -> dict[tuple[int, str], _Pending]:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def in_transaction(using: str = DEFAULT_DB_ALIAS) -> bool:
    return connections[using].in_atomic_block


def track(storage, name: str, using: str = DEFAULT_DB_ALIAS, settled: Callable[[], None] = lambda: None) -> None:
    """Remember a file just written inside a transaction; it is kept once that transaction commits."""
    if not in_transaction(using):
        settled()
        return  # autocommit: no transaction can take the file's row back
    pending = _registry()
    key = (id(storage), name)

    def committed() -> None:
        if pending.pop(key, None) is not None:
            settled()

    pending[key] = _Pending(storage, name, using, committed, settled)
    transaction.on_commit(committed, using=using)


def pending_names() -> list[str]:
    return [item.name for item in _registry().values()]


def _rolled_back(item: _Pending) -> bool:
    connection = connections[item.alias]
    if not connection.in_atomic_block:
        return True  # the transaction is over and its on_commit callback never ran
    # Still inside an outer transaction: the file lives while its callback is queued. Django removes
    # the callbacks of a rolled-back savepoint from this list (BaseDatabaseWrapper.savepoint_rollback).
    return not any(func is item.committed for _sids, func, _robust in connection.run_on_commit)


def discard_rolled_back() -> list[str]:
    """Delete the files whose transaction rolled back; returns their names."""
    pending = _registry()
    removed = []
    for key, item in list(pending.items()):
        if not _rolled_back(item):
            continue
        pending.pop(key, None)
        try:
            item.storage.delete(item.name)
        except OSError:
            logger.exception("Berkas %s dari transaksi yang dibatalkan tidak dapat dihapus", item.name)
            continue
        item.settled()
        removed.append(item.name)
    return removed


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Run a command, a simulation or a test step; on leaving, files of rolled-back work are gone."""
    try:
        yield
    finally:
        discard_rolled_back()


def discard_on_request_finished(sender, **kwargs) -> None:
    discard_rolled_back()
