"""The floors of docs/architecture.md: no module imports a floor above its own, except the known
exceptions listed in pyproject.toml, and that list only shrinks (issue 17).

Runs `lint-imports` (import-linter) in a fresh interpreter, like tests/test_core_is_pure.py."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# The known exceptions on the day the contract was written (issue 17 step S1). A step that removes an
# upward import deletes its entry and lowers this number; nothing raises it.
MOST_EXCEPTIONS = 0  # 17 at S1; S2 (audit below org, file hash, workdays urls) removed 8, S8 (alur.sim) 3,
# S5 (pengumpulan and the collection moved to kinerja) 5, S6 (lock sources) 1


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (floors,) = [contract for contract in config["contracts"] if contract["id"] == "floors"]
    return floors


def _lint(*config_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", *map(str, config_file)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})


def _floor_of(module: str, layers: list[str]) -> int:
    """The floor's index in the contract, 0 at the top."""
    for index, layer in enumerate(layers):
        names = [name.strip().strip("()") for name in layer.split("|")]
        if any(module == name or module.startswith(name + ".") for name in names):
            return index
    raise AssertionError(f"{module} is on no floor")


def test_no_module_imports_a_floor_above_its_own():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Alur floors (docs/architecture.md) KEPT" in result.stdout


def test_an_exception_that_matches_no_import_any_more_fails(tmp_path):
    """So the step that removes an upward import must also delete its exception."""
    contract = _contract()
    assert contract["unmatched_ignore_imports_alerting"] == "error"
    stale = "alur.core.text -> alur.web.views"  # core imports no app (tests/test_core_is_pure.py)
    ini = tmp_path / ".importlinter"
    ini.write_text("\n".join([
        "[importlinter]", "root_package = alur", "exclude_type_checking_imports = True", "",
        "[importlinter:contract:floors]", f"name = {contract['name']}", "type = layers",
        "unmatched_ignore_imports_alerting = error",
        "layers =", *(f"    {layer}" for layer in contract["layers"]),
        "ignore_imports =", *(f"    {line}" for line in [*contract["ignore_imports"], stale]), "",
    ]))
    result = _lint(ini)
    assert result.returncode != 0 and f"No matches for ignored import {stale}." in result.stdout + result.stderr


def test_every_exception_is_an_upward_import_and_the_list_only_shrinks():
    contract = _contract()
    exceptions = contract["ignore_imports"]
    downward = [line for line in exceptions
                if _floor_of(line.split(" -> ")[0], contract["layers"]) <= _floor_of(line.split(" -> ")[1],
                                                                                    contract["layers"])]
    assert not downward, f"not an exception (an import downward or on its own floor is allowed): {downward}"
    assert len(set(exceptions)) == len(exceptions) <= MOST_EXCEPTIONS, (
        f"{len(exceptions)} exceptions: the list only shrinks (at most {MOST_EXCEPTIONS}); fix the import instead")


def _function_imports_without_why() -> list[str]:
    """`alur` imports inside a function with no comment saying why: on the import, on the line
    before it, or above the block of imports it belongs to."""
    found = []
    for path in sorted((ROOT / "alur").rglob("*.py")):
        lines = path.read_text().splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            imports = [node for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom)]
            import_lines = {line for node in imports for line in range(node.lineno, node.end_lineno + 1)}
            for node in imports:
                if isinstance(node, ast.ImportFrom):
                    ours = node.level > 0 or (node.module or "").split(".")[0] == "alur"
                else:
                    ours = any(alias.name.split(".")[0] == "alur" for alias in node.names)
                if ours and not _says_why(lines, node, import_lines):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} in {function.name}()")
    return found


def _says_why(lines: list[str], node: ast.stmt, import_lines: set[int]) -> bool:
    if any("#" in lines[number - 1] for number in range(node.lineno, node.end_lineno + 1)):
        return True
    number = node.lineno - 1
    while number >= 1:
        text = lines[number - 1].strip()
        if text.startswith("#"):
            return True
        if text and number not in import_lines:
            return False
        number -= 1
    return False


def test_function_imports_say_why():
    """An import inside a function hides a dependency from the reader (and usually dodges a cycle):
    allowed where a comment says why (ready(), a lazy heavy library, a command kept light)."""
    assert not _function_imports_without_why(), "\n".join(_function_imports_without_why())


def test_the_why_rule_sees_an_unexplained_import(tmp_path, monkeypatch):
    """The rule above can fail: a module with one bare and one explained function import."""
    package = tmp_path / "alur"
    package.mkdir()
    (package / "sample.py").write_text(
        "def bare():\n    from alur.core import text\n\n\n"
        "def explained():\n    # lazy: heavy\n    from alur.core import text\n    from alur.core import nip\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _function_imports_without_why() == ["alur/sample.py:2 in bare()"]
