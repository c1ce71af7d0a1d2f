"""Steps that bind a person's mark to one document version by its SHA-256 (paraf, tanda tangan).

The reviewer is never forced to initial or sign: "Tidak — kembalikan" returns the document to the
step that produced its latest version, with a reason. The engine records it as a return (`Return`:
the task closes with outcome "tidak", the earlier step opens again), so statistics count it.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core import engine
from alur.runs.services.documents import sign, working_document

from .base import Completion, Context, Output, return_target_text
from .forms import TaskFormBase
from .registry import StepKind

# What a version lacks, as the app that made it knows (documents: a generated version's gaps, "bagian
# tanpa data"). Runs do not know how documents are generated, so the owner registers a source from its
# ready(); each takes a DocumentVersion and returns the places without data.
_GAP_SOURCES: list[Callable] = []
SHOWN_GAPS = 10  # the confirmation names this many places, then "dan N lainnya"


def register_gap_source(source: Callable) -> None:
    if source not in _GAP_SOURCES:
        _GAP_SOURCES.append(source)


def gaps_of(version) -> list[str]:
    """The places of the version that have no data (empty for an uploaded version no source knows)."""
    if version is None:
        return []
    return [gap for source in _GAP_SOURCES for gap in source(version)]


def gaps_text(gaps: list[str]) -> str:
    shown = "; ".join(gaps[:SHOWN_GAPS])
    more = len(gaps) - SHOWN_GAPS
    return shown + (" " + _("dan %(n)s lainnya") % {"n": more} if more > 0 else "")


def producing_step(run) -> int | None:
    """The step whose task produced the working document's latest version (where a return goes)."""

    document = working_document(run)
    latest = document.latest() if document is not None else None
    return latest.task.step_no if latest is not None else None


class SigningForm(TaskFormBase):
    """Sign (Ya), or return the document to the step that produced its latest version (Tidak)."""

    sign_label = ""

    def keeps_decision(self, step) -> bool:
        return True

    def configure(self, task, step):
        super().configure(task, step)
        target = producing_step(task.run)
        if target is None or target >= step.no:  # nothing to return to: the form only signs
            del self.fields["decision"], self.fields["reason"]
            return
        decision = self.fields["decision"]
        decision.required, decision.initial = False, "ya"  # a POST without it signs, as before
        decision.choices = [("ya", str(self.sign_label)), ("tidak", _("Tidak — kembalikan ke %(where)s") % {
            "where": return_target_text(task.run, target)})]
        self.fields["reason"].help_text = _("Wajib diisi bila dokumen dikembalikan: apa yang harus diperbaiki.")


class CheckboxInput(forms.CheckboxInput):
    """A checkbox that posts the version it was ticked for, not just "on": a confirmation of version 3
    does not sign version 4. Named like Django's so the shared form template draws it as a checkbox."""

    def __init__(self, version: int):
        super().__init__(attrs={"value": str(version)}, check_test=lambda value: str(value) == str(version))

    def value_from_datadict(self, data, files, name):
        return data.get(name) or None


class ConfirmGapsForm(SigningForm):
    """A signature over a version with missing data needs the signer's explicit confirmation, which
    names what is missing (issue 18 item 4)."""

    def configure(self, task, step):
        super().configure(task, step)
        document = working_document(task.run)
        latest = document.latest() if document is not None else None
        gaps = gaps_of(latest)
        if not gaps:
            return
        self.fields["confirm_gaps"] = forms.IntegerField(
            required=False, widget=CheckboxInput(latest.number),
            label=_("Saya menandatangani walaupun data belum lengkap: %(gaps)s") % {"gaps": gaps_text(gaps)},
            help_text=_("Versi %(v)s memiliki %(n)s bagian tanpa data. Tanpa centang ini dokumen tidak "
                        "ditandatangani.") % {"v": latest.number, "n": len(gaps)})


class SigningStep(StepKind):
    needs_document = True
    hint_text = ""

    def hint(self, run) -> str:
        return str(self.hint_text)

    def checks_kelengkapan(self, completion: Completion) -> bool:
        return completion.approve is not False  # a return needs no paraf on the version it refuses

    def validate(self, ctx: Context, completion: Completion) -> None:
        if completion.approve is not False:
            super().validate(ctx, completion)
            return
        if not completion.reason.strip():
            raise ValidationError({"reason": _("Alasan wajib diisi bila dokumen dikembalikan.")})
        if len(completion.reason) > 2000:
            raise ValidationError({"reason": _("Alasan terlalu panjang (maksimum 2000 karakter).")})
        latest = ctx.latest_version()
        if latest is None or latest.task.step_no >= ctx.step.no:
            raise ValidationError(_("Tidak ada langkah sebelumnya yang menghasilkan dokumen ini untuk dikembalikan."))
        ctx.return_to = latest.task.step_no

    def record(self, ctx: Context, completion: Completion) -> Output:
        if completion.approve is False:
            return Output(facts={"dikembalikan_ke": ctx.return_to})

        signoff = sign(ctx, kind=self.signoff_kind)
        return Output(
            facts={"signoff": {"kind": signoff.kind, "sha256": signoff.sha256, "title": signoff.signer_title}},
            trail=[(f"dokumen.{signoff.kind}", {
                "task": ctx.task.engine_id, "version": signoff.version.number, "sha256": signoff.sha256,
                "signer": signoff.signer_name, "nip": signoff.signer_nip, "title": signoff.signer_title})],
        )

    def action(self, ctx: Context, completion: Completion, assignees):
        if completion.approve is False:
            return engine.Return(task_id=ctx.task.engine_id, actor=ctx.task.actor, to_step=ctx.return_to,
                                 reason=completion.reason.strip(), assignees=assignees, at=ctx.now.isoformat())
        return super().action(ctx, completion, assignees)
