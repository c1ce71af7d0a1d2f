"""Each list page's median time and query count at 10k and at 1M tasks (40 offices).

    .venv/bin/python -m bench.pages                       # 10k and 1m, databases in var/bench (built once)
    .venv/bin/python -m bench.pages --size 10k --size 1m --repeat 9
    .venv/bin/python -m bench.pages --size tiny:3:2 --dir /tmp/x --repeat 1 --json   # NAME:RUNS_PER_OFFICE:OFFICES

A size is a SQLite database built by `alur generate --offices O --years 5 --runs-per-office N --seed 1`
(10k = 8 offices x 105 runs, 10k40 = 40 x 21, 1m = 40 x 2150; ~12 tasks per run) and kept in `--dir` for the next run
(`--rebuild` builds it again). Each size is measured in its own process (Django binds its database at
start-up): every page is requested once to warm up, then `--repeat` times through Django's test
client (the whole request: middleware, session, view, template), and the median is printed; the
query count comes from one more request. Pages: the run list for one office, for a user with read
grants on all offices, the same filtered by "ada keterlambatan", a Plh's inbox, the letters list, the
run-start form, a run page, and the admin's trail and task lists. Goal: every page at 1M within 1.5x
of its 10k time and none over 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# 10k: 8 offices of 105 runs, so that one office's lists fill a page (50 rows) at both sizes and the
# ratio compares the same work; 10k40 spreads the same 10k tasks over 40 offices (half-empty pages).
SIZES = {"10k": (105, 8), "10k40": (21, 40), "1m": (2150, 40)}
AIM_RATIO, AIM_MS = 1.5, 200.0


def _size(text: str) -> tuple[str, int, int]:
    if text in SIZES:
        return (text, *SIZES[text])
    try:
        name, runs, offices = text.split(":")
        if name in SIZES:
            raise ValueError
        return name, int(runs), int(offices)
    except ValueError:
        raise argparse.ArgumentTypeError(f"size {text!r}: 10k, 1m or NAME:RUNS_PER_OFFICE:OFFICES") from None


def _env(db: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(DATABASE_URL=f"sqlite:///{db}", DJANGO_SETTINGS_MODULE="alur.settings.dev", DEBUG="0",
               ALLOWED_HOSTS="testserver,127.0.0.1,localhost")
    return env


def build(db: Path, runs: int, offices: int, *, rebuild: bool) -> None:
    if db.exists() and not rebuild:  # kept from an earlier run: only bring its tables up to date
        subprocess.run([sys.executable, "-m", "alur.cli", "migrate", "-v0"], env=_env(db), cwd=ROOT, check=True)
        return
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    alur = [sys.executable, "-m", "alur.cli"]
    env = _env(db)
    subprocess.run([*alur, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*alur, "generate", "--offices", str(offices), "--years", "5", "--runs-per-office", str(runs),
                    "--seed", "1"], env=env, cwd=ROOT, check=True)


def measure_here(repeat: int) -> dict:
    """Runs inside the size's own process: {page: {"ms": median, "queries": n, "status": code}}."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alur.runs.models import Run

    users = get_user_model()
    root, made = users.objects.get_or_create(username="bench-root", defaults={"is_superuser": True,
                                                                             "is_staff": True})
    run = Run.objects.filter(office__code="opd-01", status=Run.Status.SELESAI).order_by("-started_at").first()
    pages = [
        ("run list, own office", "kadis-opd-01", "/alur/"),
        ("run list, grants to all offices", "inspektorat", "/alur/"),
        ("run list, ada keterlambatan (all offices)", "inspektorat", "/alur/?late=1"),
        ("inbox of a Plh", "sekdis-opd-01", "/tugas/"),
        ("letters list", "admin-opd-01", "/surat-masuk/"),
        ("run start form", "admin-opd-01", "/alur/mulai/"),
        ("run page", "kadis-opd-01", f"/alur/{run.pk}/"),
        ("admin trail list", root.username, "/admin/audit/entry/"),
        ("admin task list", root.username, "/admin/runs/task/"),
    ]
    clients = {}
    result = {}
    for name, username, url in pages:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(users.objects.get(username=username))
        client = clients[username]
        status = client.get(url).status_code  # warm-up (caches, SQLite pages)
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - began) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        result[name] = {"ms": round(statistics.median(times), 1), "queries": len(queries), "status": status}
    from alur.runs.models import Task

    result["_rows"] = {"tasks": Task.objects.count(), "runs": Run.objects.count()}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", action="append", type=_size, help="10k, 1m or NAME:RUNS_PER_OFFICE:OFFICES")
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    parser.add_argument("--measure-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_here:
        print(json.dumps(measure_here(args.repeat)))
        return 0
    sizes = args.size or [_size("10k"), _size("1m")]
    figures = {}
    for name, runs, offices in sizes:
        db = args.dir / f"pages-{name}.sqlite3"
        build(db, runs, offices, rebuild=args.rebuild)
        done = subprocess.run([sys.executable, "-m", "bench.pages", "--measure-here", "--repeat", str(args.repeat)],
                              env=_env(db), cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr)
            return done.returncode
        figures[name] = json.loads(done.stdout.strip().splitlines()[-1])
    if args.json:
        print(json.dumps(figures))
        return 0
    _print(figures)
    return 0


def _print(figures: dict) -> None:
    names = list(figures)
    rows = {name: figures[name].pop("_rows") for name in names}
    print("sizes: " + "; ".join(f"{n} = {r['tasks']:,} tasks, {r['runs']:,} runs" for n, r in rows.items()))
    head = f"{'page':45}" + "".join(f"{n + ' ms':>11}{'q':>4}" for n in names)
    if len(names) == 2:
        head += f"{'ratio':>8}  aim"
    print(head)
    for page in figures[names[0]]:
        line = f"{page:45}" + "".join(f"{figures[n][page]['ms']:>11.1f}{figures[n][page]['queries']:>4}" for n in names)
        if len(names) == 2:
            small, big = figures[names[0]][page]["ms"], figures[names[1]][page]["ms"]
            ratio = big / small if small else float("inf")
            ok = ratio <= AIM_RATIO and big <= AIM_MS
            line += f"{ratio:>7.2f}x  {'ok' if ok else 'MISSED'}"
        bad = {n: figures[n][page]["status"] for n in names if figures[n][page]["status"] != 200}
        if bad:
            line += f"  HTTP {bad}"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
