"""The sentences of the realisation collection on a run's trail (see alur.audit.sentences); the
collection step records them (alur/kinerja/collection/requests.py), the words are kinerja's.

The other `kinerja.*` kinds have no page that reads them as sentences yet; they read as their kind.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from alur.audit.sentences import register


@register("pengumpulan.dibuka")
def _collection_opened(data, **_context):
    return _("membuka pengisian realisasi triwulan %(tw)s %(y)s sejak %(d)s (%(n)s indikator, %(u)s unit)") % {
        "tw": data.get("triwulan"), "y": data.get("tahun"), "d": data.get("dibuka"),
        "n": data.get("indikator"), "u": data.get("unit")}


@register("pengumpulan.permintaan")
def _collection_requested(data, **_context):
    return _("meminta %(unit)s mengisi realisasi triwulan %(tw)s %(y)s (%(n)s indikator)") % {
        "unit": data.get("unit"), "tw": data.get("triwulan"), "y": data.get("tahun"),
        "n": len(data.get("indikator") or [])}
