"""Time and SQL query count of each leaders' dashboard at two database sizes (10k and 1M tasks).

    .venv/bin/python -m bench.dashboards [--tasks 10000 1000000] [--offices 40] [--repeat 5] [--json]
    .venv/bin/python -m bench.dashboards --database-url postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python -m bench.dashboards --reuse sqlite:////tmp/10k.sqlite3 sqlite:////tmp/1m.sqlite3

For each size a fresh database is filled by `alur generate` (alur.sim.generate: 40 offices with the
demo organisation and the six seed SOPs, two years of letters and runs, bulk-inserted) with enough
runs per office for the wanted number of tasks; then `alur dashboard refresh` builds the timing
tables and their monthly summaries (its time is printed too: the one-off cost of the summaries; on a
reused database that was refreshed before it is only the incremental check). Each page is requested
through Django's test client (routing, view, selectors, template) once to warm up and `--repeat`
times timed, as a superuser; the figure printed is the median:

- now: `/dasbor/opd/<first office>/` (open runs and steps, overdue by person and unit, letters,
  workload over two years; includes the on-read timing refresh)
- realism: `/dasbor/opd/<first office>/sop/<RENJA>/` (per-step percentiles, histograms, flowchart)
- kabupaten: `/dasbor/kabupaten/` (all offices side by side)

The database is a temporary SQLite file (default) or, with --database-url postgres://…/db, a
database `alur_bench_dash` created and dropped through `db` (never touching `db`'s tables).
Exit status 1 when a page's query count grows with the data or its time at the largest size is
more than 1.5 × its time at the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

from bench.common import time_page

BENCH_DB = "alur_bench_dash"
TASKS_PER_RUN = 12  # what alur generate makes on average (measured: 10067 tasks / 840 runs)
LIMIT_RATIO = 1.5


def _database(url: str, folder: str, label: str) -> str:
    if not url:
        return f"sqlite:///{folder}/bench-{label}.sqlite3"
    if url.startswith("postgres"):
        import psycopg

        base, _, _ = url.rpartition("/")
        name = f"{BENCH_DB}_{label}"
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}"
    raise SystemExit("--database-url: hanya postgres://… (SQLite memakai berkas sementara)")


def _drop(url: str, label: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}_{label}"')


def measure(tasks: int, offices: int, repeat: int, reuse: bool = False) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from alur.dashboard.timings import refresh
    from alur.org.models import Office
    from alur.runs.models import Task
    from alur.sim.generate import Options, generate
    from alur.sop.models import SopRevision

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    if not reuse:
        runs_per_office = max(1, round(tasks / offices / TASKS_PER_RUN))
        generate(Options(offices=offices, years=2, runs_per_office=runs_per_office, seed=1, prefix="opd"),
                 progress=lambda text: print(text, file=sys.stderr))
    generated = time.perf_counter() - began
    began = time.perf_counter()
    for office in Office.objects.all():
        refresh(office)
    refreshed = time.perf_counter() - began
    office = Office.objects.order_by("code").first()
    renja = SopRevision.objects.filter(sop__office=office, nama__icontains="RENJA").first().sop_id
    user, _ = get_user_model().objects.get_or_create(username="bench-dash", defaults={"is_superuser": True})
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    pages = {"now": f"/dasbor/opd/{office.code}/", "realism": f"/dasbor/opd/{office.code}/sop/{renja}/",
             "kabupaten": "/dasbor/kabupaten/"}
    result = {"tasks": Task.objects.count(), "offices": Office.objects.count(), "generate_s": round(generated, 1),
              "refresh_s": round(refreshed, 1), "pages": {}}
    for name, url in pages.items():
        figures = time_page(client, url, repeat)
        result["pages"][name] = {"queries": figures["queries"], "median_ms": figures["median_ms"]}
    return result


def _run_one(tasks: int, offices: int, repeat: int, url: str, folder: str, reuse: str = "") -> dict:
    """One size in a child process: Django binds one database per process."""
    import subprocess

    database = reuse or _database(url, folder, str(tasks))
    env = dict(os.environ, DATABASE_URL=database, MEDIA_ROOT=os.path.join(folder, "media"))
    env.setdefault("DJANGO_SETTINGS_MODULE", "alur.settings.dev")
    extra = ["--reuse-child"] if reuse else []
    try:
        output = subprocess.run([sys.executable, "-m", "bench.dashboards", "--child", str(tasks), "--offices",
                                 str(offices), "--repeat", str(repeat), *extra], env=env, check=True,
                                capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stderr)
        raise
    finally:
        if url and not reuse:
            _drop(url, str(tasks))
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboards", description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--offices", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="", help="postgres://…/db (bawaan: SQLite sementara)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--reuse", nargs="+", default=[], metavar="DATABASE_URL",
                        help="ukur pada basis data yang sudah diisi 'alur generate' (kecil ke besar), tanpa membuat")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reuse-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        import django

        django.setup()
        from django.conf import settings

        settings.DEBUG = False
        print(json.dumps(measure(args.child, args.offices, args.repeat, reuse=args.reuse_child)))
        return 0
    folder = tempfile.mkdtemp(prefix="alur-bench-dash-")
    try:
        results = []
        plan = [(0, url) for url in args.reuse] or [(n, "") for n in sorted(args.tasks)]
        for n, reuse in plan:
            results.append(_run_one(n, args.offices, args.repeat, args.database_url, folder, reuse))
            print(json.dumps(results[-1]), file=sys.stderr)  # each size as soon as it is measured
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(results))
    else:
        urls = [args.database_url, *args.reuse]
        engine = "PostgreSQL" if any(url.startswith("postgres") for url in urls) else "SQLite"
        print(f"Dasbor pimpinan ({engine}, {args.offices} OPD, median dari {args.repeat} permintaan)")
        print(f"{'tugas':>10} {'buat s':>8} {'ringkas s':>9}  " + "  ".join(f"{p:>20}" for p in results[0]["pages"]))
        for r in results:
            cells = "  ".join(f"{v['median_ms']:>9} ms {v['queries']:>4} kueri" for v in r["pages"].values())
            print(f"{r['tasks']:>10} {r['generate_s']:>8} {r['refresh_s']:>9}  {cells}")
    status = 0
    small, large = results[0], results[-1]
    for page, figures in large["pages"].items():
        base = small["pages"][page]
        if figures["queries"] != base["queries"]:
            print(f"PERINGATAN: {page}: jumlah kueri {base['queries']} → {figures['queries']}", file=sys.stderr)
            status = 1
        if figures["median_ms"] > LIMIT_RATIO * base["median_ms"]:
            print(f"PERINGATAN: {page}: {figures['median_ms']} ms > {LIMIT_RATIO} × {base['median_ms']} ms",
                  file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
