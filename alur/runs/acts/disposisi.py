"""Disposisi: a leader writes a lembar disposisi (to whom, which instructions, by when)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core.sop.model import Act
from alur.org.models import Position

from .base import Completion, Context, Output, StepHandler


class Disposisi(StepHandler):
    act = Act.DISPOSISI
    fields = ("disposition_to", "disposition_instructions", "disposition_due")

    def configure_form(self, form, task, step):
        super().configure_form(form, task, step)
        form.fields["disposition_to"].queryset = Position.objects.filter(office=task.run.office_id).exclude(
            pk=task.position_id)

    def missing_for_later(self, ctx: Context) -> list[str]:
        from alur.runs.models import Disposition

        if "disposisi" not in ctx.step.kelengkapan.lower():
            return []
        written = getattr(ctx.run, "has_disposition", None)  # read with the run's lock, when it was
        if written is None:
            written = Disposition.objects.filter(task__run=ctx.run).exists()
        return [] if written else [_("lembar disposisi dari langkah sebelumnya")]

    def validate(self, ctx, completion):
        from alur.runs.models import Disposition

        super().validate(ctx, completion)
        if not completion.disposition_to or not completion.disposition_instructions:
            raise ValidationError(_("Lembar disposisi perlu diisi: tujuan (kepada) dan minimal satu instruksi."))
        unknown = set(completion.disposition_instructions) - set(Disposition.Instruction.values)
        if unknown:
            raise ValidationError(_("Instruksi disposisi tidak dikenal: %(x)s.") % {"x": ", ".join(sorted(unknown))})
        foreign = [p.name for p in completion.disposition_to if p.office_id != ctx.run.office_id]
        if foreign:
            raise ValidationError({"disposition_to": _("Jabatan dari OPD lain: %(x)s.") % {"x": ", ".join(foreign)}})

    def record(self, ctx: Context, completion: Completion) -> Output:
        from alur.runs.models import Disposition

        disposition = Disposition.objects.create(
            task=ctx.task, instructions=completion.disposition_instructions, note=completion.note,
            due_on=completion.disposition_due, written_by=ctx.employee, written_at=ctx.now,
        )
        Disposition.to_positions.through.objects.bulk_create([
            Disposition.to_positions.through(disposition=disposition, position=p) for p in completion.disposition_to])
        return Output(facts={"disposisi": {"to": [p.name for p in completion.disposition_to],
                                           "instruksi": completion.disposition_instructions}})

    def sample(self, task, *, approve, tag, pdf):
        targets = list(Position.objects.filter(office=task.run.office_id).exclude(pk=task.position_id)[:1])
        return Completion(note="Segera ditindaklanjuti.", disposition_to=targets, disposition_instructions=["proses"],
                          approve=approve, reason="" if approve else "Perbaiki sesuai catatan.")
