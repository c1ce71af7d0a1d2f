"""The sentence of a document composed from data on a run's trail (see alur.audit.sentences).

`dokumen.narasi.ubah` is on the office's trail, not a run's; no page reads it as a sentence yet.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from alur.audit.sentences import register
from alur.runs.trail_text import step_text


@register("dokumen.disusun")
def _composed(data, *, step=None, **_context):
    return _("menyusun versi %(v)s dokumen dari data pada %(step)s") % {"v": data.get("version"),
                                                                        "step": step_text(step)}
