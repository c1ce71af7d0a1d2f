"""Building a Renstra's structure in Alur: the Renstra itself, tujuan → sasaran → indicator and
programme → kegiatan → sub-kegiatan with their dotted codes. The planning unit (`can_edit_plan`)
does it while the Renstra is draft; a ditetapkan Renstra is changed by opening a revision first.

Every act is atomic, checks the policy, refuses bad input with an Indonesian message naming the
field (nothing is stored), and appends one entry with the old and new values to the office trail.
A delete is refused while something uses the row (realisations, a signed PK, Renja lines, budget,
children); what belongs to the row alone (its targets and pagu) goes with it and is named in the
trail entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alur.audit import records
from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.org.models import Position, Unit

from .. import policies
from ..changes import apply_changes, trail_value
from ..codes import dotted_code, short_code
from ..models import (
    BudgetLine,
    Indicator,
    IndicatorTarget,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RenjaLine,
    Renstra,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from .renstra import pagu_set

RENSTRA_SPAN = 5  # a Renstra runs from start_year to start_year + 5 (e.g. 2021–2026, as the demo)
NAME_MAX = {"tujuan": None, "sasaran": None, "program": 300, "kegiatan": 300, "subkegiatan": 300, "indicator": 400}
INDICATOR_TEXT = ("definisi", "formula", "sumber_data", "alasan")


# -- shared checks --------------------------------------------------------------------------------------

def _editable(user, renstra: Renstra) -> Renstra:
    """The Renstra locked for the act, after the policy and the draft check."""
    renstra = lock_rows(Renstra.objects).select_related("office").get(pk=renstra.pk)
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang menyusun struktur Renstra."))
    if renstra.status != Renstra.Status.DRAFT:
        raise ValidationError(_("Renstra %(renstra)s sudah ditetapkan; struktur hanya dapat diubah melalui revisi: "
                                "buka revisi Renstra terlebih dahulu.") % {"renstra": renstra})
    return renstra


def _name(value, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({"name": _("%(label)s wajib diisi.") % {"label": label}})
    limit = NAME_MAX.get(field)
    if limit and len(value) > limit:
        raise ValidationError({"name": _("%(label)s paling panjang %(n)s karakter.") % {"label": label, "n": limit}})
    return value


def _unit(unit, office, field: str = "unit") -> Unit:
    if unit is None:
        raise ValidationError({field: _("Pilih unit penanggung jawab.")})
    if not isinstance(unit, Unit) or unit.office_id != office.pk:
        raise ValidationError({field: _("Unit penanggung jawab harus unit dari OPD ini.")})
    return unit


def _taken(renstra: Renstra, model, code: str, exclude_pk=None) -> bool:
    """Whether `code` is already used by a row of `model` in the Renstra (codes are unique per Renstra)."""
    path = {Tujuan: "renstra", Sasaran: "tujuan__renstra", Indicator: "renstra", Program: "renstra",
            Kegiatan: "program__renstra", SubKegiatan: "kegiatan__program__renstra"}[model]
    rows = model.objects.filter(**{path: renstra, "code": code})
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.exists()


def _unique(renstra, model, code, label, exclude_pk=None) -> None:
    if _taken(renstra, model, code, exclude_pk):
        raise ValidationError({"code": _("Kode %(label)s '%(code)s' sudah dipakai dalam Renstra ini.") % {
            "label": label, "code": code}})


def _refuse_if_used(label: str, uses: list[tuple[int, str]]) -> None:
    """Refuse a delete naming every use (count, what)."""
    named = [_("%(n)s %(what)s") % {"n": n, "what": what} for n, what in uses if n]
    if named:
        raise ValidationError(_("%(label)s tidak dapat dihapus karena masih dipakai: %(uses)s. Hapus atau pindahkan "
                                "dulu yang memakainya.") % {"label": label, "uses": ", ".join(named)})


def _signed_pk_years(renstra: Renstra, indicator_ids: set[int] = frozenset(), program_ids: set[int] = frozenset()):
    """Years of the signed PKs whose frozen snapshot names one of the indicators or programmes."""
    years = set()
    for year, snapshot in (PerjanjianKinerja.objects.filter(renstra=renstra, signed_at__isnull=False)
                           .values_list("year", "snapshot")):
        snapshot = snapshot or {}
        if any(item.get("id") in indicator_ids for item in snapshot.get("indicators", [])) or any(
                item.get("id") in program_ids for item in snapshot.get("programs", [])):
            years.add(year)
    return sorted(years)


# -- Renstra -----------------------------------------------------------------------------------------------

@transaction.atomic
def renstra_create(*, user, office, title: str, start_year: int, end_year: int) -> Renstra:
    """A new draft Renstra of `office` for start_year–end_year (a 5-year period such as 2021–2026)."""
    policies.require(policies.can_edit_plan(user, office), _("Hanya unit perencanaan yang menyusun Renstra."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Judul Renstra wajib diisi.")})
    if len(title) > 300:
        raise ValidationError({"title": _("Judul Renstra paling panjang 300 karakter.")})
    for field, label, year in (("start_year", _("Tahun awal"), start_year), ("end_year", _("Tahun akhir"), end_year)):
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise ValidationError({field: _("%(label)s harus tahun antara 2000 dan 2100.") % {"label": label}})
    if end_year - start_year != RENSTRA_SPAN:
        raise ValidationError({"end_year": _("Periode Renstra %(start)s–%(end)s tidak sah: tahun akhir harus tahun "
                                             "awal + %(span)s (mis. 2021–2026).") % {
                                                 "start": start_year, "end": end_year, "span": RENSTRA_SPAN}})
    # Lock the office's Renstras so two planners cannot create overlapping periods at once.
    existing = list(lock_rows(Renstra.objects).filter(office=office).order_by("pk"))
    # The model has no "superseded" state (a change is a revision of the same Renstra), so every
    # existing Renstra of the office counts.
    # The next Renstra may start in the year the previous one ends (its kondisi awal is that year).
    overlapping = [r for r in existing if r.start_year < end_year and start_year < r.end_year]
    if overlapping:
        raise ValidationError({"start_year": _("Periode %(start)s–%(end)s bertumpang tindih dengan %(other)s.") % {
            "start": start_year, "end": end_year, "other": ", ".join(str(r) for r in overlapping)}})
    renstra = Renstra.objects.create(office=office, title=title, start_year=start_year, end_year=end_year)
    record(office=office, kind="kinerja.renstra.buat", user=user,
           data={"renstra": renstra.pk, "judul": title, "tahun_awal": start_year, "tahun_akhir": end_year,
                 "status": {"lama": None, "baru": renstra.status}})
    return renstra


# -- indicators ----------------------------------------------------------------------------------------------

def _decimal(value, field: str, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "."))
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({field: _("%(label)s: '%(value)s' bukan angka.") % {"label": label, "value": value}})
    if abs(number) >= Decimal(10) ** 16:
        raise ValidationError({field: _("%(label)s terlalu besar.") % {"label": label}})
    return number


def _choice(value, choices, field: str, label: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("%(label)s '%(value)s' tidak dikenal (pilihan: %(options)s).") % {
            "label": label, "value": value, "options": ", ".join(choices.values)}})
    return value


def _parent_of(renstra: Renstra, parent) -> dict:
    """The indicator's parent as model fields: a sasaran, programme, kegiatan or sub-kegiatan of the Renstra."""
    owner = {Sasaran: lambda p: p.tujuan.renstra_id, Program: lambda p: p.renstra_id,
             Kegiatan: lambda p: p.program.renstra_id, SubKegiatan: lambda p: p.kegiatan.program.renstra_id}
    field = {Sasaran: "sasaran", Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}
    if type(parent) not in owner or owner[type(parent)](parent) != renstra.pk:
        raise ValidationError({"parent": _("Indikator harus berada di bawah sasaran, program, kegiatan atau "
                                           "sub-kegiatan dari Renstra ini.")})
    return {name: (parent if name == field[type(parent)] else None) for name in field.values()}


@transaction.atomic
def indicator_create(*, user, parent, code: str, name: str, satuan: str, unit: Unit, position: Position | None = None,
                     definisi: str = "", formula: str = "", kind: str = Indicator.Kind.PERSENTASE,
                     sumber_data: str = "", polarity: str = Indicator.PolarityChoice.NAIK,
                     turun_formula: str = Indicator.TurunFormulaChoice.SELISIH, band_low=None, band_high=None,
                     band_falloff=None, aggregation: str = Indicator.AggregationChoice.KUMULATIF,
                     is_iku: bool = False, baseline=None, targets: dict | None = None, national_standard=None,
                     national_standard_source: str = "", alasan: str = "") -> Indicator:
    """An indicator of a sasaran (or of a programme, kegiatan or sub-kegiatan) with its definition,
    the capaian settings, the baseline (kondisi awal) and the target of each Renstra year given in
    `targets` ({year: value}); the penanggung jawab is a unit (and optionally a position) of the office."""
    renstra_id = {Sasaran: lambda p: p.tujuan.renstra_id, Program: lambda p: p.renstra_id,
                  Kegiatan: lambda p: p.program.renstra_id,
                  SubKegiatan: lambda p: p.kegiatan.program.renstra_id}.get(type(parent))
    if renstra_id is None:
        raise ValidationError({"parent": _("Indikator harus berada di bawah sasaran, program, kegiatan atau "
                                           "sub-kegiatan.")})
    renstra = _editable(user, Renstra(pk=renstra_id(parent)))
    parents = _parent_of(renstra, parent)
    code = short_code(code, _("indikator"), max_length=40)
    name = _name(name, "indicator", _("Nama indikator"))
    satuan = (satuan or "").strip()
    if not satuan:
        raise ValidationError({"satuan": _("Satuan indikator wajib diisi.")})
    if len(satuan) > 60:
        raise ValidationError({"satuan": _("Satuan paling panjang 60 karakter.")})
    unit = _unit(unit, renstra.office)
    if position is not None and (not isinstance(position, Position) or position.office_id != renstra.office_id):
        raise ValidationError({"position": _("Jabatan penanggung jawab harus jabatan dari OPD ini.")})
    if position is not None and position.unit_id != unit.pk:
        raise ValidationError({"position": _("Jabatan %(position)s tidak berada di unit %(unit)s.") % {
            "position": position.name, "unit": unit.name}})
    kind = _choice(kind, Indicator.Kind, "kind", _("Jenis formula"))
    polarity = _choice(polarity, Indicator.PolarityChoice, "polarity", _("Polaritas"))
    turun_formula = _choice(turun_formula, Indicator.TurunFormulaChoice, "turun_formula",
                            _("Rumus capaian turun baik"))
    aggregation = _choice(aggregation, Indicator.AggregationChoice, "aggregation", _("Agregasi tahunan"))
    band_low = _decimal(band_low, "band_low", _("Rentang: batas bawah"))
    band_high = _decimal(band_high, "band_high", _("Rentang: batas atas"))
    band_falloff = _decimal(band_falloff, "band_falloff", _("Rentang: pengurangan per satuan"))
    if polarity == Indicator.PolarityChoice.RENTANG:
        if band_low is None or band_high is None:
            raise ValidationError({"band_low": _("Indikator rentang memerlukan batas bawah dan batas atas.")})
        if band_low > band_high:
            raise ValidationError({"band_high": _("Rentang: batas atas harus ≥ batas bawah.")})
    baseline = _decimal(baseline, "baseline", _("Kondisi awal"))
    national_standard = _decimal(national_standard, "national_standard", _("Standar nasional"))
    national_standard_source = (national_standard_source or "").strip()
    if len(national_standard_source) > 200:
        raise ValidationError({"national_standard_source": _("Sumber standar nasional paling panjang 200 karakter.")})
    year_values = {}
    for year, value in (targets or {}).items():
        if year not in renstra.years:
            raise ValidationError({"targets": _("Target tahun %(year)s di luar periode Renstra %(start)s–%(end)s.") % {
                "year": year, "start": renstra.start_year, "end": renstra.end_year}})
        year_values[year] = _decimal(value, "targets", _("Target %(year)s") % {"year": year})
    texts = {field: (value or "").strip() for field, value in
             (("definisi", definisi), ("formula", formula), ("sumber_data", sumber_data), ("alasan", alasan))}
    if len(texts["sumber_data"]) > 300:
        raise ValidationError({"sumber_data": _("Sumber data paling panjang 300 karakter.")})
    _unique(renstra, Indicator, code, _("indikator"))
    last = Indicator.objects.filter(renstra=renstra).order_by("-order").values_list("order", flat=True).first()
    indicator = Indicator(
        renstra=renstra, **parents, code=code, name=name, satuan=satuan, unit=unit, position=position,
        kind=kind, polarity=polarity, turun_formula=turun_formula, band_low=band_low, band_high=band_high,
        band_falloff=band_falloff, aggregation=aggregation, is_iku=bool(is_iku), baseline=baseline,
        national_standard=national_standard, national_standard_source=national_standard_source,
        order=(last or 0) + 1, **texts)
    indicator.full_clean(validate_unique=False, validate_constraints=False)
    indicator.save()
    IndicatorTarget.objects.bulk_create([IndicatorTarget(indicator=indicator, year=year, value=value)
                                         for year, value in sorted(year_values.items()) if value is not None])
    # bulk_create sends no post_save: the targets are noted for the trail entry below by hand
    records.note(IndicatorTarget, IndicatorTarget.objects.filter(indicator=indicator).values_list("pk", flat=True))
    new = {field: trail_value(getattr(indicator, field)) for field in (
        "code", "name", "satuan", "unit", "position", "kind", "polarity", "turun_formula", "band_low", "band_high",
        "band_falloff", "aggregation", "is_iku", "baseline", "national_standard", "national_standard_source",
        "sasaran", "program", "kegiatan", "sub_kegiatan", *INDICATOR_TEXT)}
    record(office=renstra.office, kind="kinerja.indikator.buat", user=user,
           data={"renstra": renstra.pk, "indikator": indicator.pk, "baru": new,
                 "target": {str(y): trail_value(v) for y, v in sorted(year_values.items()) if v is not None}})
    return indicator


@transaction.atomic
def indicator_delete(*, user, indicator: Indicator) -> None:
    """Delete an indicator not yet used: no realisation, no Renja line, not in a signed PK."""
    indicator = lock_rows(Indicator.objects).get(pk=indicator.pk)
    renstra = _editable(user, indicator.renstra)
    pk_years = _signed_pk_years(renstra, indicator_ids={indicator.pk})
    _refuse_if_used(_("Indikator %(code)s") % {"code": indicator.code}, [
        (Realisasi.objects.filter(indicator=indicator).count(), _("realisasi")),
        (RenjaLine.objects.filter(indicator=indicator).count(), _("baris Renja")),
        (len(pk_years), _("PK yang ditandatangani (%(years)s)") % {"years": ", ".join(map(str, pk_years))}),
    ])
    targets = {str(t.year): trail_value(t.value) for t in indicator.targets.all()}
    data = {"renstra": renstra.pk, "indikator": indicator.pk,
            "lama": {"kode": indicator.code, "nama": indicator.name, "satuan": indicator.satuan,
                     "sasaran": indicator.sasaran_id, "program": indicator.program_id,
                     "kegiatan": indicator.kegiatan_id, "sub_kegiatan": indicator.sub_kegiatan_id,
                     "kondisi_awal": trail_value(indicator.baseline), "target": targets}}
    indicator.delete()
    record(office=renstra.office, kind="kinerja.indikator.hapus", user=user, data=data)


# -- the five levels under a Renstra: tujuan, sasaran, programme, kegiatan, sub-kegiatan ------------------------

def _tujuan_of(renstra: Renstra, tujuan) -> Tujuan:
    if not isinstance(tujuan, Tujuan) or tujuan.renstra_id != renstra.pk:
        raise ValidationError({"tujuan": _("Pilih tujuan dari Renstra ini.")})
    return tujuan


def _sasaran_of(renstra: Renstra, sasaran) -> Sasaran | None:
    if sasaran is None:
        return None
    if not isinstance(sasaran, Sasaran) or sasaran.tujuan.renstra_id != renstra.pk:
        raise ValidationError({"sasaran": _("Pilih sasaran dari Renstra ini.")})
    return sasaran


def _pagu_of(node) -> dict:
    return {str(p.year): trail_value(p.amount) for p in node.pagu.all()}


def _pk_use(renstra: Renstra, program_ids=frozenset()) -> tuple[int, str]:
    years = _signed_pk_years(renstra, program_ids=program_ids)
    return len(years), _("PK yang ditandatangani (%(years)s)") % {"years": ", ".join(map(str, years))}


@dataclass(frozen=True)
class Level:
    """What one level of the Renstra's tree has of its own; `_create`, `_update` and `_delete` do the
    rest the same way for all five (policy, draft check, code and name checks, locks, trail)."""

    kind: str  # the trail kinds kinerja.<kind>.buat / .ubah / .hapus, and NAME_MAX's key
    model: type
    key: str  # the row's id in the trail entry
    label: str  # the level in code messages ("Kode tujuan … sudah dipakai")
    name_label: str
    title: str  # the row in a refused delete ("Tujuan T1 tidak dapat dihapus …")
    renstra: str  # the path from a row to its Renstra
    parent: str | None = None  # the field naming the parent row; None: right under the Renstra
    parent_related: tuple = ()  # read with the parent (create)
    related: tuple = ()  # read with the locked row (update, delete)
    dotted: bool = False  # a programme's dotted code, or its parent's code, a dot and numbers
    fields: tuple = ()  # further fields: "unit" (of the office), "sasaran" (of the Renstra)
    pagu: bool = False  # its pagu indikatif goes with it, named in the delete's entry
    children: str | None = None  # whose codes must keep starting with this row's code
    orphans: str = ""  # the refusal when they would not
    uses: Callable = lambda row, renstra: []  # what refuses a delete: [(count, what)]
    moves: Callable | None = None  # an update's further fields from its keyword arguments

    def renstra_of(self, row) -> Renstra:
        for attribute in self.renstra.split("."):
            row = getattr(row, attribute)
        return row


LEVELS = {level.kind: level for level in (
    Level("tujuan", Tujuan, "tujuan", gettext_lazy("tujuan"), gettext_lazy("Nama tujuan"),
          gettext_lazy("Tujuan %(code)s"), "renstra",
          uses=lambda row, renstra: [(row.sasaran.count(), _("sasaran"))]),
    Level("sasaran", Sasaran, "sasaran", gettext_lazy("sasaran"), gettext_lazy("Nama sasaran"),
          gettext_lazy("Sasaran %(code)s"), "tujuan.renstra", parent="tujuan", parent_related=("renstra",),
          related=("tujuan",),
          uses=lambda row, renstra: [(row.indicators.count(), _("indikator")),
                                     (row.programs.count(), _("program yang mendukungnya"))],
          moves=lambda row, renstra, tujuan=None: {
              "tujuan": _tujuan_of(renstra, tujuan) if tujuan is not None else row.tujuan}),
    Level("program", Program, "program", gettext_lazy("program"), gettext_lazy("Nama program"),
          gettext_lazy("Program %(code)s"), "renstra", dotted=True, fields=("unit", "sasaran"), pagu=True,
          children="kegiatan", orphans=gettext_lazy(
              "Kode program '%(code)s' tidak lagi mengawali kode kegiatannya (%(list)s); ubah kode kegiatan itu "
              "lebih dulu."),
          uses=lambda row, renstra: [
              (row.kegiatan.count(), _("kegiatan")), (row.indicators.count(), _("indikator")),
              (RenjaLine.objects.filter(program=row).count(), _("baris Renja")),
              (BudgetLine.objects.filter(program=row).count(), _("baris anggaran")),
              _pk_use(renstra, program_ids={row.pk})]),
    Level("kegiatan", Kegiatan, "kegiatan", gettext_lazy("kegiatan"), gettext_lazy("Nama kegiatan"),
          gettext_lazy("Kegiatan %(code)s"), "program.renstra", parent="program", related=("program",),
          dotted=True, fields=("unit",), pagu=True, children="sub_kegiatan", orphans=gettext_lazy(
              "Kode kegiatan '%(code)s' tidak lagi mengawali kode sub-kegiatannya (%(list)s); ubah kode "
              "sub-kegiatan itu lebih dulu."),
          uses=lambda row, renstra: [
              (row.sub_kegiatan.count(), _("sub-kegiatan")), (row.indicators.count(), _("indikator")),
              (RenjaLine.objects.filter(kegiatan=row).count(), _("baris Renja")),
              (BudgetLine.objects.filter(kegiatan=row).count(), _("baris anggaran"))]),
    Level("subkegiatan", SubKegiatan, "sub_kegiatan", gettext_lazy("sub-kegiatan"),
          gettext_lazy("Nama sub-kegiatan"), gettext_lazy("Sub-kegiatan %(code)s"), "kegiatan.program.renstra",
          parent="kegiatan", parent_related=("program",), related=("kegiatan__program",), dotted=True,
          fields=("unit",), pagu=True,
          uses=lambda row, renstra: [(row.indicators.count(), _("indikator")),
                                     (RenjaLine.objects.filter(sub_kegiatan=row).count(), _("baris Renja"))]),
)}
LEVELS_BY_MODEL = {level.model: level for level in LEVELS.values()}


def _read(queryset, related: tuple):
    return queryset.select_related(*related) if related else queryset  # select_related() alone follows every key


def _checked(level: Level, renstra: Renstra, parent, code: str, name: str, fields: dict) -> tuple[str, str, dict]:
    """The code, the name and the further fields, checked in that order (the first refusal is shown)."""
    if level.dotted:
        code = dotted_code(code, level.label, parent_code=parent.code if level.parent else None)
    else:
        code = short_code(code, level.label)
    name = _name(name, level.kind, level.name_label)
    checks = {"unit": lambda unit: _unit(unit, renstra.office), "sasaran": lambda s: _sasaran_of(renstra, s)}
    return code, name, {field: checks[field](fields.get(field)) for field in level.fields}


@transaction.atomic
def _create(level: Level, *, user, parent, code: str, name: str, **fields):
    """A new row under `parent` (the Renstra itself for a tujuan or a programme)."""
    if level.parent is None:
        renstra = _editable(user, parent)
    else:
        parent = _read(level.model._meta.get_field(level.parent).related_model.objects,
                       level.parent_related).get(pk=parent.pk)
        renstra = _editable(user, LEVELS_BY_MODEL[type(parent)].renstra_of(parent))
    code, name, extra = _checked(level, renstra, parent, code, name, fields)
    _unique(renstra, level.model, code, level.label)
    owner = {level.parent: parent} if level.parent else {"renstra": renstra}
    row = level.model.objects.create(**owner, code=code, name=name, **extra)
    new = {level.parent: parent.pk} if level.parent else {}
    new.update({"kode": code, "nama": name, **{field: trail_value(value) for field, value in extra.items()}})
    record(office=renstra.office, kind=f"kinerja.{level.kind}.buat", user=user,
           data={"renstra": renstra.pk, level.key: row.pk, "baru": new})
    return row


@transaction.atomic
def _update(level: Level, *, user, row, code: str, name: str, **fields):
    row = _read(lock_rows(level.model.objects), level.related).get(pk=row.pk)
    renstra = _editable(user, level.renstra_of(row))
    parent = getattr(row, level.parent) if level.parent else None
    code, name, extra = _checked(level, renstra, parent, code, name, fields)
    if level.moves is not None:
        extra.update(level.moves(row, renstra, **fields))
    _unique(renstra, level.model, code, level.label, exclude_pk=row.pk)
    if level.children:
        orphans = [c.code for c in getattr(row, level.children).all() if not c.code.startswith(code + ".")]
        if orphans:
            raise ValidationError({"code": level.orphans % {"code": code, "list": ", ".join(orphans)}})
    changed = apply_changes(row, {"code": code, "name": name, **extra})
    if changed:
        row.save()
        record(office=renstra.office, kind=f"kinerja.{level.kind}.ubah", user=user,
               data={"renstra": renstra.pk, level.key: row.pk, "perubahan": changed})
    return row


@transaction.atomic
def _delete(level: Level, *, user, row) -> None:
    row = _read(lock_rows(level.model.objects), level.related).get(pk=row.pk)
    renstra = _editable(user, level.renstra_of(row))
    _refuse_if_used(level.title % {"code": row.code}, level.uses(row, renstra))
    old = {level.parent: getattr(row, f"{level.parent}_id")} if level.parent else {}
    old.update({"kode": row.code, "nama": row.name, **{field: getattr(row, f"{field}_id") for field in level.fields}})
    if level.pagu:
        old["pagu"] = _pagu_of(row)
    data = {"renstra": renstra.pk, level.key: row.pk, "lama": old}
    row.delete()
    record(office=renstra.office, kind=f"kinerja.{level.kind}.hapus", user=user, data=data)


# The public acts, one per level and verb (views, imports and the policy-coverage test name them).

def tujuan_create(*, user, renstra: Renstra, code: str, name: str) -> Tujuan:
    return _create(LEVELS["tujuan"], user=user, parent=renstra, code=code, name=name)


def tujuan_update(*, user, tujuan: Tujuan, code: str, name: str) -> Tujuan:
    return _update(LEVELS["tujuan"], user=user, row=tujuan, code=code, name=name)


def tujuan_delete(*, user, tujuan: Tujuan) -> None:
    _delete(LEVELS["tujuan"], user=user, row=tujuan)


def sasaran_create(*, user, tujuan: Tujuan, code: str, name: str) -> Sasaran:
    return _create(LEVELS["sasaran"], user=user, parent=tujuan, code=code, name=name)


def sasaran_update(*, user, sasaran: Sasaran, code: str, name: str, tujuan: Tujuan | None = None) -> Sasaran:
    """Rename or recode a sasaran; `tujuan` moves it under another tujuan of the same Renstra."""
    return _update(LEVELS["sasaran"], user=user, row=sasaran, code=code, name=name, tujuan=tujuan)


def sasaran_delete(*, user, sasaran: Sasaran) -> None:
    _delete(LEVELS["sasaran"], user=user, row=sasaran)


def program_create(*, user, renstra: Renstra, code: str, name: str, unit: Unit, sasaran: Sasaran | None = None
                   ) -> Program:
    return _create(LEVELS["program"], user=user, parent=renstra, code=code, name=name, unit=unit, sasaran=sasaran)


def program_update(*, user, program: Program, code: str, name: str, unit: Unit, sasaran: Sasaran | None = None
                   ) -> Program:
    """Change a programme; a new code must still prefix its kegiatan's codes (recode them first)."""
    return _update(LEVELS["program"], user=user, row=program, code=code, name=name, unit=unit, sasaran=sasaran)


def program_delete(*, user, program: Program) -> None:
    _delete(LEVELS["program"], user=user, row=program)


def kegiatan_create(*, user, program: Program, code: str, name: str, unit: Unit) -> Kegiatan:
    return _create(LEVELS["kegiatan"], user=user, parent=program, code=code, name=name, unit=unit)


def kegiatan_update(*, user, kegiatan: Kegiatan, code: str, name: str, unit: Unit) -> Kegiatan:
    return _update(LEVELS["kegiatan"], user=user, row=kegiatan, code=code, name=name, unit=unit)


def kegiatan_delete(*, user, kegiatan: Kegiatan) -> None:
    _delete(LEVELS["kegiatan"], user=user, row=kegiatan)


def subkegiatan_create(*, user, kegiatan: Kegiatan, code: str, name: str, unit: Unit) -> SubKegiatan:
    return _create(LEVELS["subkegiatan"], user=user, parent=kegiatan, code=code, name=name, unit=unit)


def subkegiatan_update(*, user, sub_kegiatan: SubKegiatan, code: str, name: str, unit: Unit) -> SubKegiatan:
    return _update(LEVELS["subkegiatan"], user=user, row=sub_kegiatan, code=code, name=name, unit=unit)


def subkegiatan_delete(*, user, sub_kegiatan: SubKegiatan) -> None:
    _delete(LEVELS["subkegiatan"], user=user, row=sub_kegiatan)


# -- rows created by a spreadsheet import ------------------------------------------------------------------------

@transaction.atomic
def import_creations(*, user, renstra: Renstra, creations) -> dict:
    """Create the rows an import's dry run listed as "akan dibuat" (`imports.Creation`, parents
    first), each through its service above; pagu of new lines through `pagu_set`. A refusal names
    the file's row and undoes the whole import. Returns {(kind, code): row}."""
    renstra = _editable(user, renstra)
    made = {("tujuan", t.code): t for t in Tujuan.objects.filter(renstra=renstra)}
    made.update({("sasaran", s.code): s for s in Sasaran.objects.filter(tujuan__renstra=renstra)})
    made.update({("program", p.code): p for p in Program.objects.filter(renstra=renstra)})
    made.update({("kegiatan", k.code): k for k in Kegiatan.objects.filter(program__renstra=renstra)})
    parent_kind = {"sasaran": "tujuan", "indikator": "sasaran", "kegiatan": "program", "subkegiatan": "kegiatan"}
    for creation in creations:
        fields = dict(creation.fields)
        parent = made.get((parent_kind.get(creation.kind), creation.parent))
        try:
            if creation.kind == "tujuan":
                row = tujuan_create(user=user, renstra=renstra, code=creation.code, name=creation.name)
            elif creation.kind == "sasaran":
                row = sasaran_create(user=user, tujuan=parent, code=creation.code, name=creation.name)
            elif creation.kind == "indikator":
                row = indicator_create(user=user, parent=parent, code=creation.code, name=creation.name, **fields)
            else:
                pagu = fields.pop("pagu", {})
                named = {"code": creation.code, "name": creation.name, **fields}
                if creation.kind == "program":
                    row = program_create(user=user, renstra=renstra, **named)
                elif creation.kind == "kegiatan":
                    row = kegiatan_create(user=user, program=parent, **named)
                else:
                    row = subkegiatan_create(user=user, kegiatan=parent, **named)
                for year, amount in sorted(pagu.items()):
                    pagu_set(user=user, node=row, year=year, amount=amount)
        except ValidationError as error:
            raise ValidationError(_("Baris %(row)s, kode %(code)s: %(message)s") % {
                "row": creation.row, "code": creation.code, "message": " ".join(error.messages)}) from error
        made[(creation.kind, creation.code)] = row
    return made
