"""The one place that says which Renstra counts when: the plan in force for a year, the draft being
prepared, and the periods an office has.

A Renstra is *in force* once it has been ditetapkan (a ditetapkan plan reopened for a revision keeps
its last ditetapkan content in force, so "ever ditetapkan" counts); a draft never is, so a draft
2026–2031 never shadows the ditetapkan 2021–2026. Consecutive plans share one year (2021–2026 and
2026–2031): it is the older plan's last target year and the newer one's kondisi awal, so it belongs
to the older plan when that one is in force."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from .models import Renstra, RenstraRevision


def _ever_ditetapkan() -> Q:
    return Q(status=Renstra.Status.DITETAPKAN) | Q(Exists(RenstraRevision.objects.filter(renstra=OuterRef("pk"))))


def _in_force_rows(office, year: int):
    return (Renstra.objects.filter(_ever_ditetapkan(), office=office, start_year__lte=year, end_year__gte=year)
            .order_by("start_year"))


def in_force(office, year: int) -> Renstra | None:
    """The Renstra in force for `year`: ditetapkan, its period holds the year; the oldest wins the
    shared transition year."""
    return _in_force_rows(office, year).first()


def in_force_id(office, year: int) -> Subquery:
    """`in_force`'s id as a subquery, for a query that must stay one statement."""
    return Subquery(_in_force_rows(office, year).values("pk")[:1])


def in_force_by_office(office_ids, year: int) -> dict[int, Renstra]:
    """`in_force` for many offices in one query: {office id: Renstra}."""
    found: dict[int, Renstra] = {}
    for renstra in (Renstra.objects.filter(_ever_ditetapkan(), office_id__in=list(office_ids), start_year__lte=year,
                                           end_year__gte=year).order_by("start_year")):
        found.setdefault(renstra.office_id, renstra)
    return found


def draft_being_prepared(office) -> Renstra | None:
    """The newest Renstra never ditetapkan (the next plan the planning unit is drafting)."""
    return (Renstra.objects.filter(office=office).exclude(_ever_ditetapkan()).order_by("-start_year").first())


@dataclass(frozen=True)
class Period:
    """One Renstra of the office as the period switcher shows it."""

    renstra: Renstra
    in_force: bool  # ever ditetapkan
    own_years: tuple[int, ...]  # the years this plan is the one that counts (empty for a draft)

    @property
    def label(self) -> str:
        return f"{self.renstra.start_year}–{self.renstra.end_year}"

    @property
    def status_label(self) -> str:
        return _("ditetapkan") if self.in_force else _("draf")


def periods(office) -> list[Period]:
    """Every Renstra of the office, oldest first, with the years each one counts for. Two queries."""
    renstras = list(Renstra.objects.filter(office=office).order_by("start_year"))
    forced = set(Renstra.objects.filter(_ever_ditetapkan(), office=office).values_list("pk", flat=True))
    owner: dict[int, int] = {}
    for renstra in renstras:  # oldest first: the older plan keeps the shared year
        if renstra.pk in forced:
            for year in renstra.years:
                owner.setdefault(year, renstra.pk)
    return [Period(renstra=r, in_force=r.pk in forced,
                   own_years=tuple(y for y in r.years if owner.get(y) == r.pk)) for r in renstras]


def years(office_periods: list[Period]) -> list[int]:
    """The years a switcher offers: every year of every period, and the year after the last plan in
    force (the way into next year's Renja and PK, which then says what plan is missing)."""
    found = {y for p in office_periods for y in p.renstra.years}
    ends = [p.renstra.end_year for p in office_periods if p.in_force]
    if ends:
        found.add(max(ends) + 1)
    return sorted(found)


def period_of(office_periods: list[Period], year: int) -> Period | None:
    """The period that counts for `year`: the plan in force, else a draft whose period holds it."""
    for period in office_periods:
        if year in period.own_years:
            return period
    return covering_draft(office_periods, year)


def default_renstra(office, year: int) -> Renstra | None:
    """What a page without a chosen period shows: the plan in force this year, else the draft being
    prepared, else the newest plan."""
    return (in_force(office, year) or draft_being_prepared(office)
            or Renstra.objects.filter(office=office).order_by("-start_year").first())


def transition_note(office_periods: list[Period], year: int) -> str | None:
    """Said on a page of a year two plans share: which one the year belongs to."""
    holders = [p for p in office_periods if year in p.renstra.years]
    owner = next((p for p in holders if year in p.own_years), None)
    if owner is None or len(holders) < 2:
        return None
    others = ", ".join(f"Renstra {p.label}" for p in holders if p is not owner)
    return _("Tahun %(year)s adalah tahun peralihan: dihitung pada Renstra %(owner)s (Renstra yang berlaku); "
             "bagi %(others)s tahun ini adalah kondisi awal.") % {"year": year, "owner": owner.label, "others": others}


def covering_draft(office_periods: list[Period], year: int) -> Period | None:
    """The newest draft whose period holds `year`."""
    return next((p for p in reversed(office_periods) if not p.in_force and year in p.renstra.years), None)


def missing_plan_message(office_periods: list[Period], year: int) -> str:
    """Why nothing is in force for `year`: no plan covers it, or only a draft does."""
    draft = covering_draft(office_periods, year)
    if draft is not None:
        return _("Renstra yang berlaku untuk %(year)s belum ada: Renstra %(period)s yang mencakup %(year)s masih "
                 "draf dan harus ditetapkan dulu.") % {"year": year, "period": draft.label}
    return _("Renstra yang berlaku untuk %(year)s belum ada.") % {"year": year}
