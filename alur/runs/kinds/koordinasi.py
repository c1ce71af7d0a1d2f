"""Koordinasi: a meeting or collection with several actors.

A meeting step (several actors) has one shared notulen — a document of its own (role `notulen`),
never a version of the working draft — and each participant confirms in their own task whether
they attended. Any participant may upload the notulen; the last one to finish must see that it is
there. A koordinasi with one actor hands in a notulen or a note.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.core.sop.model import Act, Step
from alur.runs import uploads
from alur.runs.models import Attendance
from alur.runs.services.documents import notulen_of, store_notulen

from .base import Completion, Context, Output, sample_upload
from .forms import UploadForm
from .registry import StepKind


def is_meeting(step: Step) -> bool:
    """A koordinasi step with several actors is a meeting: one shared notulen, attendance per person.
    Other kinds with several actors (a collection, a joint review) are not."""
    return step.act == Act.KOORDINASI and len(set(step.actors)) > 1


class KoordinasiForm(UploadForm):
    """The notulen; in a meeting also the participant's attendance."""

    attendance = forms.ChoiceField(label=gettext_lazy("Kehadiran dalam rapat"), required=False,
                                   widget=forms.RadioSelect,
                                   choices=[("hadir", gettext_lazy("Saya hadir")),
                                            ("tidak_hadir", gettext_lazy("Saya tidak hadir"))])

    def configure(self, task, step):
        super().configure(task, step)
        self.fields["upload"].label = _("Unggah notulen rapat")
        if is_meeting(step):
            self.fields["attendance"].required = True
        else:
            del self.fields["attendance"]

    def kind_data(self) -> dict:
        data = super().kind_data()
        data["attended"] = {"hadir": True, "tidak_hadir": False}.get(data.pop("attendance", None) or "")
        return data


class Koordinasi(StepKind):
    value = Act.KOORDINASI
    form_class = KoordinasiForm
    template = "runs/kinds/koordinasi.html"

    def is_meeting(self, step: Step) -> bool:
        return is_meeting(step)

    def page_context(self, task, step) -> dict:
        from alur.runs.selectors import meeting_participants  # lazy: selectors read the kind registry

        if not is_meeting(step):
            return {"participants": []}
        notulen = notulen_of(task.run, step.no)
        # said up front (issue 18 item 22), not only when the last participant is refused
        return {"participants": meeting_participants(task),
                "notulen_uploaded": notulen is not None and notulen.versions.filter(
                    task__iteration=task.iteration).exists()}

    def hint(self, run) -> str:
        return _("Notulen rapat adalah dokumen tersendiri, dipakai bersama oleh semua peserta; "
                 "cukup satu peserta yang mengunggahnya.")

    def validate(self, ctx: Context, completion: Completion) -> None:
        super().validate(ctx, completion)
        upload = completion.get("upload")
        if is_meeting(ctx.step):
            if completion.get("attended") is None:
                raise ValidationError({"attendance": _("Konfirmasi kehadiran Anda dalam rapat.")})
            if upload is None and self._last_without_notulen(ctx):
                raise ValidationError({"upload": _(
                    "Anda peserta terakhir dan notulen rapat belum diunggah: unggah notulennya.")})
        elif upload is None and not completion.note.strip():
            raise ValidationError({"note": _("Isi catatan hasil koordinasi atau unggah notulen.")})
        if upload is not None:
            ctx.upload_sha256 = uploads.check_and_hash(upload, field="upload")

    def record(self, ctx: Context, completion: Completion) -> Output:
        facts, trail = {}, []
        attended, upload = completion.get("attended"), completion.get("upload")
        if attended is not None:
            Attendance.objects.create(task=ctx.task, attended=attended, employee=ctx.employee, recorded_at=ctx.now)
            facts["hadir"] = attended
        if upload is not None:
            version = store_notulen(ctx, upload, sha256=ctx.upload_sha256)
            facts["notulen"] = {"version": version.number, "sha256": version.sha256, "name": version.original_name}
            trail.append(("dokumen.diunggah", {
                "task": ctx.task.engine_id, "version": version.number, "sha256": version.sha256,
                "size": version.size, "by": ctx.employee.nip, "role": "notulen"}))
        return Output(facts=facts, trail=trail)

    def _last_without_notulen(self, ctx: Context) -> bool:
        state = ctx.run.engine_state()
        others_open = any(t.is_open and t.step_no == ctx.step.no and t.iteration == ctx.task.iteration
                          and t.id != ctx.task.engine_id for t in state.tasks)
        if others_open:
            return False
        notulen = notulen_of(ctx.run, ctx.step.no)
        return notulen is None or not notulen.versions.filter(task__iteration=ctx.task.iteration).exists()

    def sample(self, task, *, approve, tag, pdf):
        step = task.run.revision.as_core().step(task.step_no)
        notulen = notulen_of(task.run, task.step_no)
        has_notulen = notulen is not None and notulen.versions.filter(task__iteration=task.iteration).exists()
        upload = None if is_meeting(step) and has_notulen else sample_upload(task, tag, pdf)
        return Completion(note="Hasil koordinasi terlampir.", upload=upload, approve=approve,
                          attended=True if is_meeting(step) else None,
                          reason="" if approve else "Perbaiki sesuai catatan.")
