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
