"""Checks of the records an act wrote against the trail entry that recorded it.

The trail proves what happened; rows (tasks, document versions, sign-offs, numbers) and file bytes
are what the application reads. Each app that writes regulated records provides a `verify` module
that registers a check here (found the way the admin finds `admin` modules); `alur audit verify`
runs them all for every office.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Problem:
    """One record that differs from its trail: which run (if any), what differs, and where."""

    office: str  # office code
    what: str
    where: str
    run_id: int | None = None

    def __str__(self) -> str:
        run = f" alur #{self.run_id}" if self.run_id is not None else ""
        return f"[{self.office}]{run}: {self.what} ({self.where})"


RecordCheck = Callable[..., Iterable[Problem]]  # check(office, *, files: bool) -> problems
_checks: list[RecordCheck] = []


def register(check: RecordCheck) -> RecordCheck:
    if check not in _checks:
        _checks.append(check)
    return check


def record_checks() -> list[RecordCheck]:
    autodiscover_modules("verify")
    return list(_checks)
