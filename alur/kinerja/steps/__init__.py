"""What kinerja brings to runs as a guest: the `pengumpulan` step kind and, in the inbox, the
realisation requests its collection sends. Registered from `KinerjaConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alur.core.kinerja.periods import last_quarter_ended
from alur.core.sop.model import Act
from alur.kinerja.collection import requests_for
from alur.runs import about, inbox
from alur.runs.kinds import register

from .pengumpulan import Pengumpulan


def register_in_runs() -> None:
    register(Pengumpulan())
    inbox.register(inbox.Contribution(key="requests", items=requests_for, template="kinerja/_inbox_requests.html",
                                      count_label=_("permintaan isi realisasi")))
    # a run that collects is about one triwulan, chosen at start (issue 18); by default the one just ended
    about.register(about.Need(key="pengumpulan", label=str(_("Pengumpulan data kinerja")), quarterly=True,
                              applies=collects, default=last_quarter_ended))


def collects(revision) -> bool:
    """Whether the revision has a pengumpulan step."""
    return any(step.act == Act.PENGUMPULAN for step in revision.as_core().steps)
