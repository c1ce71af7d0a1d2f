"""Who may change an office's data induk. The templates ask these, the services enforce them."""

from django.utils.translation import gettext as _

from alur.kit.policy import require

from .models import Office
from .selectors import employee_of


def can_manage_office(user, office: Office) -> bool:
    """The office admin of THAT office, or a superuser. A read grant (OfficeGrant) never allows a write."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    employee = employee_of(user)
    return bool(employee and employee.office_id == office.pk and employee.is_office_admin)


def require_manage_office(user, office: Office) -> None:
    require(can_manage_office(user, office), _("Hanya admin OPD ini yang boleh mengubah data induknya."))
