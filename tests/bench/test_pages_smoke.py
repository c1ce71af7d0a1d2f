"""bench.pages builds a tiny generated database and measures every page (subprocess: the bench sets
up Django with its own database)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pages_bench_measures_every_page_at_a_tiny_size(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    done = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--size", "tiny:2:2", "--dir", str(tmp_path), "--repeat", "1", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])["tiny"]
    assert figures.pop("_rows")["runs"] == 4
    assert len(figures) == 9
    for page, row in figures.items():
        assert row["status"] == 200, page
        assert row["ms"] > 0 and 0 < row["queries"] < 25, (page, row)
