"""What kinerja brings to runs as a guest: the `pengumpulan` step kind and, in the inbox, the
realisation requests its collection sends. Registered from `KinerjaConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alur.kinerja.collection import requests_for
from alur.runs import inbox
from alur.runs.kinds import register

from .pengumpulan import Pengumpulan


def register_in_runs() -> None:
    register(Pengumpulan())
    inbox.register(inbox.Contribution(key="requests", items=requests_for, template="kinerja/_inbox_requests.html",
                                      count_label=_("permintaan isi realisasi")))
