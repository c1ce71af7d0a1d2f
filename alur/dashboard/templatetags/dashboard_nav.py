"""The dashboard's entries in the navigation: Dasbor and Pemberitahuan with its unread count."""

from django import template

from alur.org.selectors import employee_of

from ..notifications import unread_count

register = template.Library()


@register.inclusion_tag("dashboard/_nav.html", takes_context=True)
def dashboard_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    employee = employee_of(user)
    return {"nav_section": context.get("nav_section"), "unread": unread_count(employee) if employee else 0,
            "has_employee": employee is not None}
