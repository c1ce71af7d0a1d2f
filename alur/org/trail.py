"""The data induk changes in an office's trail, as sentences a person reads."""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.audit.models import Entry
from alur.audit.sentences import describe, register

KINDS = (
    "pegawai.ditambah", "pegawai.diubah", "pegawai.akun_ditetapkan", "jabatan.pemangku_dicatat", "plt_plh.dicatat",
    "unit.ditambah", "unit.diubah", "jabatan.ditambah", "jabatan.diubah", "opd.format_nomor_diubah",
    "opd.identitas_diubah", "kalender.hari_khusus_ditambah", "kalender.hari_khusus_dihapus",
    "kalender.jam_kerja_diubah",
)
FIELD_NAMES = {
    "name": gettext_lazy("nama"), "nip": gettext_lazy("NIP"), "rank": gettext_lazy("pangkat/golongan"),
    "email": gettext_lazy("surel"), "is_office_admin": gettext_lazy("admin OPD"), "parent": gettext_lazy("unit induk"),
    "unit": gettext_lazy("unit kerja"), "is_head": gettext_lazy("kepala OPD"),
}


def day_text(iso: str | None) -> str:
    """A day on the trail (ISO) as the sentences say it: "13 Juni 2026"."""
    return formats.date_format(date.fromisoformat(iso), "j F Y") if iso else "—"


def _value(value) -> str:
    if value is True:
        return _("ya")
    if value in (False, None, ""):
        return _("tidak") if value is False else "—"
    return f"“{value}”"


def _changes(data: dict) -> str:
    return "; ".join(
        _("%(field)s %(old)s → %(new)s") % {
            "field": FIELD_NAMES.get(name, name), "old": _value(change["lama"]), "new": _value(change["baru"])}
        for name, change in data.get("perubahan", {}).items()
    )


def _holding(d, **_context):
    text = _("mencatat %(employee)s memangku %(position)s mulai %(start)s") % {
        "employee": d["pegawai"], "position": d["jabatan"], "start": day_text(d["mulai"])}
    previous = d.get("pemangku_sebelumnya")
    if previous:
        text += _(" (%(employee)s sampai %(end)s)") % {
            "employee": previous["pegawai"], "end": day_text(previous["selesai"])}
    return text


def _account(d, **_context):
    text = _("menetapkan akun masuk “%(username)s” untuk %(name)s") % {
        "username": d["nama_pengguna"]["baru"], "name": d.get("nama", "")}
    return text + (_(" dan mengganti kata sandinya") if d.get("kata_sandi_diganti") else "")


# The sentences of the data induk kinds org records; the calendar's are workdays' (alur/workdays/sentences.py).
register("pegawai.ditambah", lambda d, **_context: _("menambahkan pegawai %(name)s") % {"name": d["baru"]["name"]})
register("pegawai.diubah", lambda d, **_context: _("mengubah data %(name)s: %(changes)s") % {
    "name": d.get("nama", ""), "changes": _changes(d)})
register("pegawai.akun_ditetapkan", _account)
register("jabatan.pemangku_dicatat", _holding)
register("plt_plh.dicatat", lambda d, **_context: _(
    "mencatat %(kind)s %(position)s: %(employee)s, %(start)s s.d. %(end)s (%(basis)s)") % {
    "kind": d["jenis"], "position": d["jabatan"], "employee": d["pegawai"], "start": day_text(d["mulai"]),
    "end": day_text(d["selesai"]), "basis": d["dasar"]})
register("unit.ditambah", lambda d, **_context: _("menambahkan unit kerja %(name)s") % {"name": d["baru"]["name"]})
register("unit.diubah", lambda d, **_context: _("mengubah unit kerja %(name)s: %(changes)s") % {
    "name": d.get("nama", ""), "changes": _changes(d)})
register("jabatan.ditambah", lambda d, **_context: _("menambahkan jabatan %(name)s") % {"name": d["baru"]["name"]})
register("jabatan.diubah", lambda d, **_context: _("mengubah jabatan %(name)s: %(changes)s") % {
    "name": d.get("nama", ""), "changes": _changes(d)})
register("opd.format_nomor_diubah", lambda d, **_context: _(
    "mengubah format nomor surat dari %(old)s menjadi %(new)s") % {
    "old": _value(d["format_nomor_surat"]["lama"]), "new": _value(d["format_nomor_surat"]["baru"])})

IDENTITY_NAMES = {"kedudukan": gettext_lazy("kedudukan"), "alamat": gettext_lazy("alamat"),
                  "logo": gettext_lazy("logo")}


def _identity(d: dict, **_context) -> str:
    parts = []
    for key, change in d.items():
        if key == "logo":  # an image: named by its fingerprint
            parts.append(_("logo diganti (SHA-256 %(sha)s…)") % {"sha": change["baru"][:12]} if change["baru"]
                         else _("logo dihapus"))
        else:
            parts.append(_("%(field)s dari %(old)s menjadi %(new)s") % {
                "field": IDENTITY_NAMES.get(key, key), "old": _value(change["lama"]), "new": _value(change["baru"])})
    return _("mengubah identitas OPD: %(changes)s") % {"changes": "; ".join(parts)}


register("opd.identitas_diubah", _identity)


def recent_changes(office, limit: int = 15) -> list[dict]:
    """The latest data induk changes of `office`: who, when, and what as a sentence."""

    entries = (Entry.objects.filter(office=office, kind__in=KINDS).select_related("user__employee")
               .order_by("-position")[:limit])
    return [{"who": _actor(entry.user), "at": entry.at, "what": describe(entry.kind, entry.data)} for entry in entries]


def _actor(user) -> str:
    if user is None:
        return _("sistem")
    employee = getattr(user, "employee", None)
    return employee.name if employee else user.get_username()
