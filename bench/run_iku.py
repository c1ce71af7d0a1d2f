"""Alur vs. SpiffWorkflow on the IKU SOP, both committing their state to the same database.

    .venv/bin/python -m bench.run_iku [-n N] [--database-url URL] [--profile] [--json]

Alur side: N runs of the seed SOP "Penyusunan IKU" started with `services.run_start` and driven to
the end with `simulate.drive` (every task through `services.task_complete`, each its own committed
transaction, with real uploads, paraf, signature, agenda number and audit trail), taking the
"Tidak" branch at the first decision of every run and "Ya" after: 11 task completions per run.

SpiffWorkflow side: the same SOP exported by `alur.core.sop.bpmn.sop_to_bpmn`, parsed once; for
each of N runs a `BpmnWorkflow` is created and every ready user task completed (the decision
task sets ``keputusan = "tidak"`` the first time, ``"ya"`` after); after the start and after
every step the whole workflow is serialized with `BpmnWorkflowSerializer` (default config) and
written to the table ``bench_spiff_state`` of the same database, each write its own committed
transaction.

Transitions = task completions (Alur: `task_complete` calls; Spiff: user tasks run). Starting a
run is timed on both sides but not counted as a transition.

The database is thrown away: a fresh SQLite file in a temporary folder by default; with
``--database-url postgres://user@host:port/db`` a dedicated database (``alur_bench``) is created
on that server (through ``db``, whose own tables are never touched) and dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

BENCH_DB = "alur_bench"
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))  # a Monday
SPIFF_TABLE = "bench_spiff_state"
AIM = 5.0


@dataclass
class Result:
    engine: str
    runs: int
    transitions: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.transitions / self.seconds if self.seconds > 0 else 0.0


# -- database setup (before django.setup) -------------------------------------------------------


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql", "postgis")


def _pg_admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, parts.path or "/postgres", parts.query, ""))


def _with_db_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _pg_recreate(url: str, name: str, *, drop_only: bool = False) -> None:
    """Drop (and create) database `name` on the server of `url`, connected to `url`'s own db."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(_pg_admin_url(url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# -- the two sides ------------------------------------------------------------------------------


def _prepare():
    """Migrate the throw-away database and load the demo office and its SOPs; returns the IKU revision."""
    from django.core.management import call_command

    from alur.org.demo import load_demo_office
    from alur.sop.demo import load_demo_sops
    from alur.sop.models import SopRevision

    call_command("migrate", interactive=False, verbosity=0)
    office, _ = load_demo_office()
    load_demo_sops(office)
    return SopRevision.objects.get(sop__office=office, nama__icontains="IKU")


def _alur_one(revision, user) -> int:
    from alur.runs import services
    from alur.runs.models import Run
    from alur.sim.simulate import drive

    run = services.run_start(revision=revision, user=user, purpose="Penyusunan IKU (bench)", year=2026,
                             now=START)
    first = {"pending": True}

    def decide(task) -> bool:  # one Tidak loop per run
        if first["pending"]:
            first["pending"] = False
            return False
        return True

    transitions = drive(run, decide=decide, start=START)
    if run.status != Run.Status.SELESAI:
        raise RuntimeError(f"Alur run {run.pk} did not finish: {run.status}")
    return transitions


def bench_both(revision, spiff: SpiffBench, n: int) -> tuple[Result, Result]:
    """Alternate one Alur run and one Spiff run, so a change in machine load hits both alike."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="admin")
    alur = Result("Alur", n, 0, 0.0)
    other = Result("SpiffWorkflow", n, 0, 0.0)
    for _ in range(n):
        began = time.perf_counter()
        alur.transitions += _alur_one(revision, user)
        middle = time.perf_counter()
        other.transitions += spiff.one()
        alur.seconds += middle - began
        other.seconds += time.perf_counter() - middle
    return alur, other


class SpiffBench:
    def __init__(self, revision):
        from SpiffWorkflow.bpmn.parser import BpmnParser
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer

        from alur.core.sop.bpmn import sop_to_bpmn

        parser = BpmnParser()
        parser.add_bpmn_str(sop_to_bpmn(revision.as_core(), process_id="SOP_IKU").encode("utf-8"))
        self.spec = parser.get_spec("SOP_IKU")
        self.subprocess_specs = parser.get_subprocess_specs("SOP_IKU")
        self.decision_tasks = {f"Task_{s.no}" for s in revision.as_core().steps if s.is_decision}
        self.serializer = BpmnWorkflowSerializer()
        self.run_no = 0
        self.split = {"engine": 0.0, "serialize": 0.0, "database": 0.0}  # where Spiff's time goes
        self._create_table()

    def _create_table(self) -> None:
        from django.db import connection, transaction

        pk = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {SPIFF_TABLE} (id {pk}, run_no INTEGER NOT NULL UNIQUE,"
                " step INTEGER NOT NULL, completed BOOLEAN NOT NULL, json TEXT NOT NULL)"
            )

    def one(self) -> int:
        from django.db import connection, transaction
        from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
        from SpiffWorkflow.util.task import TaskState

        from alur.core.sop.bpmn import DECISION_VARIABLE, NO, YES

        clock, split = time.perf_counter, self.split
        self.run_no += 1
        t0 = clock()
        workflow = BpmnWorkflow(self.spec, self.subprocess_specs)
        workflow.do_engine_steps()
        t1 = clock()
        state = self.serializer.serialize_json(workflow)
        t2 = clock()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {SPIFF_TABLE} (run_no, step, completed, json) VALUES (%s, %s, %s, %s)",
                [self.run_no, 0, workflow.is_completed(), state],
            )
        t3 = clock()
        split["engine"] += t1 - t0
        split["serialize"] += t2 - t1
        split["database"] += t3 - t2
        step = 0
        decided = False
        while not workflow.is_completed():
            t0 = clock()
            ready = workflow.get_tasks(state=TaskState.READY, manual=True)
            if not ready:
                raise RuntimeError(f"Spiff run {self.run_no} is stuck")
            task = ready[0]
            if task.task_spec.name in self.decision_tasks:
                task.data[DECISION_VARIABLE] = YES if decided else NO
                decided = True
            task.run()
            workflow.do_engine_steps()
            step += 1
            t1 = clock()
            state = self.serializer.serialize_json(workflow)
            t2 = clock()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {SPIFF_TABLE} SET step = %s, completed = %s, json = %s WHERE run_no = %s",
                    [step, workflow.is_completed(), state, self.run_no],
                )
            t3 = clock()
            split["engine"] += t1 - t0
            split["serialize"] += t2 - t1
            split["database"] += t3 - t2
            if step > 500:
                raise RuntimeError(f"Spiff run {self.run_no} does not end")
        return step


# -- the engines alone ---------------------------------------------------------------------------


def engines_in_memory(revision, spiff: SpiffBench, n: int) -> tuple[Result, Result]:
    """The same runs with no database at all: each transition is the engine step plus turning the
    new state into JSON (Alur: `engine.apply` + `json.dumps(state.to_dict())`; Spiff: `task.run`
    + `do_engine_steps` + `serialize_json`). Shows what the engines cost apart from persistence."""
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    from alur.core import engine
    from alur.core.sop.bpmn import DECISION_VARIABLE, NO, YES

    core = revision.as_core()
    assignees = {actor: str(i + 1) for i, actor in enumerate(core.actors)}
    at = START.isoformat()
    alur = Result("Alur", n, 0, 0.0)
    other = Result("SpiffWorkflow", n, 0, 0.0)
    for _ in range(n):
        began = time.perf_counter()
        state, _events = engine.apply(core, None, engine.Start(assignees=assignees, at=at))
        json.dumps(state.to_dict())
        decided = False
        while state.status == engine.RUN_BERJALAN:
            current = min(engine.open_tasks(state), key=lambda t: t.id)
            if core.step(current.step_no).is_decision:
                action = engine.Decide(task_id=current.id, actor=current.actor, approve=decided,
                                       reason="" if decided else "Perbaiki.", assignees=assignees, at=at)
                decided = True
            else:
                action = engine.Complete(task_id=current.id, actor=current.actor, assignees=assignees, at=at)
            state, _events = engine.apply(core, state, action)
            json.dumps(state.to_dict())
            alur.transitions += 1
        middle = time.perf_counter()
        workflow = BpmnWorkflow(spiff.spec, spiff.subprocess_specs)
        workflow.do_engine_steps()
        spiff.serializer.serialize_json(workflow)
        decided = False
        while not workflow.is_completed():
            task = workflow.get_tasks(state=TaskState.READY, manual=True)[0]
            if task.task_spec.name in spiff.decision_tasks:
                task.data[DECISION_VARIABLE] = YES if decided else NO
                decided = True
            task.run()
            workflow.do_engine_steps()
            spiff.serializer.serialize_json(workflow)
            other.transitions += 1
        alur.seconds += middle - began
        other.seconds += time.perf_counter() - middle
    return alur, other


# -- output -------------------------------------------------------------------------------------


def _rows(results: list[Result]) -> list[str]:
    head = ("engine", "runs", "transitions", "seconds", "transitions/s", "ms/transition")
    lines = ["{:<14} {:>6} {:>12} {:>9} {:>14} {:>14}".format(*head)]
    for r in results:
        per = 1000 * r.seconds / r.transitions if r.transitions else 0.0
        lines.append(f"{r.engine:<14} {r.runs:>6} {r.transitions:>12} {r.seconds:>9.3f} {r.rate:>14.1f} "
                     f"{per:>14.3f}")
    return lines


def _ratio(alur: Result, other: Result) -> float:
    return alur.rate / other.rate if other.rate else float("inf")


def report(vendor: str, persisted: tuple[Result, Result], memory: tuple[Result, Result] | None,
           spiff_split: dict[str, float], statements: Statements | None = None) -> str:
    ratio = _ratio(*persisted)
    total = sum(spiff_split.values()) or 1.0
    split = ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in spiff_split.items())
    lines = [
        f"database: {vendor}",
        *_rows(list(persisted)),
        f"ratio Alur/Spiff: {ratio:.2f}x ({'meets' if ratio >= AIM else 'misses'} the aim of {AIM:g}x)",
        "transitions = task completions (11 per IKU run: one Tidak loop); run starts timed, not counted",
        f"SpiffWorkflow's time: {split}",
    ]
    if statements is not None:
        lines.insert(3, f"Alur {statements.line()}")
    if memory is not None:
        lines += ["", "engines alone, in memory (no database, no records; state -> JSON after every step):",
                  *_rows(list(memory)), f"ratio Alur/Spiff in memory: {_ratio(*memory):.2f}x"]
    return "\n".join(lines)


@dataclass
class Statements:
    """SQL statements per task completion: what `task_complete` sends, without the transaction's
    BEGIN/COMMIT (SQLite logs them, PostgreSQL's driver does not: leaving them out compares alike)."""

    mean: float
    most: int
    by_act: dict[str, float]
    most_by_act: dict[str, int]
    limit: int = 10  # issue 7: every completion, whatever its kind

    def line(self) -> str:
        acts = ", ".join(f"{act} {n:.1f}" + (f" (≤{self.most_by_act[act]})" if self.most_by_act[act] != n else "")
                         for act, n in sorted(self.by_act.items()))
        verdict = "within" if self.most <= self.limit else "over"
        return (f"statements per completion: {self.mean:.1f} mean, {self.most} at most, {verdict} the limit of "
                f"{self.limit} ({acts})")


def statements_per_completion(revision, runs: int = 3) -> Statements:
    """Count, outside the timed part, the statements of every completion of a few IKU runs."""
    from collections import defaultdict

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alur.sim import simulate

    user = get_user_model().objects.get(username="admin")
    core = revision.as_core()
    counts: dict[str, list[int]] = defaultdict(list)
    original = simulate.task_complete

    def counted(*, task, user, completion, now=None):
        with CaptureQueriesContext(connection) as queries:
            result = original(task=task, user=user, completion=completion, now=now)
        sent = [q for q in queries.captured_queries if q["sql"].split(" ")[0] not in ("BEGIN", "COMMIT")]
        counts[core.step(task.step_no).act.value].append(len(sent))
        return result

    simulate.task_complete = counted
    try:
        for _ in range(runs):
            _alur_one(revision, user)
    finally:
        simulate.task_complete = original
    every = [n for values in counts.values() for n in values]
    return Statements(sum(every) / len(every), max(every),
                      {act: sum(values) / len(values) for act, values in counts.items()},
                      {act: max(values) for act, values in counts.items()})


def _profile_alur(revision, n: int) -> None:
    """Queries per completion by kind of step, then a cProfile of n more Alur runs (stderr)."""
    import cProfile
    import io
    import pstats
    from collections import defaultdict

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alur.runs import services, simulate

    user = get_user_model().objects.get(username="admin")
    core = revision.as_core()
    per_step: dict[str, list[int]] = defaultdict(list)
    seconds: dict[str, list[float]] = defaultdict(list)
    original = simulate.task_complete

    def counted(*, task, user, completion, now=None):
        step = core.step(task.step_no)
        label = f"{step.no} {step.act.value}" + (" (tidak)" if completion.approve is False else "")
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            result = original(task=task, user=user, completion=completion, now=now)
            seconds[label].append(time.perf_counter() - began)
        per_step[label].append(len(queries))
        return result

    simulate.task_complete = counted
    try:
        with CaptureQueriesContext(connection) as whole:
            transitions = sum(_alur_one(revision, user) for _ in range(3))
    finally:
        simulate.task_complete = original
    with CaptureQueriesContext(connection) as start:
        services.run_start(revision=revision, user=user, purpose="IKU (profile)", year=2026, now=START)
    print(f"\n[profile] {len(whole) / transitions:.1f} queries per transition over 3 runs "
          f"(drive's task look-up and run_start included); run_start alone: {len(start)} queries",
          file=sys.stderr)
    print(f"[profile] {'step act':<22} {'queries':>7} {'ms (mean)':>10}", file=sys.stderr)
    for label in sorted(per_step, key=lambda x: (int(x.split()[0]), x)):
        counts, times = per_step[label], seconds[label]
        mean_ms = 1000 * sum(times) / len(times)
        print(f"[profile] {label:<22} {sum(counts) / len(counts):>7.1f} {mean_ms:>10.2f}", file=sys.stderr)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        _alur_one(revision, user)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"alur/|commit|execute", 40)
    stats.sort_stats("tottime").print_stats(20)
    print(out.getvalue(), file=sys.stderr)


# -- entry point --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_iku", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=50, help="runs per engine (default 50)")
    parser.add_argument("--database-url", help="PostgreSQL server to bench on (a database "
                        f"'{BENCH_DB}' is created and dropped there), or a sqlite:/// file; default: a "
                        "fresh SQLite file in a temporary folder")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs per engine first (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database and temp folder")
    parser.add_argument("--bench-db", default=BENCH_DB, help=f"PostgreSQL database to create and drop "
                        f"(default {BENCH_DB}); give your own when others bench on the same server")
    parser.add_argument("--profile", action="store_true", help="afterwards, profile Alur (stderr)")
    parser.add_argument("--no-in-memory", dest="in_memory", action="store_false",
                        help="skip the engines-alone comparison")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("-n must be at least 1")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alur.settings.dev")
    tmp = tempfile.mkdtemp(prefix="alur-bench-")
    os.environ["MEDIA_ROOT"] = os.path.join(tmp, "media")
    pg_url = None
    if args.database_url and _is_postgres(args.database_url):
        pg_url = args.database_url
        _pg_recreate(pg_url, args.bench_db)
        os.environ["DATABASE_URL"] = _with_db_name(pg_url, args.bench_db)
    elif args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(tmp, 'bench.sqlite3')}"

    import django

    try:
        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import connection

        settings.DEBUG = False  # no query log: measure what production does
        settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
        revision = _prepare()
        spiff = SpiffBench(revision)
        admin = get_user_model().objects.get(username="admin")
        for _ in range(args.warmup):
            _alur_one(revision, admin)
            spiff.one()
        spiff.split = dict.fromkeys(spiff.split, 0.0)
        persisted = bench_both(revision, spiff, args.runs)
        memory = engines_in_memory(revision, spiff, args.runs) if args.in_memory else None
        statements = statements_per_completion(revision)
        vendor = connection.vendor
        if args.json:
            print(json.dumps({
                "database": vendor, "ratio": _ratio(*persisted),
                "results": [{**asdict(r), "rate": r.rate} for r in persisted],
                "in_memory": [{**asdict(r), "rate": r.rate} for r in memory] if memory else None,
                "spiff_split": spiff.split, "statements_per_completion": asdict(statements),
            }))
        else:
            print(report(vendor, persisted, memory, spiff.split, statements))
        if args.profile:
            _profile_alur(revision, max(5, args.runs // 5))
    finally:
        from django.db import connections

        connections.close_all()
        if pg_url and not args.keep:
            _pg_recreate(pg_url, args.bench_db, drop_only=True)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
