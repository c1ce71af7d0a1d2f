import subprocess
import sys


def test_kinerja_core_imports_no_django():
    code = (
        "import sys, alur.core.kinerja\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django' or m.startswith('alur.') "
        "and not m.startswith('alur.core'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
