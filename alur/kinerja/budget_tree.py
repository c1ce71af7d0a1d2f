"""Money that adds up: a programme's pagu is the sum of its kegiatan, a kegiatan's the sum of its
sub-kegiatan. Wherever Alur holds both a parent's own amount and its children's, the two must agree;
where they don't, a named warning says so (pages and the documents' generation report show it) and a
total counts each rupiah once — over the lowest lines only.

Three places hold such trees: the Renstra's pagu indikatif (programme → kegiatan → sub-kegiatan per
year), the budget lines of a year (programme → kegiatan per triwulan) and the Renja lines of a year
(any mix of programme, kegiatan, sub-kegiatan and free lines with dotted codes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from alur.core.numbers import rupiah

from .models import BudgetLine, Kegiatan, PaguIndikatif, Program, RenjaLine, SubKegiatan


def mismatch(code: str, what: str, own: Decimal, children: Decimal, below: str) -> str:
    """The one wording of a parent whose amount is not the sum of its children's."""
    return _("%(what)s %(code)s (Rp %(own)s) tidak sama dengan jumlah %(what_lower)s %(below)s di bawahnya "
             "(Rp %(children)s); selisih Rp %(diff)s.") % {
        "what": what, "what_lower": what.lower(), "code": code, "own": rupiah(own), "below": below,
        "children": rupiah(children), "diff": rupiah(abs(own - children))}


# -- budget lines: a programme's money in a year --------------------------------------------------

@dataclass
class ProgrammeMoney:
    """A programme's pagu and realisasi anggaran in the year: its own (programme-level) lines when it
    has them, else the sum of its kegiatan lines — never both added together."""

    program: Program
    pagu: Decimal
    realisasi: Decimal
    warnings: list[str] = field(default_factory=list)


def programme_money(renstra, year: int, triwulan: Iterable[int] | None = None) -> list[ProgrammeMoney]:
    """Every programme with budget lines in `year` (optionally only some triwulan), by code; one query."""
    own: dict[int, list[Decimal]] = {}
    kids: dict[int, list[Decimal]] = {}
    programs: dict[int, Program] = {}
    lines = BudgetLine.objects.filter(program__renstra=renstra, year=year).select_related("program")
    if triwulan is not None:
        lines = lines.filter(triwulan__in=list(triwulan))
    for line in lines:
        programs[line.program_id] = line.program
        sums = (kids if line.kegiatan_id else own).setdefault(line.program_id, [Decimal(0), Decimal(0)])
        sums[0] += line.pagu
        sums[1] += line.realisasi
    result = []
    for pk in sorted(programs, key=lambda pk: programs[pk].code):
        program = programs[pk]
        mine, theirs = own.get(pk), kids.get(pk)
        pagu, spent = mine or theirs
        warnings = []
        if mine and theirs:
            if mine[0] != theirs[0]:
                warnings.append(mismatch(program.code, _("Pagu"), mine[0], theirs[0], _("kegiatan")))
            if mine[1] != theirs[1]:
                warnings.append(mismatch(program.code, _("Realisasi anggaran"), mine[1], theirs[1], _("kegiatan")))
        result.append(ProgrammeMoney(program=program, pagu=pagu, realisasi=spent, warnings=warnings))
    return result


# -- the Renstra's pagu indikatif ------------------------------------------------------------------

def pagu_indikatif_warnings(renstra, year: int) -> list[str]:
    """Programmes whose pagu indikatif of `year` is not the sum of their kegiatan's, and kegiatan whose
    pagu is not the sum of their sub-kegiatan's (a level nobody filled in is not compared). Four queries."""
    amounts = {}
    for row in PaguIndikatif.objects.filter(
            Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
            | Q(sub_kegiatan__kegiatan__program__renstra=renstra), year=year):
        key = ("p", row.program_id) if row.program_id else ("k", row.kegiatan_id) if row.kegiatan_id else (
            "s", row.sub_kegiatan_id)
        amounts[key] = amounts.get(key, Decimal(0)) + row.amount
    warnings = []
    kegiatan = list(Kegiatan.objects.filter(program__renstra=renstra).select_related("program").order_by("code"))
    subs = list(SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).values_list("pk", "kegiatan_id"))
    for program in Program.objects.filter(renstra=renstra).order_by("code"):
        children = [amounts[("k", k.pk)] for k in kegiatan if k.program_id == program.pk and ("k", k.pk) in amounts]
        if ("p", program.pk) in amounts and children and amounts[("p", program.pk)] != sum(children):
            warnings.append(mismatch(program.code, _("Pagu indikatif"), amounts[("p", program.pk)], sum(children),
                                     _("kegiatan")) + " " + _("(Renstra, tahun %(year)s)") % {"year": year})
    for k in kegiatan:
        children = [amounts[("s", s)] for s, parent in subs if parent == k.pk and ("s", s) in amounts]
        if ("k", k.pk) in amounts and children and amounts[("k", k.pk)] != sum(children):
            warnings.append(mismatch(k.code, _("Pagu indikatif"), amounts[("k", k.pk)], sum(children),
                                     _("sub-kegiatan")) + " " + _("(Renstra, tahun %(year)s)") % {"year": year})
    return warnings


# -- the Renja lines of a year ---------------------------------------------------------------------

@dataclass
class RenjaTree:
    """The Renja's lines in code order with their depth and whether they are a leaf; the total over
    the leaves only; a warning per parent whose pagu is not the sum of its direct children's."""

    lines: list[RenjaLine]
    depth: dict[int, int]
    leaves: set[int]
    total: Decimal
    warnings: list[str]


def _node_keys(line: RenjaLine) -> tuple[tuple[str, int] | None, set[tuple[str, int]]]:
    """The line's own Renstra node and the Renstra nodes above it."""
    if line.sub_kegiatan_id:
        return ("s", line.sub_kegiatan_id), {("k", line.sub_kegiatan.kegiatan_id),
                                             ("p", line.sub_kegiatan.kegiatan.program_id)}
    if line.kegiatan_id:
        return ("k", line.kegiatan_id), {("p", line.kegiatan.program_id)}
    if line.program_id:
        return ("p", line.program_id), set()
    return None, set()


def _under(child: RenjaLine, parent: RenjaLine, keys: dict) -> bool:
    """`child` belongs under `parent`: through the Renstra links, or (for a free line) by its dotted
    code ("2.18.01.2.01" is under "2.18.01")."""
    parent_node = keys[parent.pk][0]
    if parent_node is not None and parent_node in keys[child.pk][1]:
        return True
    return child.code.startswith(parent.code + ".")


def renja_tree(lines: Iterable[RenjaLine]) -> RenjaTree:
    """`lines` need program, kegiatan and sub_kegiatan__kegiatan selected (no query here)."""
    lines = sorted(lines, key=lambda line: line.code)
    keys = {line.pk: _node_keys(line) for line in lines}
    ancestors = {line.pk: [p for p in lines if p.pk != line.pk and _under(line, p, keys)] for line in lines}
    # The direct parent is the deepest ancestor: the one with the most ancestors of its own.
    parent = {pk: max(above, key=lambda p: len(ancestors[p.pk])) if above else None
              for pk, above in ancestors.items()}
    children: dict[int, list[RenjaLine]] = {}
    for line in lines:
        if parent[line.pk] is not None:
            children.setdefault(parent[line.pk].pk, []).append(line)
    leaves = {line.pk for line in lines if line.pk not in children}
    warnings = []
    for line in lines:
        if line.pk in children:
            below = sum((c.pagu for c in children[line.pk]), Decimal(0))
            if below != line.pagu:
                warnings.append(mismatch(line.code, _("Pagu"), line.pagu, below, _("baris Renja")))
    return RenjaTree(lines=lines, depth={pk: len(above) for pk, above in ancestors.items()}, leaves=leaves,
                     total=sum((line.pagu for line in lines if line.pk in leaves), Decimal(0)), warnings=warnings)
