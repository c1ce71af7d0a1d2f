"""Who may change an office's calendar: the same people who manage its data induk."""

from django.utils.translation import gettext as _

from alur.kit.policy import require
from alur.org.policies import can_manage_office


def can_change_calendar(user, office) -> bool:
    return can_manage_office(user, office)


def require_change_calendar(user, office) -> None:
    require(can_change_calendar(user, office), _("Hanya admin OPD ini yang boleh mengubah hari dan jam kerjanya."))
