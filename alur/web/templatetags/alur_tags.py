from datetime import datetime

from django import forms, template
from django.utils import timezone

from alur.core.sop.vocabulary import tanggal, tanggal_jam
from alur.kit.forms import DATE_HINT

register = template.Library()


@register.filter
def bootstrap(field, described_by=""):
    """Give a bound field Bootstrap's classes without a form library. `described_by`: the id of the
    text that explains the field (its help, the date format), read out with it by a screen reader."""
    widget = field.field.widget
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
        css = "form-check-input"
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = described_by
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def help_id(field) -> str:
    """The id of the help text `web/_form.html` prints under a field; empty when it prints none."""
    return f"{field.auto_id}_help" if field.help_text or field.widget_type == "date" else ""


@register.filter
def date_hint(field) -> str:
    """The typed format of a date field ("hh/bb/tttt"); empty for any other field."""
    return str(DATE_HINT) if field.widget_type == "date" else ""


@register.filter
def duration(delta):
    """A timedelta as 'x hari y jam z menit' (negative: 'lewat …')."""
    if delta is None:
        return "-"
    seconds = int(delta.total_seconds())
    prefix = "lewat " if seconds < 0 else ""
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} hari"] * bool(days) + [f"{hours} jam"] * bool(hours) + [f"{minutes} menit"] * bool(minutes)
    return prefix + (" ".join(parts) or "0 menit")


@register.filter
def with_stop(text) -> str:
    """`text` ending a sentence: a full stop added unless it already ends with one ("S.H.")."""
    text = str(text)
    return text if text.endswith(".") else f"{text}."


@register.filter(name="tanggal")
def tanggal_filter(value) -> str:
    """A date (or the day of a moment, in the office's time zone) in the one format: "4 Januari 2027"."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return tanggal(value)


@register.filter(name="tanggal_jam")
def tanggal_jam_filter(value) -> str:
    """A moment in the one format, local time: "4 Januari 2027 14.05"."""
    if not value:
        return ""
    return tanggal_jam(timezone.localtime(value) if timezone.is_aware(value) else value)
