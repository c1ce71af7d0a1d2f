"""The period switcher on every kinerja page: the office's Renstra periods and the years, the one
shown marked. It reads what the page already has in its context (office, section, year, renstra)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from alur.kinerja import periods

register = template.Library()

# Pages of one year: where a year link of each section goes.
YEAR_PAGES = {"pengukuran": "kinerja:pengukuran", "realisasi": "kinerja:realisasi_list", "renja": "kinerja:renja",
              "pk": "kinerja:pk", "anggaran": "kinerja:budget"}
# Pages of one plan: a period link keeps the page and names the plan.
PLAN_PAGES = {"renstra": "kinerja:renstra", "iku": "kinerja:iku"}


def _first_year(period: periods.Period) -> int:
    """Where a period's link lands on a page of one year: its first own year (a draft: the first year
    after its kondisi awal)."""
    return period.own_years[0] if period.own_years else period.renstra.start_year + 1


@register.inclusion_tag("kinerja/_periods.html", takes_context=True)
def period_switcher(context):
    office, section = context.get("office"), context.get("section")
    if office is None or (section not in YEAR_PAGES and section not in PLAN_PAGES):
        return {"show": False}
    found = periods.periods(office)
    year = context.get("year") if section in YEAR_PAGES else None
    if section in PLAN_PAGES:
        shown = context.get("renstra")
        current = next((p for p in found if shown is not None and p.renstra.pk == shown.pk), None)
    else:
        current = periods.period_of(found, year) if year else None
    entries = []
    for period in found:
        if section in PLAN_PAGES:
            url = f"{reverse(PLAN_PAGES[section], args=[office.code])}?periode={period.renstra.start_year}"
        else:
            url = reverse(YEAR_PAGES[section], args=[office.code, _first_year(period)])
        entries.append({"period": period, "url": url, "current": period is current})
    years = []
    if section in YEAR_PAGES:
        for y in periods.years(found):
            owner = periods.period_of(found, y)
            years.append({"year": y, "url": reverse(YEAR_PAGES[section], args=[office.code, y]),
                          "current": y == year, "owner": owner.label if owner else ""})
    if year:
        notes = [periods.transition_note(found, year)]
    else:  # a plan page: the years the shown plan shares with its neighbours
        notes = [periods.transition_note(found, y) for y in (current.renstra.start_year, current.renstra.end_year)
                 ] if current else []
    return {"show": bool(found), "entries": entries, "years": years, "year": year, "notes": [n for n in notes if n]}
