"""Pagu and realisasi anggaran per programme (or one of its kegiatan) per triwulan, and the year's
serapan table.

Who: the planning unit sets pagu and realisasi; the unit responsible for the programme (or the
kegiatan) enters the realisasi of its own lines, never their pagu. A grant holder only reads.

Overspending: an APBD budget cannot be spent beyond its pagu for the year (the DPA is the legal
ceiling: no SP2D is issued beyond it), so a year's realisasi above the year's pagu is refused. Within
the year, the quarterly pagu is a spending plan (anggaran kas) and a quarter often spends more than its
share (a contract paid at once), so a quarter's realisasi above that quarter's pagu is allowed with a
warning. Negative amounts are refused. After the Perjanjian Kinerja document of the year is signed,
a programme's pagu (the PK's anggaran table) changes only with a reason (see `alur.kinerja.locks`);
realisasi anggaran is not fixed by any kinerja document here (the LKjIP is outside kinerja)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.core.kinerja import format_decimal, serapan

from .. import locks, policies
from ..budget_tree import mismatch
from ..changes import trail_value
from ..models import BudgetLine, Kegiatan, Program

QUARTERS = (1, 2, 3, 4)


@dataclass
class Saved:
    line: BudgetLine
    warnings: list[str] = field(default_factory=list)


def _label(program: Program, kegiatan: Kegiatan | None) -> str:
    node = kegiatan or program
    return f"{node.code} {node.name}"


@transaction.atomic
def budget_set(*, user, program: Program, year: int, triwulan: int, kegiatan: Kegiatan | None = None,
               pagu: Decimal | None = None, realisasi: Decimal | None = None, reason: str = "") -> Saved:
    """Set the pagu and/or the realisasi anggaran of one line in one triwulan (None leaves a value as it is)."""
    program = Program.objects.select_related("renstra__office").get(pk=program.pk)
    office = program.renstra.office
    if kegiatan is not None and kegiatan.program_id != program.pk:
        raise ValidationError({"kegiatan": _("Kegiatan %(code)s bukan bagian program %(program)s.") % {
            "code": kegiatan.code, "program": program.code}})
    policies.require(policies.can_enter_spending(user, program, kegiatan),
                     _("Hanya unit perencanaan atau unit penanggung jawab program yang mengisi anggaran."))
    if pagu is not None:
        policies.require(policies.can_set_pagu(user, office), _("Hanya unit perencanaan yang mengubah pagu."))
    label = _label(program, kegiatan)
    errors = {}
    if triwulan not in QUARTERS:
        errors["triwulan"] = _("Triwulan harus 1, 2, 3 atau 4.")
    if year not in program.renstra.years:
        errors["year"] = _("Tahun %(year)s di luar periode Renstra %(start)s–%(end)s.") % {
            "year": year, "start": program.renstra.start_year, "end": program.renstra.end_year}
    for name, amount, title in (("pagu", pagu, _("Pagu")), ("realisasi", realisasi, _("Realisasi anggaran"))):
        if amount is not None and amount < 0:
            errors[name] = _("%(title)s %(line)s tidak boleh negatif (%(amount)s).") % {
                "title": title, "line": label, "amount": format_decimal(amount)}
    if pagu is None and realisasi is None:
        errors["pagu"] = _("Isi pagu atau realisasi anggaran.")
    if errors:
        raise ValidationError(errors)

    # Ordered by triwulan only: the model's default ordering joins kegiatan (an outer join PostgreSQL
    # cannot lock FOR UPDATE).
    lines = list(lock_rows(BudgetLine.objects).filter(program=program, kegiatan=kegiatan, year=year)
                 .order_by("triwulan"))
    line = next((x for x in lines if x.triwulan == triwulan), None)
    if line is None:
        if pagu is None:
            raise ValidationError({"pagu": _("%(line)s belum punya pagu Triwulan %(tw)s %(year)s; unit perencanaan "
                                             "mengisi pagu lebih dahulu.") % {"line": label, "tw": triwulan,
                                                                              "year": year}})
        line = BudgetLine(program=program, kegiatan=kegiatan, year=year, triwulan=triwulan, pagu=pagu)
        lines.append(line)
    old = {"pagu": line.pagu if line.pk else None, "realisasi": line.realisasi if line.pk else None}
    if pagu is not None:
        line.pagu = pagu
    if realisasi is not None:
        line.realisasi = realisasi
    year_pagu = sum((x.pagu for x in lines), Decimal(0))
    year_spent = sum((x.realisasi for x in lines), Decimal(0))
    if year_spent > year_pagu:
        raise ValidationError({"realisasi": _(
            "Realisasi anggaran %(line)s tahun %(year)s (Rp %(spent)s) melebihi pagu tahun itu (Rp %(pagu)s); "
            "anggaran tidak dapat direalisasikan melebihi pagu DPA.") % {
            "line": label, "year": year, "spent": format_decimal(year_spent), "pagu": format_decimal(year_pagu)}})
    changed = {name: {"lama": trail_value(old[name]), "baru": trail_value(getattr(line, name))}
               for name in ("pagu", "realisasi") if old[name] != getattr(line, name)}
    if not changed:
        return Saved(line=line)
    revision = {}
    if "pagu" in changed and kegiatan is None:
        revision = locks.require_reason(locks.locks_on(office, kind="pk", year=year), reason)
    line.full_clean(exclude=["program", "kegiatan"], validate_unique=False)
    line.save()
    warnings = []
    if line.realisasi > line.pagu:
        warnings.append(_("Realisasi %(line)s Triwulan %(tw)s (Rp %(spent)s) melebihi pagu triwulan itu "
                          "(Rp %(pagu)s); disimpan karena masih dalam pagu tahunan.") % {
            "line": label, "tw": triwulan, "spent": format_decimal(line.realisasi),
            "pagu": format_decimal(line.pagu)})
    record(office=office, kind="kinerja.anggaran.ubah", user=user,
           data={"baris": line.pk, "program": program.pk, "kegiatan": kegiatan.pk if kegiatan else None,
                 "kode": (kegiatan or program).code, "tahun": year, "triwulan": triwulan, "perubahan": changed,
                 "peringatan": warnings, **revision})
    return Saved(line=line, warnings=warnings)


@dataclass
class BudgetCell:
    pagu: Decimal | None
    realisasi: Decimal | None

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.realisasi, self.pagu)

    @property
    def over(self) -> bool:
        return self.pagu is not None and self.realisasi is not None and self.realisasi > self.pagu


@dataclass
class BudgetTableRow:
    program: Program
    kegiatan: Kegiatan | None
    quarters: list[BudgetCell]
    year: BudgetCell
    can_enter: bool = False

    @property
    def code(self) -> str:
        return (self.kegiatan or self.program).code

    @property
    def name(self) -> str:
        return (self.kegiatan or self.program).name


@dataclass
class BudgetTable:
    year: int
    rows: list[BudgetTableRow]
    total: BudgetCell
    quarter_totals: list[BudgetCell]
    warnings: list[str] = field(default_factory=list)  # programmes whose pagu is not their kegiatan's sum


def budget_table(*, user, office, renstra, year: int) -> BudgetTable:
    """Every programme of the Renstra (and each kegiatan with its own lines) with pagu, realisasi and
    serapan per triwulan and for the year, in a fixed number of queries whatever the number of lines."""
    policies.require(policies.can_read(user, office), _("Anda tidak berhak membaca data kinerja OPD ini."))
    programs = list(Program.objects.filter(renstra=renstra).select_related("renstra__office").order_by("code"))
    kegiatan = {k.pk: k for k in Kegiatan.objects.filter(program__renstra=renstra)}
    cells: dict[tuple[int, int | None], dict[int, BudgetLine]] = {}
    for line in BudgetLine.objects.filter(program__renstra=renstra, year=year):
        cells.setdefault((line.program_id, line.kegiatan_id), {})[line.triwulan] = line
    planner = policies.can_edit_plan(user, office)
    units = policies.unit_ids_of(user, office)
    rows = []
    for program in programs:
        keys = [(program.pk, None)] + sorted(
            (key for key in cells if key[0] == program.pk and key[1] is not None),
            key=lambda key: kegiatan[key[1]].code)
        for key in keys:
            node = kegiatan.get(key[1]) if key[1] else None
            by_quarter = cells.get(key, {})
            quarters = [BudgetCell(pagu=by_quarter[q].pagu if q in by_quarter else None,
                                   realisasi=by_quarter[q].realisasi if q in by_quarter else None) for q in QUARTERS]
            year_cell = BudgetCell(
                pagu=sum((c.pagu for c in quarters if c.pagu is not None), Decimal(0)) if by_quarter else None,
                realisasi=sum((c.realisasi for c in quarters if c.realisasi is not None), Decimal(0))
                if by_quarter else None)
            rows.append(BudgetTableRow(program=program, kegiatan=node, quarters=quarters, year=year_cell,
                                       can_enter=planner or (node or program).unit_id in units))
    # Totals count each rupiah once: a programme's own row when it has lines, else its kegiatan rows.
    counted, warnings = [], []
    for program in programs:
        own = next(r for r in rows if r.program is program and r.kegiatan is None)
        kids = [r for r in rows if r.program is program and r.kegiatan is not None]
        counted += [own] if own.year.pagu is not None or not kids else kids
        if own.year.pagu is not None and kids:
            below = sum((r.year.pagu for r in kids), Decimal(0))
            if below != own.year.pagu:
                warnings.append(mismatch(program.code, _("Pagu"), own.year.pagu, below, _("kegiatan")))

    def _sum(cells_of) -> BudgetCell:
        chosen = [c for c in cells_of if c.pagu is not None]
        return BudgetCell(pagu=sum((c.pagu for c in chosen), Decimal(0)),
                          realisasi=sum((c.realisasi or Decimal(0) for c in chosen), Decimal(0)))

    return BudgetTable(year=year, rows=rows, total=_sum(r.year for r in counted),
                       quarter_totals=[_sum(r.quarters[q - 1] for r in counted) for q in QUARTERS],
                       warnings=warnings)
