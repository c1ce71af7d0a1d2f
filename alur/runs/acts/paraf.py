"""Paraf: initial the latest version of the working document."""

from django.utils.translation import gettext_lazy as _

from alur.core.sop.model import Act

from .signing import SigningStep


class Paraf(SigningStep):
    act = Act.PARAF
    signoff_kind = "paraf"
    hint_text = _("Dengan menyimpan, Anda memaraf versi terakhir dokumen (terikat pada SHA-256-nya).")
