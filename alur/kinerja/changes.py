"""How a change to performance data is written to the trail: old and new value per field."""

from __future__ import annotations


def trail_value(value):
    """A value as the trail stores it: Decimals and dates as text, model instances by id."""
    if value is None:
        return None
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, bool | int | str):
        return value
    return str(value)


def apply_changes(row, values: dict) -> dict:
    """Set `values` on `row` and return what differed as {field: {"lama": old, "baru": new}} — the
    shape every kinerja trail entry uses; an empty dict means nothing changed (and nothing to save)."""
    changed = {}
    for field, value in values.items():
        old = getattr(row, field)
        if old != value:
            changed[field] = {"lama": trail_value(old), "baru": trail_value(value)}
            setattr(row, field, value)
    return changed
