"""Pengumpulan: a data-kinerja run collects one triwulan's realisations from the units responsible.

A step kind kinerja brings to runs (registered from `KinerjaConfig.ready()`). When the step opens,
it opens the collection of the run's period (year and triwulan by
`alur.core.kinerja.periods.collection_period`): the units may enter that triwulan from today
(alur.kinerja.windows honours the opening), and each unit responsible for indicators with a target
that year gets a request "Isi realisasi triwulan N" in the inbox of its people. A request is done
when all the unit's indicators of the period are at least diajukan — read from the realisations'
states, not a button. The step's kelengkapan is that every indicator of the period is at least
diajukan; the refusal names the missing ones. The step may also hand in a draft (an optional
upload, or 'Susun dari data'), as a document step does.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from alur.core.sop.model import Act
from alur.kinerja.collection import (
    by_unit,
    hand_in_missing,
    missing_of,
    open_collection,
    period_indicators,
    period_of_run,
    triwulan_roman,
)
from alur.runs.kinds import Completion, Context, Output
from alur.runs.kinds.document_step import DocumentStep
from alur.runs.kinds.forms import UploadForm
from alur.runs.models import RealisationRequest


def _indicators(ctx: Context):
    """The period's indicators with their realisation state, read once per act."""
    if not hasattr(ctx, "_period_indicators"):
        year, triwulan = period_of_run(ctx.run)
        ctx._period_indicators = period_indicators(ctx.run.office, year, triwulan)
    return ctx._period_indicators


class PengumpulanForm(UploadForm):
    def configure(self, task, step) -> None:
        super().configure(task, step)
        self.fields["upload"].label = _("Unggah bahan/draf (tidak wajib)")


class Pengumpulan(DocumentStep):
    value = Act.PENGUMPULAN
    form_class = PengumpulanForm

    def hint(self, run) -> str:
        year, triwulan = period_of_run(run)
        return _("Langkah ini meminta unit penanggung jawab mengisi realisasi triwulan %(tw)s %(year)s; "
                 "langkah dapat diselesaikan setelah semua realisasi periode itu sekurang-kurangnya "
                 "diajukan.") % {"tw": triwulan_roman(triwulan), "year": year}

    def missing(self, ctx: Context) -> list[str]:
        missing = super().missing(ctx)
        left = missing_of(_indicators(ctx))
        if left:
            year, triwulan = period_of_run(ctx.run)
            missing.append(_("realisasi triwulan %(tw)s %(year)s — Belum diajukan: %(list)s") % {
                "tw": triwulan_roman(triwulan), "year": year, "list": ", ".join(i.label() for i in left)})
        return missing

    def record(self, ctx: Context, completion: Completion) -> Output:
        """Besides the optional draft: stamp the requests done (when each unit's last realisation was
        handed in; every indicator is at least diajukan, or the kelengkapan would have refused)."""
        output = super().record(ctx, completion)
        open_requests = list(RealisationRequest.objects.filter(run=ctx.run, done_at__isnull=True))
        if open_requests:
            done = {share.unit_id: share.done_at for share in by_unit(_indicators(ctx))}
            for request in open_requests:
                request.done_at = done.get(request.unit_id) or ctx.now
            RealisationRequest.objects.bulk_update(open_requests, ["done_at"])
        return output

    def opened(self, run, step, tasks, *, now) -> list[tuple[str, dict]]:
        """Open the collection of the run's period and send the requests (once per run: a step
        opened again after a return finds its collection open)."""
        if any(task.iteration > 1 for task in tasks):
            return []
        return open_collection(run, tasks, now=now)

    def play_others(self, task) -> None:
        hand_in_missing(task.run)

    def sample(self, task, *, approve, tag, pdf):
        return Completion(note="Realisasi triwulan dari unit penanggung jawab telah terkumpul.",
                          approve=approve, reason="" if approve else "Perbaiki sesuai catatan.")


__all__ = ["Pengumpulan", "PengumpulanForm", "period_of_run"]
