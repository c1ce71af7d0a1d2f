"""Reading the plan and realisation XLSX files (the layouts `spreadsheets` writes) into a list of
changes and of rows to create, or Indonesian errors naming sheet, row and column. Pure reading:
nothing is stored here (the import services apply the result, all or nothing).

Rows are matched by their code within the Renstra, never by name. An empty cell means "no change",
so a template filled in part only touches what was typed; re-importing a file whose values are
already stored yields no change. While the Renstra is draft, a row with a new code creates the
tujuan/sasaran/indicator (or programme/kegiatan/sub-kegiatan) it describes; on a ditetapkan
Renstra a new code is an error (a revision must be opened first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

from alur.core.errors import ValidationError as CoreValidationError
from alur.core.kinerja import format_decimal, to_decimal_or_none
from alur.files import xlsx
from alur.org.models import Position, Unit

from .codes import dotted_code, short_code
from .models import Indicator, IndicatorTarget, Realisasi, Renstra, Sasaran, Tujuan
from .periods import in_force
from .policies import can_enter_realisasi
from .spreadsheets import (
    INDICATOR_SHEET,
    LEVELS,
    PROGRAM_NEW_COLUMNS,
    PROGRAM_SHEET,
    REALISASI_SHEET,
    RENSTRA_NEW_COLUMNS,
    program_headers,
    program_lines,
    realisasi_headers,
    renstra_headers,
)

MAX_ROWS = 5000
YES, NO = {"ya", "y", "iku", "1", "true"}, {"tidak", "t", "bukan", "0", "false", ""}


def _show(value) -> str:
    return format_decimal(value) if value is None or isinstance(value, Decimal) else f"'{value}'"


@dataclass(frozen=True)
class Change:
    indicator: Indicator
    column: str
    year: int | None  # None: the baseline (kondisi awal)
    old: Decimal | str | None
    new: Decimal | str
    field: str = ""  # the model field a realisation change sets

    def describe(self) -> str:
        return f"{self.indicator.code} {self.column}: {_show(self.old)} → {_show(self.new)}"


@dataclass(frozen=True)
class Creation:
    """A row to create: `level` is Tujuan, Sasaran, Indikator, Program, Kegiatan or Sub-kegiatan;
    `parent` the code of the row it goes under; `fields` the rest of what the service takes."""

    level: str
    code: str
    name: str
    row: int
    parent: str | None = None
    fields: dict = field(default_factory=dict)
    kind: str = ""  # tujuan, sasaran, indikator, program, kegiatan, subkegiatan (the service to call)

    def describe(self) -> str:
        text = f"{self.level} {self.code}: {self.name}"
        return text + (_(" (di bawah %(parent)s)") % {"parent": self.parent} if self.parent else "")


@dataclass
class Parsed:
    changes: list[Change]
    errors: list[str]
    creations: list[Creation] = field(default_factory=list)


@dataclass
class Sheet:
    """An uploaded sheet whose header row holds the needed columns: its data rows, numbered as Excel does.
    Optional columns missing from the header read as empty cells."""
    name: str
    column: dict[str, int]
    rows: list[tuple[int, list]]

    def cell(self, values: list, name: str):
        return values[self.column[name]] if name in self.column else None

    def text(self, values: list, name: str) -> str:
        value = self.cell(values, name)
        return "" if value is None else str(value).strip()

    def where(self, number: int, name: str) -> str:
        return _("Sheet %(sheet)s, baris %(row)s, kolom %(column)s") % {"sheet": self.name, "row": number,
                                                                         "column": name}


def open_sheet(data: bytes, name: str, needed: list[str], layout: list[str], optional=()) -> Sheet | Parsed:
    """The sheet `name` of an XLSX, or a Parsed carrying the one error that stops reading it. The file
    is measured before openpyxl reads it (alur/files/xlsx.py), which refuses more than MAX_ROWS data rows."""
    try:
        table = xlsx.read_sheet(data, name, max_rows=MAX_ROWS)
    except xlsx.XlsxRefused as refused:
        return Parsed([], [refused.message])
    header = table.header
    missing = [column for column in needed if column not in header]
    if missing:
        return Parsed([], [_("Sheet %(sheet)s, baris 1: kolom %(columns)s tidak ada (tata letak yang diharapkan: "
                             "%(layout)s).") % {"sheet": name, "columns": ", ".join(missing),
                                                "layout": ", ".join(layout)}])
    columns = {column: header.index(column) for column in [*needed, *optional] if column in header}
    return Sheet(name=name, column=columns, rows=table.rows)


def read_code(sheet: Sheet, number: int, values: list, seen: dict, errors: list, noun: str | None = None
              ) -> str | None:
    """The row's Kode, or None after naming an empty or repeated code in `errors`."""
    noun = noun or _("indikator")
    code = sheet.text(values, "Kode")
    if not code:
        errors.append(_("%(where)s: kode %(noun)s kosong.") % {"where": sheet.where(number, "Kode"), "noun": noun})
        return None
    if code in seen:
        errors.append(_("%(where)s: %(noun)s '%(code)s' sudah ada di baris %(first)s (baris ganda).") % {
            "where": sheet.where(number, "Kode"), "noun": noun, "code": code, "first": seen[code]})
        return None
    seen[code] = number
    return code


def read_number(sheet: Sheet, number: int, values: list, name: str, errors: list):
    """(ok, Decimal or None): a cell that is not a number is named in `errors`."""
    try:
        return True, to_decimal_or_none(sheet.cell(values, name))
    except CoreValidationError as error:
        errors.append(_("%(where)s: %(message)s") % {"where": sheet.where(number, name), "message": error.message})
        return False, None


def _refused_new_code(sheet: Sheet, number: int, code: str) -> str:
    return _("%(where)s: Renstra sudah ditetapkan: kode baru '%(code)s' tidak dapat ditambahkan; buka revisi.") % {
        "where": sheet.where(number, "Kode"), "code": code}


def _check(errors: list, where: str, check, *args):
    """Run one of the structure services' input checks; its message goes to `errors` with `where`."""
    try:
        return check(*args)
    except DjangoValidationError as error:
        errors.append(_("%(where)s: %(message)s") % {"where": where, "message": " ".join(error.messages)})
        return None


def _required(sheet, number, values, column, errors, code) -> str | None:
    text = sheet.text(values, column)
    if not text:
        errors.append(_("%(where)s: wajib diisi untuk kode baru '%(code)s'.") % {
            "where": sheet.where(number, column), "code": code})
        return None
    return text


def _unit_named(sheet, number, values, units: dict, errors, code) -> Unit | None:
    name = _required(sheet, number, values, "Unit penanggung jawab", errors, code)
    if name is None:
        return None
    unit = units.get(name.casefold())
    if unit is None:
        errors.append(_("%(where)s: unit '%(name)s' tidak ada di OPD ini.") % {
            "where": sheet.where(number, "Unit penanggung jawab"), "name": name})
    return unit


def _choice(sheet, number, values, column, choices, default, errors) -> str | None:
    """A choice written as its value ("naik") or its label ("Naik baik …"), case-insensitive."""
    text = sheet.text(values, column)
    if not text:
        return default
    for value, label in choices.choices:
        if text.casefold() in (value.casefold(), str(label).casefold()) or str(label).casefold().startswith(
                text.casefold() + " "):
            return value
    errors.append(_("%(where)s: '%(text)s' bukan pilihan yang dikenal (pilihan: %(options)s).") % {
        "where": sheet.where(number, column), "text": text, "options": ", ".join(choices.values)})
    return None


# -- the Renstra matrix: tujuan → sasaran → indicator with baseline and yearly targets -----------------------

@dataclass
class _Tree:
    """What the Renstra already holds and what the file adds, by code."""
    tujuan: dict
    sasaran: dict
    new_tujuan: dict = field(default_factory=dict)  # code -> Creation
    new_sasaran: dict = field(default_factory=dict)


def _sasaran_for(sheet, number, values, tree: _Tree, errors, creations, code) -> str | None:
    """The code of the row's sasaran: an existing one, or one this file creates (with its tujuan)."""
    s_code = _required(sheet, number, values, "Kode sasaran", errors, code)
    if s_code is None or s_code in tree.sasaran:
        return s_code
    if s_code in tree.new_sasaran:
        return s_code
    where = sheet.where(number, "Kode sasaran")
    if _check(errors, where, short_code, s_code, _("sasaran")) is None:
        return None
    s_name = _required(sheet, number, values, "Sasaran", errors, s_code)
    t_code = _required(sheet, number, values, "Kode tujuan", errors, s_code)
    if s_name is None or t_code is None:
        return None
    if t_code not in tree.tujuan and t_code not in tree.new_tujuan:
        if _check(errors, sheet.where(number, "Kode tujuan"), short_code, t_code, _("tujuan")) is None:
            return None
        t_name = _required(sheet, number, values, "Tujuan", errors, t_code)
        if t_name is None:
            return None
        tree.new_tujuan[t_code] = Creation(level=_("Tujuan"), code=t_code, name=t_name, row=number,
                                             kind="tujuan")
        creations.append(tree.new_tujuan[t_code])
    tree.new_sasaran[s_code] = Creation(level=_("Sasaran"), code=s_code, name=s_name, row=number, parent=t_code,
                                          kind="sasaran")
    creations.append(tree.new_sasaran[s_code])
    return s_code


def _new_indicator(renstra, sheet, number, values, code, tree, lookups, errors, creations) -> None:
    before = len(errors)
    if _check(errors, sheet.where(number, "Kode"), short_code, code, _("indikator"), 40) is None:
        return
    s_code = _sasaran_for(sheet, number, values, tree, errors, creations, code)
    name = _required(sheet, number, values, "Indikator", errors, code)
    satuan = _required(sheet, number, values, "Satuan", errors, code)
    unit = _unit_named(sheet, number, values, lookups["units"], errors, code)
    position = None
    position_name = sheet.text(values, "Jabatan penanggung jawab")
    if position_name:
        position = lookups["positions"].get(position_name.casefold())
        if position is None or (unit is not None and position.unit_id != unit.pk):
            errors.append(_("%(where)s: jabatan '%(name)s' tidak ada di unit penanggung jawab.") % {
                "where": sheet.where(number, "Jabatan penanggung jawab"), "name": position_name})
    kind = _choice(sheet, number, values, "Jenis formula", Indicator.Kind, Indicator.Kind.PERSENTASE, errors)
    polarity = _choice(sheet, number, values, "Polaritas", Indicator.PolarityChoice, Indicator.PolarityChoice.NAIK,
                       errors)
    aggregation = _choice(sheet, number, values, "Agregasi", Indicator.AggregationChoice,
                          Indicator.AggregationChoice.KUMULATIF, errors)
    iku = sheet.text(values, "IKU").casefold()
    if iku not in YES | NO:
        errors.append(_("%(where)s: isi 'ya' atau 'tidak'.") % {"where": sheet.where(number, "IKU")})
    numbers = {}
    for column in ("Kondisi awal", "Rentang bawah", "Rentang atas", *[f"Target {y}" for y in renstra.years]):
        numbers[column] = read_number(sheet, number, values, column, errors)[1]
    if polarity == Indicator.PolarityChoice.RENTANG and None in (numbers["Rentang bawah"], numbers["Rentang atas"]):
        errors.append(_("%(where)s: indikator rentang memerlukan Rentang bawah dan Rentang atas.") % {
            "where": sheet.where(number, "Polaritas")})
    if len(errors) > before:
        return
    fields = {"satuan": satuan, "unit": unit, "position": position, "kind": kind, "polarity": polarity,
              "aggregation": aggregation, "is_iku": iku in YES, "baseline": numbers["Kondisi awal"],
              "band_low": numbers["Rentang bawah"], "band_high": numbers["Rentang atas"],
              "definisi": sheet.text(values, "Definisi operasional"), "formula": sheet.text(values, "Formula"),
              "sumber_data": sheet.text(values, "Sumber data"),
              "targets": {y: numbers[f"Target {y}"] for y in renstra.years if numbers[f"Target {y}"] is not None}}
    creations.append(Creation(level=_("Indikator"), code=code, name=name, row=number, parent=s_code, fields=fields,
                              kind="indikator"))


def parse_renstra_matrix(renstra, data: bytes) -> Parsed:
    needed = ["Kode", "Kondisi awal", *[f"Target {y}" for y in renstra.years]]
    optional = ["Kode sasaran", "Sasaran", "Indikator", "Satuan", *RENSTRA_NEW_COLUMNS]
    sheet = open_sheet(data, INDICATOR_SHEET, needed, renstra_headers(renstra), optional=optional)
    if isinstance(sheet, Parsed):
        return sheet
    indicators = {i.code: i for i in Indicator.objects.filter(renstra=renstra)}
    annual = {(t.indicator_id, t.year): t.value for t in IndicatorTarget.objects.filter(indicator__renstra=renstra)}
    draft = renstra.status == Renstra.Status.DRAFT
    tree = _Tree(tujuan={t.code: t for t in Tujuan.objects.filter(renstra=renstra)},
                 sasaran={s.code: s for s in Sasaran.objects.filter(tujuan__renstra=renstra)})
    lookups = {"units": {u.name.casefold(): u for u in Unit.objects.filter(office_id=renstra.office_id)},
               "positions": {p.name.casefold(): p for p in Position.objects.filter(office_id=renstra.office_id)}}
    changes, errors, seen, creations = [], [], {}, []
    for number, values in sheet.rows:
        code = read_code(sheet, number, values, seen, errors)
        if code is None:
            continue
        indicator = indicators.get(code)
        if indicator is None:
            if draft:
                _new_indicator(renstra, sheet, number, values, code, tree, lookups, errors, creations)
            else:
                errors.append(_refused_new_code(sheet, number, code))
            continue
        for name in needed[1:]:
            ok, new = read_number(sheet, number, values, name, errors)
            if not ok or new is None:
                continue
            year = None if name == "Kondisi awal" else int(name.removeprefix("Target "))
            old = indicator.baseline if year is None else annual.get((indicator.pk, year))
            if old is None or old != new:
                changes.append(Change(indicator=indicator, column=name, year=year, old=old, new=new))
    return Parsed(changes, errors, creations)


# -- quarterly realisations -------------------------------------------------------------------------------

REALISASI_TEXT = {"Faktor pendorong": "faktor_pendorong", "Faktor penghambat": "faktor_penghambat",
                  "Langkah perbaikan": "langkah_perbaikan"}


def parse_realisasi(*, user, office, year: int, triwulan: int, data: bytes, day=None) -> Parsed:
    """The realisations of one period typed into `spreadsheets.realisasi_template`. A row may only
    name an indicator `user` may enter now (policies.can_enter_realisasi: its own unit, draft or sent
    back); an empty cell leaves the stored value as it is."""
    needed = ["Kode", "Tahun", "Triwulan", "Realisasi", *REALISASI_TEXT]
    sheet = open_sheet(data, REALISASI_SHEET, needed, realisasi_headers())
    if isinstance(sheet, Parsed):
        return sheet
    # Only the plan in force for the year: a draft (or the next plan sharing the transition year)
    # may reuse the same codes.
    indicators = {i.code: i for i in Indicator.objects.filter(renstra=in_force(office, year))
                  .select_related("renstra__office")}
    existing = {r.indicator_id: r for r in Realisasi.objects.filter(indicator__in=indicators.values(), year=year,
                                                                    triwulan=triwulan)}
    column = f"TW {triwulan} {year}"
    changes, errors, seen = [], [], {}
    for number, values in sheet.rows:
        code = read_code(sheet, number, values, seen, errors)
        if code is None:
            continue
        period_ok = True
        for name, expected in (("Tahun", year), ("Triwulan", triwulan)):
            ok, given = read_number(sheet, number, values, name, errors)
            if ok and given != expected:
                errors.append(_("%(where)s: %(given)s, padahal yang diimpor %(what)s %(expected)s.") % {
                    "where": sheet.where(number, name), "given": _show(given), "what": name.lower(),
                    "expected": expected})
                ok = False
            period_ok = period_ok and ok
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(_("%(where)s: indikator '%(code)s' tidak ada dalam Renstra tahun %(year)s.") % {
                "where": sheet.where(number, "Kode"), "code": code, "year": year})
            continue
        current = existing.get(indicator.pk)
        ok, value = read_number(sheet, number, values, "Realisasi", errors)
        if not (ok and period_ok):
            continue
        row_changes = []
        if value is not None and (current is None or current.value != value):
            row_changes.append(Change(indicator=indicator, column=f"Realisasi {column}", year=year,
                                      old=current.value if current else None, new=value, field="value"))
        for name, field_name in REALISASI_TEXT.items():
            text = str(sheet.cell(values, name) or "").strip()
            old = getattr(current, field_name) if current else ""
            if text and text != old:
                row_changes.append(Change(indicator=indicator, column=f"{name} {column}", year=year,
                                          old=old or None, new=text, field=field_name))
        if row_changes and not can_enter_realisasi(user, indicator, current, day):
            state = (_(" (status %(state)s)") % {"state": current.get_state_display()}) if current else ""
            errors.append(_("%(where)s: Anda tidak dapat mengisi realisasi indikator '%(code)s'%(state)s.") % {
                "where": sheet.where(number, "Kode"), "code": code, "state": state})
            continue
        changes.extend(row_changes)
    return Parsed(changes, errors)


# -- programmes, kegiatan and pagu -------------------------------------------------------------------------

def _level_of(sheet, number, values, errors, code) -> str | None:
    text = _required(sheet, number, values, "Jenis", errors, code)
    if text is None:
        return None
    for level in LEVELS:
        if text.casefold() == level.casefold() or text.casefold().replace(" ", "-") == level.casefold():
            return level
    errors.append(_("%(where)s: '%(text)s' bukan jenis yang dikenal (pilihan: %(options)s).") % {
        "where": sheet.where(number, "Jenis"), "text": text, "options": ", ".join(LEVELS)})
    return None


def _new_lines(renstra, sheet, pending, nodes, errors) -> list[Creation]:
    """The new programmes, kegiatan and sub-kegiatan of the file, parents first. A child's parent is
    the "Kode induk" cell or, when empty, the longest code of the level above that prefixes it."""
    units = {u.name.casefold(): u for u in Unit.objects.filter(office_id=renstra.office_id)}
    sasaran = {s.code: s for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
    known = {level: {code for code, (lvl, _node) in nodes.items() if lvl == level} for level in LEVELS}
    creations = []
    for depth, level in enumerate(LEVELS):
        for number, values, code, pagu in [(n, v, c, pg) for lvl, n, v, c, pg in pending if lvl == level]:
            before = len(errors)
            parent = None
            if depth:
                above = known[LEVELS[depth - 1]]
                parent = sheet.text(values, "Kode induk") or max(
                    (c for c in above if code.startswith(c + ".")), key=len, default="")
                if parent not in above:
                    errors.append(_("%(where)s: %(level)s induk '%(parent)s' tidak ada dalam Renstra ini maupun "
                                    "dalam berkas.") % {"where": sheet.where(number, "Kode induk"),
                                                        "level": LEVELS[depth - 1], "parent": parent or "—"})
                    continue
            _check(errors, sheet.where(number, "Kode"), dotted_code, code, level.lower(), parent)
            name = _required(sheet, number, values, "Uraian", errors, code)
            unit = _unit_named(sheet, number, values, units, errors, code)
            fields = {"unit": unit, "pagu": pagu}
            s_code = sheet.text(values, "Kode sasaran")
            if level == LEVELS[0] and s_code:
                if s_code not in sasaran:
                    errors.append(_("%(where)s: sasaran '%(code)s' tidak ada dalam Renstra ini.") % {
                        "where": sheet.where(number, "Kode sasaran"), "code": s_code})
                fields["sasaran"] = sasaran.get(s_code)
            if len(errors) > before:
                continue
            known[level].add(code)
            creations.append(Creation(level=level, code=code, name=name, row=number, parent=parent, fields=fields,
                                      kind=("program", "kegiatan", "subkegiatan")[depth]))
    return creations


def parse_programs(renstra, data: bytes) -> Parsed:
    """Pagu indikatif per year of the Renstra's programmes, kegiatan and sub-kegiatan, matched by code;
    on a draft Renstra a new code creates the line (its Jenis, Uraian and unit are then needed)."""
    needed = ["Kode", *[f"Pagu {y}" for y in renstra.years]]
    optional = ["Jenis", "Uraian", "Unit penanggung jawab", *PROGRAM_NEW_COLUMNS]
    sheet = open_sheet(data, PROGRAM_SHEET, needed, program_headers(renstra), optional=optional)
    if isinstance(sheet, Parsed):
        return sheet
    nodes = {node.code: (level, node) for level, node in program_lines(renstra)}
    draft = renstra.status == Renstra.Status.DRAFT
    noun = _("program/kegiatan")
    changes, errors, seen, pending = [], [], {}, []
    for number, values in sheet.rows:
        code = read_code(sheet, number, values, seen, errors, noun=noun)
        if code is None:
            continue
        amounts = {}
        if code in nodes:
            level, node = nodes[code]
            amounts = {p.year: p.amount for p in node.pagu.all()}
        new = {}
        for name in needed[1:]:
            ok, value = read_number(sheet, number, values, name, errors)
            if not ok or value is None:
                continue
            if value < 0:
                errors.append(_("%(where)s: pagu tidak boleh negatif.") % {"where": sheet.where(number, name)})
                continue
            year = int(name.removeprefix("Pagu "))
            new[year] = value
            old = amounts.get(year)
            if code in nodes and (old is None or old != value):
                changes.append(Change(indicator=node, column=f"{level} {name}", year=year, old=old, new=value,
                                      field=level))
        if code in nodes:
            continue
        if not draft:
            errors.append(_refused_new_code(sheet, number, code))
            continue
        level = _level_of(sheet, number, values, errors, code)
        if level is not None:
            pending.append((level, number, values, code, new))
    creations = _new_lines(renstra, sheet, pending, nodes, errors) if pending else []
    return Parsed(changes, errors, creations)
