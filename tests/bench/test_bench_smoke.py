"""The IKU benchmark runs end to end (2 runs per engine, throw-away SQLite) and reports rates.

It runs in a subprocess: the bench calls django.setup() with its own DATABASE_URL and settings,
which cannot happen inside this already configured pytest-django process.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_reports_positive_rates_for_both_engines():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env["DJANGO_SETTINGS_MODULE"] = "alur.settings.dev"
    env["DEBUG"] = "0"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run_iku", "-n", "2", "--warmup", "0", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["database"] == "sqlite"
    by_engine = {r["engine"]: r for r in result["results"]}
    assert set(by_engine) == {"Alur", "SpiffWorkflow"}
    for r in by_engine.values():
        assert r["runs"] == 2
        assert r["transitions"] == 22  # 11 completions per IKU run with one Tidak loop
        assert r["seconds"] > 0 and r["rate"] > 0
    assert result["ratio"] > 0
    assert all(r["rate"] > 0 for r in result["in_memory"])
