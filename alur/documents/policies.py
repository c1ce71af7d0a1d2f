"""Who may do what with the SAKIP documents: one predicate per act, asked by the page and the service.

- Narratives (the written sections of the LKjIP, Renstra, Renja, IKU and data-kinerja reports) are
  edited by the office's planning unit, who draft the documents, and by the head of the office (or
  the Plt/Plh standing in), who signs them and answers for their text. Other members and holders of
  a grant read them; the office admin manages master data, not the content of the reports.
- 'Susun dari data' is part of a task: only whoever may act on the task generates its document.
- Which step of an SOP produces which document ("hubungkan ke dokumen") is part of the SOP: whoever
  may edit the office's SOPs (its admins and its head or the Plt/Plh standing in) binds it.
"""

from __future__ import annotations

from datetime import date

from alur.kinerja.policies import is_head, is_planner
from alur.kit.policy import require  # noqa: F401  (re-exported: services call policies.require)
from alur.runs.policies import can_act_on_task
from alur.sop.policies import can_edit_sop


def can_edit_narrative(user, office, day: date | None = None) -> bool:
    return is_planner(user, office, day) or is_head(user, office, day)


def can_generate_document(user, task, day: date | None = None) -> bool:
    return can_act_on_task(user, task, day)


def can_bind_step(user, revision) -> bool:
    return can_edit_sop(user, revision.sop)
