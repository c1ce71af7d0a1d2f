"""The one lock order (alur/audit/locking.py), read from the source (issue 16 #5).

A `select_for_update()` joined to other tables locks their rows too on PostgreSQL (the office row,
under a realisation joined to its indicator and Renstra): that is how evidence and corrections
deadlocked with letters. So rows are locked in one place only, `locking.lock_rows`, which always
locks the queried table's own rows (OF self) with the strength an UPDATE takes (NO KEY)."""

import ast
from pathlib import Path

import pytest

import alur
from alur.audit.locking import lock_rows

PACKAGE = Path(alur.__file__).parent
LOCKING = PACKAGE / "audit" / "locking.py"


def _calls_named(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Attribute) and func.attr == name) or (isinstance(func, ast.Name)
                                                                           and func.id == name):
                yield node


def test_no_row_is_locked_outside_the_locking_module():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == LOCKING or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        offenders += [f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
                      for call in _calls_named(tree, "select_for_update")]
    assert not offenders, f"lock rows with alur.audit.locking.lock_rows, not select_for_update: {offenders}"


def test_the_locking_module_locks_only_the_rows_queried_with_no_key_strength():
    tree = ast.parse(LOCKING.read_text())
    calls = list(_calls_named(tree, "select_for_update"))
    assert len(calls) == 1
    keywords = {k.arg: ast.literal_eval(k.value) for k in calls[0].keywords}
    assert keywords == {"of": ("self",), "no_key": True}


@pytest.mark.django_db
def test_a_joined_lock_names_only_its_own_table_in_the_sql():
    from django.db import connection

    from alur.kinerja.models import Realisasi

    query = lock_rows(Realisasi.objects).select_related("indicator__renstra__office").filter(pk=1).query
    sql = str(query.get_compiler(connection=connection).as_sql()[0])
    if connection.features.has_select_for_update:
        assert sql.endswith('FOR NO KEY UPDATE OF "kinerja_realisasi"'), sql
    else:  # SQLite: one writer at a time, no row locks at all
        assert "FOR" not in sql.split("WHERE")[-1]
