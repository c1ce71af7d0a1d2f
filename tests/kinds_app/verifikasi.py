"""Verifikasi: the checker confirms the documents match (a checkbox) and may add a note.

A step kind from outside runs in one file: its vocabulary entry (value, label, word), its form, its
check, its record and its trail sentence. The tests register it with `registry.temporarily(...)`
(tests/kinds_app/test_verifikasi.py); nothing else in Alur names it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from alur.runs.kinds import Completion, Output, StepKind
from alur.runs.kinds.forms import TaskFormBase


class VerifikasiForm(TaskFormBase):
    dokumen_sesuai = forms.BooleanField(label="Dokumen sesuai", required=False)


def _checked(data, **_context) -> str:
    return "memverifikasi: dokumen %s" % ("sesuai" if data.get("sesuai") else "tidak sesuai")


class Verifikasi(StepKind):
    value = "verifikasi"
    label = "Verifikasi kelengkapan dokumen"
    word = "verifikasi"
    form_class = VerifikasiForm
    sentences = {"verifikasi.dicatat": _checked}

    def validate(self, ctx, completion: Completion) -> None:
        super().validate(ctx, completion)
        if not completion.get("dokumen_sesuai") and not completion.note.strip():
            raise ValidationError({"note": "Tulis apa yang tidak sesuai."})

    def record(self, ctx, completion: Completion) -> Output:
        sesuai = bool(completion.get("dokumen_sesuai"))
        return Output(facts={"verifikasi": {"sesuai": sesuai}},
                      trail=[("verifikasi.dicatat", {"task": ctx.task.engine_id, "sesuai": sesuai})])

    def sample(self, task, *, approve, tag, pdf) -> Completion:
        return Completion(dokumen_sesuai=True, approve=approve, reason="" if approve else "Perbaiki.")
