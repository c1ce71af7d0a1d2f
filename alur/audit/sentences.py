"""What a trail entry says to a person, one sentence per kind (like wagtail's LogActionRegistry).

Each app registers the sentences of the kinds it records, from its AppConfig.ready(); a page asks
`describe(kind, data, **context)` and reads the kind itself when no app gave it a sentence. The
actor and the time are not part of the sentence: the pages show them beside it.

A sentence is `fn(data, **context)`: `data` is the entry's data, `context` whatever the page knows
besides (the run's trail passes the task's step and the SOP's steps); a sentence takes what it needs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

Sentence = Callable[..., str]

_SENTENCES: dict[str, Sentence] = {}


def register(kind: str, fn: Sentence | None = None):
    """Give `kind` its sentence: `register(kind, fn)`, or `@register(kind)` above the function.

    A kind has one sentence: a second registration is refused, so two apps cannot silently
    overwrite each other's wording."""
    if fn is None:
        return lambda f: register(kind, f)
    if kind in _SENTENCES:
        raise ImproperlyConfigured(f"The trail kind {kind!r} already has a sentence ({_SENTENCES[kind].__module__}).")
    _SENTENCES[kind] = fn
    return fn


def unregister(kind: str) -> None:
    """Take `kind`'s sentence away (a step kind registered only for a test, alur.runs.kinds.registry)."""
    _SENTENCES.pop(kind, None)


def describe(kind: str, data: dict | None, **context) -> str:
    """The sentence of a trail entry, or its kind when no app registered one."""
    sentence = _SENTENCES.get(kind)
    return sentence(data or {}, **context) if sentence else kind


def registered() -> frozenset[str]:
    """The kinds that have a sentence."""
    return frozenset(_SENTENCES)
