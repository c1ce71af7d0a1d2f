"""Who may do what on the dashboards: one predicate per act, asked by the page and by the service.

Reading follows the offices' read rule (alur.org.selectors.visible_offices: own office or an
OfficeGrant, applied by alur.dashboard.selectors.office_for); a grant never lets anyone write.
Turning suggested Waktu into a draft revision is the SOP's own rule (alur.sop.policies.can_edit_sop:
the office admin or the Kepala Dinas), so the SOP editor and the dashboard cannot disagree. The
SAKIP deadlines of an office are set by its planners (alur.kinerja.policies.is_planner: the
planning unit) or its admin.
"""

from __future__ import annotations

from alur.kinerja.policies import is_planner
from alur.kit.policy import require  # noqa: F401  (re-exported: services call policies.require)
from alur.org.selectors import is_office_admin
from alur.sop import policies as sop_policies


def can_edit_sakip_deadlines(user, office) -> bool:
    if not user.is_authenticated:
        return False
    return is_office_admin(user, office) or is_planner(user, office)


def can_apply_suggestions(user, sop) -> bool:
    return sop_policies.can_edit_sop(user, sop)
