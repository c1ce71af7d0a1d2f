"""The stored format of run states and trail actions, with its versions and upgrades.

Every dict the engine writes carries ``"v"``: the version of its format. Reading always goes
through `upgrade_state` / `upgrade_action`, which bring an older dict up to today's version by
explicit, tested steps (in the spirit of SpiffWorkflow's serializer migrations), so a run
started years ago still loads and replays after the engine changes. A dict without ``"v"`` is
version 1: the format used before versions were written down.

To change the format: raise `STATE_VERSION` (or `ACTION_VERSION`), add the function that turns
version n-1 into n to `_STATE_UPGRADES` (or `_ACTION_UPGRADES`), and keep a fixture of the old
format in tests/core/fixtures so the upgrade stays tested.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from alur.core.errors import ValidationError

STATE_VERSION = 3
ACTION_VERSION = 3


def _v1_to_v2(data: dict) -> dict:
    """Version 2 only writes the version down; the fields are unchanged."""
    return {**data, "v": 2}


def _state_v2_to_v3(data: dict) -> dict:
    """Version 3 gives each task its `seat`: which of the several positions of an actor column it is
    for. Every task written before had a column of one position: no seat."""
    tasks = [{**task, "seat": task.get("seat")} for task in data.get("tasks") or ()]
    return {**data, "tasks": tasks, "v": 3}


def _action_v2_to_v3(data: dict) -> dict:
    """Version 3 lets an `assignees` value be a list of [seat, assignee] pairs (a column filled by
    several positions at once); a version-2 action only has single assignees, which still read."""
    return {**data, "v": 3}


_STATE_UPGRADES: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _state_v2_to_v3}
_ACTION_UPGRADES: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _action_v2_to_v3}


def upgrade_state(data: Mapping[str, Any]) -> dict:
    """A run-state dict of any known version, as a dict of `STATE_VERSION`."""
    return _upgrade(data, STATE_VERSION, _STATE_UPGRADES, "status alur")


def upgrade_action(data: Mapping[str, Any]) -> dict:
    """A trail action dict of any known version, as a dict of `ACTION_VERSION`."""
    return _upgrade(data, ACTION_VERSION, _ACTION_UPGRADES, "aksi alur")


def _upgrade(data: Mapping[str, Any], current: int, steps: dict[int, Callable[[dict], dict]], what: str) -> dict:
    result = dict(data)
    version = result.get("v", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(f"Versi format {what} tidak sah: {version!r}.", code="bad_format_version")
    if version > current:
        raise ValidationError(
            f"Format {what} versi {version} lebih baru dari yang dikenal program ini (versi {current}).",
            code="format_too_new",
        )
    while version < current:
        result = steps[version](result)
        version = result["v"]
    return result
