"""bench.load, bounded: a real gunicorn server on 127.0.0.1 and a few clients for a few seconds
(SQLite), then one kill -9 round. Every figure the probe prints must be zero and every check pass."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _probe(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT", "DJANGO_SETTINGS_MODULE")}
    done = subprocess.run([sys.executable, "-m", "bench.load", "--db", "sqlite", "--json", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=400)
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def test_mixed_load_on_sqlite_has_no_error_lost_act_or_gap():
    code, result = _probe("--clients", "8", "--seconds", "8")
    assert result["server_errors"] == 0, result["error_samples"]
    assert result["locked"] == 0
    assert not any(result["mismatches"].values()), result["mismatches"]
    assert result["replay_count"] == 0 and result["gaps"] == []
    assert result["ok"].get("letter", 0) > 0 and result["ok"].get("start", 0) > 0
    # kinerja writes are in the mix and in the books (client vs trail vs rows)
    assert "kinerja.realisasi.ubah (client ok vs trail)" in result["mismatches"]
    assert result["ok"].get("kinerja import", 0) > 0 and result["ok"].get("kinerja pk sign", 0) > 0, result["ok"]
    assert result["ok"].get("kinerja correction", 0) + result["ok"].get("kinerja evidence", 0) > 0, result["ok"]
    assert code == 0


def test_kill_9_during_completions_leaves_verifiable_books_and_no_orphan_file():
    code, result = _probe("--clients", "3", "--kill-rounds", "1", "--burst", "3")
    (round_,) = result["rounds"]
    assert round_["passed"], round_["checks"]
    assert round_["server errors"] == 0
    assert code == 0
