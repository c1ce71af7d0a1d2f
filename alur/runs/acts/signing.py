"""Steps that bind a person's mark to one document version by its SHA-256 (paraf, tanda tangan)."""

from __future__ import annotations

from .base import Completion, Context, Output, StepHandler


class SigningStep(StepHandler):
    needs_document = True
    hint_text = ""

    def hint(self, run) -> str:
        return str(self.hint_text)

    def record(self, ctx: Context, completion: Completion) -> Output:
        from alur.runs.services.documents import sign

        signoff = sign(ctx, kind=self.signoff_kind)
        return Output(
            facts={"signoff": {"kind": signoff.kind, "sha256": signoff.sha256, "title": signoff.signer_title}},
            trail=[(f"dokumen.{signoff.kind}", {
                "task": ctx.task.engine_id, "version": signoff.version.number, "sha256": signoff.sha256,
                "signer": signoff.signer_name, "nip": signoff.signer_nip, "title": signoff.signer_title})],
        )
