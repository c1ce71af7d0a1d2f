"""Regulated records: the rows whose every change must be on the trail, and how verify compares them.

Each app registers, in its `AppConfig.ready()`, the models whose rows are regulated records (`track`):
the lookup path from a row to its office id, and for a row that carries a file, the file field and
the SHA-256 column its bytes must match. A row's *fingerprint* is the SHA-256 of its canonical column
values (every concrete field but the excluded ones; foreign keys as ids).

Why signals rather than a call in every service: a writer cannot forget them. `post_save` and
`pre_delete` of a tracked model note the row as pending on the connection, inside the act's
transaction; `alur.audit.services.record_many` takes the pending rows of its office, re-reads them
and stores `{"app_label.model:pk": fingerprint, or None when deleted}` in the entry's `records` (which
the entry's hash covers). Writes that send no signal (`QuerySet.update`, `bulk_create`, `bulk_update`)
note their rows explicitly with `note`, or are loaders followed by `baseline`.

`check_office` (registered with alur.audit.verification, so `alur audit verify` runs it) reads the
office's entries once to get the last recorded fingerprint of every row, then fingerprints every
tracked row of the office: a row that differs was "diubah di luar Alur", a row no entry recorded is
"tidak tercatat di jejak" (a grant inserted directly), a recorded row that is gone was "dihapus di luar
Alur". Files are re-hashed against their SHA-256 column.

`baseline` records, in one `audit.baseline` act, every tracked row of an office whose current
fingerprint is not the one on the trail: the demo loaders and `alur generate` call it after their
bulk writes, and `alur audit baseline --reason …` does it once for a database upgraded from a version
that did not record rows (and after a repair an administrator must be able to justify).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, Model
from django.db.models.signals import post_save, pre_delete

from alur.core.hashchain import canonical
from alur.files.hashing import file_sha256

from .models import Entry
from .services import record_many
from .verification import Problem, register

logger = logging.getLogger(__name__)
BASELINE_CHUNK = 2000  # fingerprints per baseline entry, so one entry stays small


@dataclass(frozen=True)
class Tracked:
    model: type[Model]
    office: object  # lookup path from the row to its office id ("indicator__renstra__office_id") or an expression
    columns: tuple[str, ...]  # attnames that the fingerprint covers
    file: str | None = None  # the file field whose bytes ...
    sha256: str | None = None  # ... must match this column

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def pk(self) -> str:
        return self.model._meta.pk.attname

    @property
    def name(self) -> str:
        return self.model.__name__

    def with_office(self, using: str | None = None):
        """The model's rows annotated with their office id as `_office`."""
        office = F(self.office) if isinstance(self.office, str) else self.office
        return self.model._base_manager.using(using).annotate(_office=office)

    def rows(self, using: str | None = None, **filters):
        """Column values of the model's rows (with their office as `_office`), in id order."""
        return self.with_office(using).filter(**filters).order_by("pk").values("_office", *self.columns)


_tracked: dict[str, Tracked] = {}


def track(model: type[Model], *, office: str, exclude: Iterable[str] = (), file: str | None = None,
          sha256: str | None = None) -> Tracked:
    """Make `model`'s rows regulated records (call from the owning app's `AppConfig.ready()`)."""
    excluded = set(exclude)
    columns = tuple(f.attname for f in model._meta.concrete_fields if f.attname not in excluded)
    tracked = Tracked(model=model, office=office, columns=columns, file=file, sha256=sha256)
    _tracked[tracked.label] = tracked
    uid = f"alur.audit.records:{tracked.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid + ":save", weak=False)
    pre_delete.connect(_deleting, sender=model, dispatch_uid=uid + ":delete", weak=False)
    return tracked


def tracked_models() -> list[Tracked]:
    return list(_tracked.values())


def ref(tracked: Tracked, pk) -> str:
    return f"{tracked.label}:{pk}"


# -- fingerprints ------------------------------------------------------------------------------------

def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def fingerprint(tracked: Tracked, values: dict) -> str:
    """SHA-256 of the row's canonical column values (JSON columns canonical too)."""
    plain = {column: _plain(values[column]) for column in tracked.columns}
    text = canonical(json.loads(json.dumps(plain, default=str)))  # one canonical form for nested JSON
    return hashlib.sha256(f"{tracked.label}\n{text}".encode()).hexdigest()


# -- pending rows of the current transaction ----------------------------------------------------------

@dataclass
class _Pending:
    saved: dict[str, set] = field(default_factory=dict)  # label -> pks
    deleted: dict[str, dict] = field(default_factory=dict)  # label -> {pk: office id}

    def __bool__(self) -> bool:
        return bool(self.saved or self.deleted)


def _pending(using: str, *, create: bool) -> _Pending | None:
    """The rows tracked writes of the connection's current transaction left for `record_many`.

    Kept on the connection and dropped at commit (an on_commit marker). When the marker is gone
    while a state remains, the transaction (or the savepoint in which the first row was noted)
    was rolled back: those rows were never written, so the state starts afresh."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return None  # autocommit: no act is open to record the write (loaders call `baseline`)
    state = getattr(connection, "_alur_pending", None)
    if state is not None and not any(callback is state[0] for _sids, callback, *_ in connection.run_on_commit):
        state = None
    if state is None:
        if not create:
            return None

        def forget():
            if getattr(connection, "_alur_pending", None) is state:
                connection._alur_pending = None
                if state[1]:
                    _check_leftovers(state[1], using)

        state = (forget, _Pending())
        connection._alur_pending = state
        connection.on_commit(forget)
    return state[1]


class UnrecordedWrite(RuntimeError):
    """A transaction committed a tracked row in a state no trail entry recorded."""


def _check_leftovers(pending: _Pending, using: str) -> None:
    """At commit: rows still pending were written by a transaction that recorded nothing for their
    office after writing them (a writer without a trail entry, or a write after the act's `record`).
    Unchanged rows (saved without a change, so with nothing to record) are fine. The others are
    logged, and raised with ALUR_STRICT_RECORDS (the test settings), so such a writer fails its tests."""

    wrong = []
    for label in set(pending.saved) | set(pending.deleted):
        tracked = _tracked[label]
        deleted = pending.deleted.get(label, {})
        pks = pending.saved.get(label, set()) | set(deleted)
        rows = {values[tracked.pk]: values for values in tracked.rows(using, pk__in=pks)}
        for pk in pks:
            values = rows.get(pk)
            office = values["_office"] if values is not None else deleted.get(pk)
            if office is None:
                continue  # inserted and deleted again, or never committed
            key = ref(tracked, pk)
            last = (Entry.objects.using(using).filter(office_id=office, records__has_key=key).order_by("-position")
                    .values_list("records", flat=True).first())
            if last is None and values is None:
                continue  # a row no entry ever recorded is gone again
            now = fingerprint(tracked, values) if values is not None else None
            if last is None or last.get(key) != now:
                wrong.append(f"{key} (OPD id {office})")
    if wrong:
        message = f"data ditulis tanpa entri jejak yang mencatatnya: {', '.join(sorted(wrong))}"
        logger.error(message)
        if getattr(settings, "ALUR_STRICT_RECORDS", False):
            raise UnrecordedWrite(message)


def _saved(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return  # loaddata: fixtures are baselined like any loader
    pending = _pending(using or router.db_for_write(sender), create=True)
    if pending is not None:
        pending.saved.setdefault(sender._meta.label_lower, set()).add(instance.pk)


def _deleting(sender, instance, using=None, **kwargs):
    tracked = _tracked[sender._meta.label_lower]
    pending = _pending(using or router.db_for_write(sender), create=True)
    if pending is None:
        return
    office = tracked.with_office(using).filter(pk=instance.pk).values_list("_office", flat=True)
    pending.deleted.setdefault(tracked.label, {})[instance.pk] = office.first()


def office_id_of(instance: Model) -> int | None:
    """The office id of a tracked row (None for a model that is not tracked or a row not saved)."""
    tracked = _tracked.get(instance._meta.label_lower)
    if tracked is None or instance.pk is None:
        return None
    return tracked.with_office().filter(pk=instance.pk).values_list("_office", flat=True).first()


def note(model: type[Model], pks: Iterable, *, using: str = "default") -> None:
    """Note rows written without signals (`bulk_create`, `QuerySet.update`) for the act's `record`."""
    pending = _pending(using, create=True)
    if pending is None:
        raise RuntimeError("records.note must run inside the act's transaction")
    pending.saved.setdefault(model._meta.label_lower, set()).update(pks)


def take_pending(office_id: int, *, using: str = "default") -> dict[str, str | None]:
    """Fingerprints of the pending rows of `office_id` (None: deleted), no longer pending after this."""
    pending = _pending(using, create=False)
    if not pending:
        return {}
    records: dict[str, str | None] = {}
    for label in set(pending.saved) | set(pending.deleted):
        tracked = _tracked[label]
        saved = pending.saved.get(label, set())
        deleted = pending.deleted.get(label, {})
        rows = {values[tracked.pk]: values for values in tracked.rows(using, pk__in=saved | set(deleted))}
        for pk in list(saved | set(deleted)):
            values = rows.get(pk)
            if values is not None:
                if values["_office"] != office_id:
                    continue  # another office's row: its own act records it
                records[ref(tracked, pk)] = fingerprint(tracked, values)
            elif deleted.get(pk) == office_id:
                records[ref(tracked, pk)] = None
            else:
                continue
            saved.discard(pk)
            deleted.pop(pk, None)
        if not saved:
            pending.saved.pop(label, None)
        if not deleted:
            pending.deleted.pop(label, None)
    return records


# -- what the trail says ------------------------------------------------------------------------------

def recorded(office) -> dict[str, str | None]:
    """The last fingerprint the office's trail recorded for every row (one pass in position order)."""

    latest: dict[str, str | None] = {}
    rows = (Entry.objects.filter(office=office, records__isnull=False).order_by("position")
            .values_list("records", flat=True))
    for records in rows.iterator(chunk_size=500):
        if isinstance(records, dict):
            latest.update(records)
    return latest


@dataclass(frozen=True)
class Difference:
    tracked: Tracked
    pk: object
    what: str  # "diubah", "tidak tercatat", "dihapus", "dihapus di jejak"
    current: str | None  # the row's fingerprint now (None: the row is gone)


def differences(office, latest: dict[str, str | None] | None = None) -> Iterator[Difference]:
    """Every tracked row of the office whose fingerprint is not the last one its trail recorded."""
    latest = dict(recorded(office) if latest is None else latest)
    for tracked in _tracked.values():
        prefix = tracked.label + ":"
        for values in tracked.rows(_office=office.pk).iterator(chunk_size=2000):
            key = ref(tracked, values[tracked.pk])
            current = fingerprint(tracked, values)
            if key not in latest:
                yield Difference(tracked, values[tracked.pk], "tidak tercatat", current)
                continue
            last = latest.pop(key)
            if last is None:
                yield Difference(tracked, values[tracked.pk], "dihapus di jejak", current)
            elif last != current:
                yield Difference(tracked, values[tracked.pk], "diubah", current)
        for key in [key for key in latest if key.startswith(prefix)]:
            if latest.pop(key) is not None:
                yield Difference(tracked, key[len(prefix):], "dihapus", None)


WHAT = {
    "diubah": "data diubah di luar Alur (tidak sama dengan yang tercatat di jejak)",
    "tidak tercatat": "data tidak tercatat di jejak (ditambahkan di luar Alur)",
    "dihapus": "data tercatat di jejak tetapi barisnya tidak ada (dihapus di luar Alur)",
    "dihapus di jejak": "data tercatat dihapus di jejak tetapi barisnya ada",
}


@register
def check_office(office, *, files: bool = True) -> Iterator[Problem]:
    """The records check `alur audit verify` runs for each office: rows, then file bytes."""
    for difference in differences(office):
        yield Problem(office.code, f"{difference.tracked.name}: {WHAT[difference.what]}",
                      f"{difference.tracked.name} id {difference.pk}")
    if files:
        yield from _check_files(office)


def _check_files(office) -> Iterator[Problem]:
    for tracked in _tracked.values():
        if not tracked.file:
            continue
        rows = (tracked.with_office().filter(_office=office.pk).exclude(**{tracked.file: ""}).order_by("pk")
                .values_list("pk", tracked.file, tracked.sha256))
        for pk, name, sha256 in rows.iterator(chunk_size=2000):
            where = f"{tracked.name} id {pk}, berkas {name}"
            actual = file_sha256(name)
            if actual is None:
                yield Problem(office.code, f"{tracked.name}: berkas hilang", where)
            elif actual != sha256:
                yield Problem(office.code, f"{tracked.name}: isi berkas diganti (SHA-256 berkas {actual[:12]}…, "
                                           f"tercatat {str(sha256)[:12]}…)", where)


# -- baseline -----------------------------------------------------------------------------------------

def baseline(office, *, reason: str, user=None, kind: str = "audit.baseline") -> int:
    """Record every tracked row of the office that the trail does not hold as it is now (rows written
    by a loader, or before rows were recorded). One act, in `BASELINE_CHUNK`-sized entries; returns the
    number of rows recorded (0: nothing to record, no entry)."""

    with transaction.atomic():
        take_pending(office.pk)  # this act records them all below
        found: dict[str, str | None] = {}
        for difference in differences(office):
            found[ref(difference.tracked, difference.pk)] = difference.current
        if not found:
            return 0
        keys = sorted(found)
        chunks = [keys[i:i + BASELINE_CHUNK] for i in range(0, len(keys), BASELINE_CHUNK)]
        items = [(kind, {"alasan": reason, "bagian": n, "dari": len(chunks), "jumlah": len(chunk)},
                  {key: found[key] for key in chunk}) for n, chunk in enumerate(chunks, start=1)]
        record_many(office=office, user=user, items=items)
        return len(found)
