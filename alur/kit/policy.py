"""The one `require()` every app's policies module re-exports.

A service asks a predicate from its app's `policies` and passes the answer here with the message the
user reads; the predicates differ per app, the refusal does not (PermissionDenied, a 403 page).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(allowed: bool, message: str) -> None:
    """Refuse with `message` (the user's language, already translated) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)
