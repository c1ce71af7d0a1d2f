"""Uploaded files: stored under unguessable names, never served by URL, checked before they are
stored, and removed again when the transaction that wrote them rolls back.

`unit_of_work()` (and the middleware for web requests) is where rolled-back files are removed.
"""

from .pending import unit_of_work

__all__ = ["unit_of_work"]
