"""Tanda tangan: sign the latest version; a paraf step before it must have initialled that version."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.core.sop.model import Act
from alur.runs.models import SignOff
from alur.runs.services.documents import working_document

from .base import Completion, Context, Output
from .registry import kind_for
from .signing import ConfirmGapsForm, SigningStep, gaps_of, gaps_text


class TandaTanganForm(ConfirmGapsForm):
    sign_label = gettext_lazy("Ya — tandatangani versi terakhir")


class TandaTangan(SigningStep):
    value = Act.TANDA_TANGAN
    form_class = TandaTanganForm
    signoff_kind = "tanda_tangan"
    hint_text = gettext_lazy("Dengan memilih Ya dan menyimpan, Anda menandatangani versi terakhir dokumen (tanda "
                             "tangan terikat pada sidik berkasnya, SHA-256: bila berkas berubah, sidiknya berubah).")

    def validate(self, ctx: Context, completion: Completion) -> None:
        super().validate(ctx, completion)
        if completion.approve is False:
            return
        latest = ctx.latest_version()
        gaps = ctx._gaps = gaps_of(latest)  # read once per act: record() reuses it
        if not gaps:
            return
        confirmed = completion.get("confirm_gaps")  # the version number the signer ticked the box for
        if not confirmed:
            raise ValidationError({"confirm_gaps": _(
                "Dokumen versi %(v)s memiliki %(n)s bagian tanpa data (%(gaps)s). Tanda tangan hanya bila Anda "
                "mencentang “Saya menandatangani walaupun data belum lengkap”, atau kembalikan dokumen "
                "untuk dilengkapi.") % {"v": latest.number, "n": len(gaps), "gaps": gaps_text(gaps)}})
        if confirmed != latest.number:
            raise ValidationError({"confirm_gaps": _(
                "Konfirmasi Anda untuk versi %(c)s, sedangkan versi terakhir adalah versi %(v)s dengan %(n)s bagian "
                "tanpa data; periksa dan konfirmasi lagi.") % {"c": confirmed, "v": latest.number, "n": len(gaps)}})

    def record(self, ctx: Context, completion: Completion) -> Output:
        output = super().record(ctx, completion)
        gaps = getattr(ctx, "_gaps", []) if completion.approve is not False else []
        if gaps:  # the signer's confirmation over missing data goes on the trail with what was missing
            for _kind, data in output.trail:
                data["confirmed_gaps"] = gaps
        return output

    def sample(self, task, *, approve: bool, tag: str, pdf: bytes) -> Completion:
        """The simulator's signer confirms what the generated version lacks (demo data has gaps)."""
        completion = super().sample(task, approve=approve, tag=tag, pdf=pdf)
        document = working_document(task.run)
        latest = document.latest() if document is not None else None
        if approve and gaps_of(latest):
            completion.data.update(confirm_gaps=latest.number)
        return completion

    def missing(self, ctx):
        missing = super().missing(ctx)
        if not any(kind_for(s).signoff_kind == "paraf" for s in ctx.earlier_steps()):
            return missing
        latest = ctx.latest_version()
        parafs = SignOff.objects.filter(task__run=ctx.run, kind=SignOff.Kind.PARAF)
        current = latest is not None and parafs.filter(version=latest, sha256=latest.sha256).exists()
        if not current:
            missing.append(
                _("paraf pada versi dokumen terakhir (paraf pada versi sebelumnya tidak berlaku lagi)")
                if parafs.exists() else _("paraf pada dokumen"))
        return missing
