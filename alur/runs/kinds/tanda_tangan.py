"""Tanda tangan: sign the latest version; a paraf step before it must have initialled that version."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.core.sop.model import Act
from alur.runs.models import SignOff

from .registry import kind_for
from .signing import SigningForm, SigningStep


class TandaTanganForm(SigningForm):
    sign_label = gettext_lazy("Ya — tandatangani versi terakhir")


class TandaTangan(SigningStep):
    value = Act.TANDA_TANGAN
    form_class = TandaTanganForm
    signoff_kind = "tanda_tangan"
    hint_text = gettext_lazy("Dengan memilih Ya dan menyimpan, Anda menandatangani versi terakhir dokumen (tanda "
                             "tangan terikat pada sidik berkasnya, SHA-256: bila berkas berubah, sidiknya berubah).")

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
