"""What kinerja brings to runs as a guest: the `pengumpulan` step kind and, in the inbox, the
realisation requests its collection sends, and what waits for the planner's and the head's act
(alur.kinerja.awaiting). Registered from `KinerjaConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alur.core.kinerja.periods import last_quarter_ended
from alur.core.sop.model import Act
from alur.kinerja import awaiting
from alur.kinerja.collection import requests_for
from alur.runs import about, inbox
from alur.runs.kinds import register

from .pengumpulan import Pengumpulan


def register_in_runs() -> None:
    register(Pengumpulan())
    inbox.register(inbox.Contribution(key="requests", items=requests_for, template="kinerja/_inbox_requests.html",
                                      count_label=_("permintaan isi realisasi")))
    # what waits for the planner's verification and the head's Sahkan, signature and approval
    # (issue 18 item 13/15): in the inbox and counted on the home page, for those who can act only
    inbox.register(inbox.Contribution(key="verifikasi", items=awaiting.to_verify,
                                      template="kinerja/_inbox_verify.html",
                                      count_label=_("realisasi untuk diverifikasi")))
    inbox.register(inbox.Contribution(key="pengesahan", items=awaiting.to_approve,
                                      template="kinerja/_inbox_approve.html",
                                      count_label=_("realisasi untuk disahkan")))
    inbox.register(inbox.Contribution(key="pk", items=awaiting.pk_to_sign, template="kinerja/_inbox_pk.html",
                                      count_label=_("PK untuk ditandatangani")))
    inbox.register(inbox.Contribution(key="iku", items=awaiting.iku_to_approve, template="kinerja/_inbox_iku.html",
                                      count_label=_("versi IKU untuk disetujui")))
    # a run that collects is about one triwulan, chosen at start (issue 18); by default the one just ended
    about.register(about.Need(key="pengumpulan", label=str(_("Pengumpulan data kinerja")), quarterly=True,
                              applies=collects, default=last_quarter_ended))


def collects(revision) -> bool:
    """Whether the revision has a pengumpulan step."""
    return any(step.act == Act.PENGUMPULAN for step in revision.as_core().steps)
