"""Step kinds: what a step asks of its actor when the SOP runs (see `registry.StepKind`).

The registry (`registry.py`) holds the kinds a run knows; the built-ins are registered from
`RunsConfig.ready()` (`builtin.py`), a guest app's kinds from its own `ready()`. Adding a kind: one
module with a `StepKind` subclass (its value, label, word, form, validation, records, sentences)
and one `register(Kind())` in the owning app's `ready()`.
"""

from __future__ import annotations

from .base import SAMPLE_PDF, Completion, Context, Output
from .registry import StepKind, all_kinds, get, kind_for, register, temporarily

__all__ = ["SAMPLE_PDF", "Completion", "Context", "Output", "StepKind", "all_kinds", "get", "kind_for", "register",
           "temporarily"]
