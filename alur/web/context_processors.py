from alur.org.selectors import employee_of


def navigation(request):
    """The signed-in employee and their office, for the page header on every page."""
    employee = employee_of(getattr(request, "user", None))
    return {"current_employee": employee, "current_office": employee.office if employee else None}
