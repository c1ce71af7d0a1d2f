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
