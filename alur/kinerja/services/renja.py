"""The Renja of a year as data the planning unit edits: the Renja itself and its lines (a Renstra
programme, kegiatan or sub-kegiatan — code and name copied — or a free line the page flags as
not serving the Renstra), each with an indicator, a target and a pagu. Keyword-only, atomic,
checked by `policies.can_edit_plan`, on the office's trail; after the Renja document of the year
is signed a change needs a reason (see `alur.kinerja.locks`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record

from .. import locks, policies
from ..changes import apply_changes, trail_value
from ..models import Indicator, Kegiatan, Program, Renja, RenjaLine, SubKegiatan
from ..selectors import renstra_for

LINE_FIELDS = ("code", "name", "indicator", "target", "pagu", "lokasi", "sumber_dana", "target_maju", "pagu_maju")
MAX_CODE, MAX_NAME, MAX_LOKASI, MAX_SUMBER = 40, 300, 200, 100


def _require_planner(user, office) -> None:
    policies.require(policies.can_edit_plan(user, office), _("Hanya unit perencanaan yang mengubah Renja."))


def _renstra_of_node(node):
    if isinstance(node, Program):
        return node.renstra_id
    if isinstance(node, Kegiatan):
        return node.program.renstra_id
    return node.kegiatan.program.renstra_id


def _check_line(renja: Renja, *, code: str, name: str, indicator: Indicator | None, target: Decimal | None,
                pagu: Decimal, exclude_pk: int | None = None, lokasi: str = "", sumber_dana: str = "",
                target_maju: Decimal | None = None, pagu_maju: Decimal | None = None) -> None:
    errors = {}
    if not code:
        errors["code"] = _("Isi kode baris Renja.")
    elif len(code) > MAX_CODE:
        errors["code"] = _("Kode paling panjang %(n)s karakter.") % {"n": MAX_CODE}
    elif RenjaLine.objects.filter(renja=renja, code=code).exclude(pk=exclude_pk).exists():
        errors["code"] = _("Kode %(code)s sudah ada di Renja %(year)s.") % {"code": code, "year": renja.year}
    if not name:
        errors["name"] = _("Isi uraian baris Renja.")
    elif len(name) > MAX_NAME:
        errors["name"] = _("Uraian paling panjang %(n)s karakter.") % {"n": MAX_NAME}
    if indicator is not None and indicator.renstra_id != renja.renstra_id:
        errors["indicator"] = _("Indikator %(code)s bukan indikator Renstra yang menjadi acuan Renja ini.") % {
            "code": indicator.code}
    if target is not None and indicator is None:
        errors["target"] = _("Pilih indikator untuk target ini.")
    if pagu is None or pagu < 0:
        errors["pagu"] = _("Pagu tidak boleh kosong atau negatif.")
    if len(lokasi) > MAX_LOKASI:
        errors["lokasi"] = _("Lokasi paling panjang %(n)s karakter.") % {"n": MAX_LOKASI}
    if len(sumber_dana) > MAX_SUMBER:
        errors["sumber_dana"] = _("Sumber dana paling panjang %(n)s karakter.") % {"n": MAX_SUMBER}
    if target_maju is not None and indicator is None:
        errors["target_maju"] = _("Pilih indikator untuk target prakiraan maju ini.")
    if pagu_maju is not None and pagu_maju < 0:
        errors["pagu_maju"] = _("Pagu prakiraan maju tidak boleh negatif.")
    if errors:
        raise ValidationError(errors)


def _line_data(line: RenjaLine) -> dict:
    return {"baris": line.pk, "kode": line.code, "uraian": line.name, "program": line.program_id,
            "kegiatan": line.kegiatan_id, "sub_kegiatan": line.sub_kegiatan_id, "indikator": line.indicator_id,
            "target": trail_value(line.target), "pagu": trail_value(line.pagu), "lokasi": line.lokasi,
            "sumber_dana": line.sumber_dana, "target_maju": trail_value(line.target_maju),
            "pagu_maju": trail_value(line.pagu_maju)}


@transaction.atomic
def renja_create(*, user, office, year: int) -> Renja:
    """An empty Renja of `year`, referring to the Renstra that covers the year."""
    _require_planner(user, office)
    renstra = renstra_for(office, year)
    if renstra is None:
        raise ValidationError({"year": _("Tidak ada Renstra yang mencakup tahun %(year)s.") % {"year": year}})
    if lock_rows(Renja.objects).filter(office=office, year=year).exists():
        raise ValidationError({"year": _("Renja tahun %(year)s sudah ada.") % {"year": year}})
    renja = Renja.objects.create(office=office, renstra=renstra, year=year)
    record(office=office, kind="kinerja.renja.susun", user=user,
           data={"renja": renja.pk, "tahun": year, "renstra": renstra.pk})
    return renja


@transaction.atomic
def renja_line_add(*, user, renja: Renja, node: Program | Kegiatan | SubKegiatan | None = None, code: str = "",
                   name: str = "", indicator: Indicator | None = None, target: Decimal | None = None,
                   pagu: Decimal = Decimal(0), lokasi: str = "", sumber_dana: str = "",
                   target_maju: Decimal | None = None, pagu_maju: Decimal | None = None,
                   reason: str = "") -> RenjaLine:
    """A line from a Renstra programme/kegiatan/sub-kegiatan (its code and name are copied), or,
    without `node`, a free line with its own code and name."""
    renja = lock_rows(Renja.objects).select_related("office").get(pk=renja.pk)
    _require_planner(user, renja.office)
    line = RenjaLine(renja=renja, indicator=indicator, target=target, pagu=pagu, lokasi=(lokasi or "").strip(),
                     sumber_dana=(sumber_dana or "").strip(), target_maju=target_maju, pagu_maju=pagu_maju)
    if node is not None:
        if _renstra_of_node(node) != renja.renstra_id:
            raise ValidationError({"node": _("%(code)s bukan bagian Renstra yang menjadi acuan Renja ini.") % {
                "code": node.code}})
        line.code, line.name = node.code, node.name
        setattr(line, {Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}[type(node)], node)
    else:
        line.code, line.name = (code or "").strip(), (name or "").strip()
    _check_line(renja, code=line.code, name=line.name, indicator=indicator, target=target, pagu=pagu,
                lokasi=line.lokasi, sumber_dana=line.sumber_dana, target_maju=target_maju, pagu_maju=pagu_maju)
    revision = locks.require_reason(locks.locks_on(renja.office, kind="renja", year=renja.year), reason)
    line.save()
    record(office=renja.office, kind="kinerja.renja.baris.tambah", user=user,
           data={"renja": renja.pk, "tahun": renja.year, **_line_data(line), **revision})
    return line


@transaction.atomic
def renja_line_update(*, user, line: RenjaLine, reason: str = "", **fields) -> RenjaLine:
    """Change a line's code, name, indicator, target, pagu, lokasi, sumber dana or prakiraan maju; each
    change is kept with its old value."""
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise TypeError(f"renja_line_update: unknown fields {sorted(unknown)}")
    line = lock_rows(RenjaLine.objects).select_related("renja__office").get(pk=line.pk)
    renja = line.renja
    _require_planner(user, renja.office)
    for text_field in ("code", "name", "lokasi", "sumber_dana"):
        if text_field in fields:
            fields[text_field] = (fields[text_field] or "").strip()
    changed = apply_changes(line, fields)
    if not changed:
        return line
    _check_line(renja, code=line.code, name=line.name, indicator=line.indicator, target=line.target,
                pagu=line.pagu, exclude_pk=line.pk, lokasi=line.lokasi, sumber_dana=line.sumber_dana,
                target_maju=line.target_maju, pagu_maju=line.pagu_maju)
    revision = locks.require_reason(locks.locks_on(renja.office, kind="renja", year=renja.year), reason)
    line.save()
    record(office=renja.office, kind="kinerja.renja.baris.ubah", user=user,
           data={"renja": renja.pk, "tahun": renja.year, "baris": line.pk, "kode": line.code,
                 "perubahan": changed, **revision})
    return line


@transaction.atomic
def renja_line_delete(*, user, line: RenjaLine, reason: str = "") -> None:
    line = lock_rows(RenjaLine.objects).select_related("renja__office").get(pk=line.pk)
    renja = line.renja
    _require_planner(user, renja.office)
    revision = locks.require_reason(locks.locks_on(renja.office, kind="renja", year=renja.year), reason)
    data = _line_data(line)
    line.delete()
    record(office=renja.office, kind="kinerja.renja.baris.hapus", user=user,
           data={"renja": renja.pk, "tahun": renja.year, **data, **revision})
