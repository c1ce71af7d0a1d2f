"""The sentence of a document composed from data on a run's trail (see alur.audit.sentences).

`dokumen.narasi.ubah` is on the office's trail, not a run's; no page reads it as a sentence yet.
`dokumen.langkah.dihubungkan` (a step bound to a document kind) is on the office's trail too.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from alur.audit.sentences import register
from alur.runs.trail_text import step_text


@register("dokumen.disusun")
def _composed(data, *, step=None, **_context):
    return _("menyusun versi %(v)s dokumen dari data pada %(step)s") % {"v": data.get("version"),
                                                                        "step": step_text(step)}


@register("dokumen.langkah.dihubungkan")
def _bound(data, **_context):
    if data.get("dokumen"):
        return _("menghubungkan langkah %(no)s SOP %(nama)s ke dokumen %(kind)s") % {
            "no": data.get("langkah"), "nama": data.get("nama"), "kind": data.get("dokumen")}
    return _("melepas langkah %(no)s SOP %(nama)s dari dokumen") % {"no": data.get("langkah"),
                                                                    "nama": data.get("nama")}
