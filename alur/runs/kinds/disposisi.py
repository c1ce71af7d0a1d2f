"""Disposisi: a leader writes a lembar disposisi (to whom, which instructions, by when).

The sheet is honest about where it goes: the positions of the SOP's next step are pre-selected and
labelled as continuing the run (they get its next task). Every other position ticked receives the
disposisi with the letter in its inbox as an item to acknowledge ("untuk diketahui /
ditindaklanjuti"), with the batas waktu (a `DispositionCopy`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.core.sop.model import Act, Sop, Step
from alur.core.sop.vocabulary import tanggal
from alur.kit.forms import DateInput, IdMultipleChoiceField
from alur.org.models import Position
from alur.runs.models import Disposition, DispositionCopy
from alur.sop.models import ActorMapping

from .base import Completion, Context, Output
from .forms import TaskFormBase
from .registry import StepKind


def continuing_positions(run, core: Sop, step: Step) -> list[Position]:
    """The positions mapped to the actors of the step(s) that follow `step`: they continue the run."""

    actors = {actor for no in core.successors(step.no) for actor in core.step(no).actors}
    if not actors:
        return []
    mappings = ActorMapping.objects.filter(sop_id=run.revision.sop_id, actor__in=actors).select_related("position")
    return list(dict.fromkeys(m.position for m in mappings))


class DisposisiForm(TaskFormBase):
    disposition_to = IdMultipleChoiceField(label=gettext_lazy("Kepada"), queryset=Position.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    disposition_instructions = forms.MultipleChoiceField(
        label=gettext_lazy("Instruksi"), choices=Disposition.Instruction.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    disposition_due = forms.DateField(label=gettext_lazy("Batas waktu"), required=False, widget=DateInput())

    def configure(self, task, step):
        super().configure(task, step)
        run = task.run
        field = self.fields["disposition_to"]
        field.queryset = Position.objects.filter(office=run.office_id).exclude(pk=task.position_id)
        continuing = {p.pk for p in continuing_positions(run, run.revision.as_core(), step)}
        field.initial = sorted(continuing)
        suffix = _("melanjutkan alur: menerima tugas langkah berikutnya")
        field.label_from_instance = lambda p: f"{p.name} — {suffix}" if p.pk in continuing else p.name
        field.help_text = _("Jabatan lain yang dicentang menerima disposisi ini beserta suratnya di kotak tugasnya, "
                            "untuk diketahui / ditindaklanjuti sampai batas waktu.")
        self.fields["disposition_due"].widget.attrs["min"] = timezone.localdate().isoformat()

    def kind_data(self) -> dict:
        data = self.cleaned_data
        return {"disposition_to": list(data.get("disposition_to") or []),
                "disposition_instructions": list(data.get("disposition_instructions") or []),
                "disposition_due": data.get("disposition_due")}


class Disposisi(StepKind):
    value = Act.DISPOSISI
    form_class = DisposisiForm

    def hint(self, run) -> str:
        return _("Jabatan yang melanjutkan alur sudah dicentang; centang jabatan lain bila disposisi juga "
                 "ditujukan kepada mereka.")

    def missing_for_later(self, ctx: Context) -> list[str]:
        if "disposisi" not in ctx.step.kelengkapan.lower():
            return []
        written = getattr(ctx.run, "has_disposition", None)  # read with the run's lock, when it was
        if written is None:
            written = Disposition.objects.filter(task__run=ctx.run).exists()
        return [] if written else [_("lembar disposisi dari langkah sebelumnya")]

    def validate(self, ctx, completion):
        super().validate(ctx, completion)
        to, instructions = completion.get("disposition_to", []), completion.get("disposition_instructions", [])
        due = completion.get("disposition_due")
        if not to or not instructions:
            raise ValidationError(_("Lembar disposisi perlu diisi: tujuan (kepada) dan minimal satu instruksi."))
        unknown = set(instructions) - set(Disposition.Instruction.values)
        if unknown:
            raise ValidationError(_("Instruksi disposisi tidak dikenal: %(x)s.") % {"x": ", ".join(sorted(unknown))})
        foreign = [p.name for p in to if p.office_id != ctx.run.office_id]
        if foreign:
            raise ValidationError({"disposition_to": _("Jabatan dari OPD lain: %(x)s.") % {"x": ", ".join(foreign)}})
        today = timezone.localdate(ctx.now)
        if due is not None and due < today:
            raise ValidationError({"disposition_due": _(
                "Batas waktu %(due)s sudah lewat; pilih hari ini (%(today)s) atau sesudahnya.") % {
                "due": tanggal(due), "today": tanggal(today)}})

    def record(self, ctx: Context, completion: Completion) -> Output:
        instructions, due = completion.get("disposition_instructions", []), completion.get("disposition_due")
        continuing = continuing_positions(ctx.run, ctx.core, ctx.step)
        ticked = list(dict.fromkeys(completion.get("disposition_to", [])))
        copies = [p for p in ticked if p not in continuing]
        to = list(dict.fromkeys([*ticked, *continuing]))  # the next actor gets it, ticked or not
        disposition = Disposition.objects.create(
            task=ctx.task, instructions=instructions, note=completion.note,
            due_on=due, written_by=ctx.employee, written_at=ctx.now,
        )
        Disposition.to_positions.through.objects.bulk_create([
            Disposition.to_positions.through(disposition=disposition, position=p) for p in to])
        if copies:
            DispositionCopy.objects.bulk_create([DispositionCopy(disposition=disposition, position=p) for p in copies])
        return Output(facts={"disposisi": {
            "to": [p.name for p in to], "instruksi": instructions,
            "untuk_diketahui": [p.name for p in copies],
            "batas": due.isoformat() if due else None}})

    def sample(self, task, *, approve, tag, pdf):
        run = task.run
        step = run.revision.as_core().step(task.step_no)
        targets = continuing_positions(run, run.revision.as_core(), step) or list(
            Position.objects.filter(office=run.office_id).exclude(pk=task.position_id)[:1])
        return Completion(note="Segera ditindaklanjuti.", disposition_to=targets, disposition_instructions=["proses"],
                          approve=approve, reason="" if approve else "Perbaiki sesuai catatan.")
