from decimal import Decimal

from django import template

from alur.core import numbers

register = template.Library()

# Every figure a page prints goes through alur.core.numbers; None shows as "—" on pages.


@register.filter
def angka(value, places=None):
    """A target or realisation in Indonesian notation ("1.250,5"): as entered, at most two decimals,
    or exactly `places` decimals."""
    return numbers.angka(value, None if places in (None, "") else int(places), empty="—")


@register.filter
def persen(value):
    """A percentage with two decimals: "71,25%"."""
    return numbers.persen(value, empty="—")


@register.filter
def rupiah(value):
    """Money in whole rupiah: "2.784.000.000"."""
    return numbers.rupiah(value, empty="—")


# The keys of `selectors.indicator_series` behind each chart: labels, target, verified realisation.
_CHART_KEYS = {"year": ("years", "year_target", "year_realisasi"),
               "quarter": ("quarters", "quarter_target", "quarter_realisasi")}


@register.filter
def chart_rows(series, grain):
    """A chart's figures as table rows (label, target, realisasi), the text alternative of the canvas."""
    labels, targets, reals = (series[key] for key in _CHART_KEYS[grain])
    number = lambda text: None if text is None else Decimal(text)  # noqa: E731
    return [(label, number(t), number(r)) for label, t, r in zip(labels, targets, reals, strict=True)]
