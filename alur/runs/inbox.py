"""What other apps add to a person's inbox and home panel (kinerja: its realisation requests).

An app registers a `Contribution` from its `AppConfig.ready()`; the inbox page shows each one's
items with the app's own template, the home panel counts them. runs imports nothing of the apps
that contribute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Contribution:
    key: str  # names it on the pages (data-testid "count-<key>")
    items: Callable  # items(employee) -> what the person still has to do (a list)
    template: str  # the inbox's section for them; reads `items`
    count_label: str  # the home panel's words under the count


@dataclass(frozen=True)
class Shown:
    contribution: Contribution
    items: list

    @property
    def key(self) -> str:
        return self.contribution.key

    @property
    def template(self) -> str:
        return self.contribution.template

    @property
    def count_label(self) -> str:
        return self.contribution.count_label


_CONTRIBUTIONS: dict[str, Contribution] = {}


def register(contribution: Contribution) -> Contribution:
    if contribution.key in _CONTRIBUTIONS:
        raise ValueError(f"inbox contribution {contribution.key!r} is already registered")
    _CONTRIBUTIONS[contribution.key] = contribution
    return contribution


def contributions_for(employee) -> list[Shown]:
    """Each registered contribution with its items for `employee` (those with none included)."""
    return [Shown(c, list(c.items(employee))) for c in _CONTRIBUTIONS.values()]
