"""Who may do what on the dashboards: one predicate per act, asked by the page and by the service.

Reading follows the offices' read rule (alur.org.selectors.visible_offices: own office or an
OfficeGrant, applied by alur.dashboard.selectors.office_for); a grant never lets anyone write.
The only write, turning suggested Waktu into a draft revision, is the SOP's own rule
(alur.sop.policies.can_edit_sop: the office admin or the Kepala Dinas), so the SOP editor and the
dashboard cannot disagree.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from alur.sop import policies as sop_policies


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def can_apply_suggestions(user, sop) -> bool:
    return sop_policies.can_edit_sop(user, sop)
