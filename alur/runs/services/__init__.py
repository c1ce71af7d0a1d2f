"""Every act on letters, runs and tasks goes through these functions: web views, commands and the
benchmark alike. Each public function is one transaction, checks its policy (alur.runs.policies),
and writes the act's records and its trail entries together — or nothing at all.

Modules by subject: `letters` (incoming letters), `runs` (start, cancel, child runs), `tasks`
(complete, reassign), `numbering` (agenda counters, outgoing numbers), `assignment` (who fills
each actor column), `documents` (working document, versions, sign-offs, kelengkapan),
`progress` (engine call, task projection and trail: the plumbing shared by every act).

Lock order — the one order of every act of every app is written in `alur/audit/locking.py`; for
the runs it reads (every act takes its locks in this order and never the other way round, so two
acts can wait for each other but never deadlock):

    1. the run row (`progress.lock_run`: `locking.lock_rows`, FOR NO KEY UPDATE OF the run only —
       never the office, the revision or the letter joined to it; for a child run, the parent run);
    2. task rows of that run (UPDATE by the engine's events; inserted rows);
    3. the number counter (`numbering.next_in_sequence`: one INSERT … ON CONFLICT DO UPDATE);
    4. the office's audit chain (`alur.audit.services.record_many`), always last.

Other rows are only referenced (foreign keys take KEY SHARE locks on PostgreSQL, which FOR NO KEY
UPDATE OF the run does not conflict with).
"""

from alur.runs.kinds import Completion

from .assignment import Assignment, assignment_for
from .dispositions import disposition_acknowledge
from .documents import missing_kelengkapan, working_document
from .letters import letter_register
from .numbering import next_in_sequence, take_outgoing_number
from .progress import replayed_state
from .runs import child_run_start, linked_revisions, run_cancel, run_start
from .tasks import task_complete, task_reassign

__all__ = [
    "Assignment",
    "Completion",
    "assignment_for",
    "child_run_start",
    "disposition_acknowledge",
    "letter_register",
    "linked_revisions",
    "missing_kelengkapan",
    "next_in_sequence",
    "replayed_state",
    "run_cancel",
    "run_start",
    "take_outgoing_number",
    "task_complete",
    "task_reassign",
    "working_document",
]
