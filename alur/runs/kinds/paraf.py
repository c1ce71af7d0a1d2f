"""Paraf: initial the latest version of the working document."""

from django.utils.translation import gettext_lazy as _

from alur.core.sop.model import Act

from .signing import SigningForm, SigningStep


class ParafForm(SigningForm):
    sign_label = _("Ya — paraf versi terakhir")


class Paraf(SigningStep):
    value = Act.PARAF
    form_class = ParafForm
    signoff_kind = "paraf"
    hint_text = _("Dengan memilih Ya dan menyimpan, Anda memaraf versi terakhir dokumen (paraf terikat pada "
                  "sidik berkasnya, SHA-256: bila berkas berubah, paraf tidak berlaku lagi).")
