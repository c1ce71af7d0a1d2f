"""The office model, looked up by name: audit sits below org (org records its writes through audit),
so audit never imports `alur.org`. Same idea as Django's `get_user_model()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps

if TYPE_CHECKING:
    from alur.org.models import Office

OFFICE_MODEL = "org.Office"


def office_model() -> type[Office]:
    return apps.get_model(OFFICE_MODEL)
