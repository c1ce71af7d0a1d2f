from decimal import Decimal

from django import template

from alur.core.kinerja import format_decimal

register = template.Library()


@register.filter
def angka(value, places=None):
    """A Decimal in Indonesian notation ("1.250,75"); None shows as "—"."""
    return format_decimal(value, None if places in (None, "") else int(places))


@register.filter
def persen(value):
    return "—" if value is None else f"{format_decimal(value, 2)}%"


# The keys of `selectors.indicator_series` behind each chart: labels, target, verified realisation.
_CHART_KEYS = {"year": ("years", "year_target", "year_realisasi"),
               "quarter": ("quarters", "quarter_target", "quarter_realisasi")}


@register.filter
def chart_rows(series, grain):
    """A chart's figures as table rows (label, target, realisasi), the text alternative of the canvas."""
    labels, targets, reals = (series[key] for key in _CHART_KEYS[grain])
    number = lambda text: None if text is None else Decimal(text)  # noqa: E731
    return [(label, number(t), number(r)) for label, t, r in zip(labels, targets, reals, strict=True)]
