"""The one lock order of every act of every app.

Every write is one transaction that ends by appending to its office's trail (`services.record`),
which locks the office's chain row. Two acts can only deadlock when each holds a row the other
wants, so every act takes its row locks in the order below, never the other way round, and the
chain comes last. Levels, outermost first:

    1. OFFICE-WIDE ROWS — the rules an act changes for the whole office: the office row itself
       (`org.office_set_letter_number_template`), its office hours (`workdays`), its kinerja
       settings (`kinerja.services.settings`), the leaders' timing stamp (`dashboard.timings`),
       the set of an office's Renstras while a new one is created (`kinerja.services.structure`).
    2. THE RECORD ACTED ON — a run (`runs.services.progress.lock_run`; for a child run, the
       parent run), an SOP revision, an employee, a position's holdings and stand-ins, a Renstra,
       Renja, PK or IKU set, a narrative, a scale row, an indicator (every act on its realisations
       or targets locks it first: `kinerja.services.common.lock_indicators`). An act that records
       several entries in one transaction (an import) locks here all the records it will change,
       in primary-key order, before its first trail entry (`lock_rows(...order_by("pk"))`).
    3. ITS OWN PARTS — the run's task rows, a Renstra's tujuan/sasaran/indicators/programmes, its
       targets and pagu, a Renja's lines, a programme's budget lines, a realisation (and the
       evidence added under it).
    4. NUMBER COUNTERS — agenda and outgoing numbers (`runs.services.numbering`: one upsert).
    5. THE OFFICE'S AUDIT CHAIN — `services.record` / `record_many`, always last; an act that
       records several entries takes every other lock before the first of them.

How a row is locked: `lock_rows(queryset)`, i.e. SELECT … FOR NO KEY UPDATE OF the queried table
only. Two rules make the levels hold on PostgreSQL:

- OF self: a FOR UPDATE joined to other tables (`select_related`) locks every joined row too; the
  realisation joined to its indicator, Renstra and office locked the *office* row, a level-1 row
  taken at level 3 (issue 16: 30 of 31 letter registrations died with "deadlock detected"). A
  joined row is read, never locked; lock it with its own `lock_rows` at its own level if needed.
- NO KEY: a plain FOR UPDATE also blocks the FOR KEY SHARE lock that PostgreSQL's deferred
  foreign-key check takes at COMMIT — i.e. after the inserting act already holds its chain
  (level 5). Any act inserting a row that refers to a locked office, indicator or run would then
  wait behind the lock holder while that holder waits for the chain. FOR NO KEY UPDATE is the lock
  an UPDATE takes itself (no key is ever changed here), still excludes every other act that locks
  or updates the same row, and lets those key checks through.

SQLite has no row locks (one writer at a time), so there all of this is a no-op; the rules are
tested on PostgreSQL (tests/kinerja/test_concurrency.py, tests/runs/test_mixed_load.py) and read
from the source (tests/audit/test_lock_order.py: no `select_for_update` outside this module).
"""

from __future__ import annotations

from django.db.models import QuerySet

LEVELS = (
    ("office-wide rows", "office row, office hours, kinerja settings, timing stamp, the office's Renstra set"),
    ("the record acted on", "run (parent first), SOP revision, employee, holdings, Renstra, Renja, PK, IKU set, "
                            "indicator"),
    ("its own parts", "task rows, plan nodes, targets, pagu, Renja lines, budget lines, realisation"),
    ("number counters", "agenda and outgoing number sequences"),
    ("the office's audit chain", "always last"),
)


def lock_rows(queryset: QuerySet) -> QuerySet:
    """The queryset's own rows, locked until the transaction ends (FOR NO KEY UPDATE OF self)."""
    return queryset.select_for_update(of=("self",), no_key=True)
