"""The sentences of the calendar kinds workdays records (see alur.audit.sentences); the data induk
page lists them with org's (alur.org.trail.KINDS)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from alur.audit.sentences import register
from alur.org.trail import day_text


@register("kalender.hari_khusus_ditambah")
def _special_day_added(data, **_context):
    return _("mencatat %(date)s sebagai %(kind)s") % {"date": day_text(data["tanggal"]), "kind": data["jenis"].lower()}


@register("kalender.hari_khusus_dihapus")
def _special_day_removed(data, **_context):
    return _("menghapus %(date)s (%(kind)s) dari kalender") % {
        "date": day_text(data["tanggal"]), "kind": data["jenis"].lower()}


@register("kalender.jam_kerja_diubah")
def _hours_changed(data, **_context):
    return _("mengubah jam kerja: %(hours)s") % {
        "hours": ", ".join(f"{day} {hours}" for day, hours in data["baru"].items() if day != "zona_waktu")}
