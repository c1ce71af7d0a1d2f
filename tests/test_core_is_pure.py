"""alur.core stays plain Python: importing every one of its modules loads no Django (and no app).

Runs in a fresh interpreter, because this test process has Django loaded already."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import alur.core

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("django", "alur.sop", "alur.runs", "alur.org", "alur.audit", "alur.web", "alur.kinerja.models")


def core_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(alur.core.__path__, "alur.core."))


def test_core_has_modules_to_check():
    names = core_modules()
    assert "alur.core.sop.validate" in names and "alur.core.nip" in names and len(names) > 15


def test_every_core_module_imports_without_django():
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django' or m.startswith({FORBIDDEN!r}))\n"
        "print('\\n'.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"alur.core loads framework or app modules:\n{result.stdout}"
