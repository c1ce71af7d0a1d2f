from django import forms, template

register = template.Library()


@register.filter
def bootstrap(field):
    """Give a bound field Bootstrap's classes without a form library."""
    widget = field.field.widget
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
        css = "form-check-input"
    return field.as_widget(attrs={"class": css})


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
