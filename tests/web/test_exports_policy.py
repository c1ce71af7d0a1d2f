"""Every spreadsheet and CSV Alur writes goes through alur/kit/exports.py, and every XLSX it reads
through alur/files/xlsx.py (issue 16 items 8 and 9), read from the source like test_lock_order.py.

A module that built its own openpyxl Workbook or csv writer could write a user's "=HYPERLINK(…)" as a
live formula; one that called load_workbook itself would read a hostile XLSX without its bounds."""

import ast
from pathlib import Path

import alur

PACKAGE = Path(alur.__file__).parent
ALLOWED = {
    "Workbook": PACKAGE / "kit" / "exports.py",
    "writer": PACKAGE / "kit" / "exports.py",  # csv.writer
    "DictWriter": PACKAGE / "kit" / "exports.py",
    "load_workbook": PACKAGE / "files" / "xlsx.py",
}
MODULES = {"Workbook": "openpyxl", "load_workbook": "openpyxl", "writer": "csv", "DictWriter": "csv"}


def _uses(tree: ast.AST):
    """(name, line) of every import or attribute use of the guarded names from their module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in set(MODULES.values()):
            for alias in node.names:
                if MODULES.get(alias.name) == node.module.split(".")[0]:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.Attribute) and node.attr in MODULES:
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id == MODULES[node.attr]:
                yield node.attr, node.lineno


def test_only_the_export_and_xlsx_modules_build_read_or_write_spreadsheets():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        offenders += [f"{path.relative_to(PACKAGE.parent)}:{line} {name}" for name, line in _uses(tree)
                      if ALLOWED[name] != path]
    assert not offenders, ("build workbooks and csv writers with alur.kit.exports (new_workbook, workbook_bytes, "
                           f"csv_writer) and read XLSX with alur.files.xlsx.read_sheet: {offenders}")


def test_the_checker_sees_each_way_of_reaching_the_guarded_names():
    source = ("import csv\nimport openpyxl\nfrom openpyxl import Workbook\nfrom openpyxl.reader.excel import "
              "load_workbook\nw = csv.writer(x)\nb = openpyxl.Workbook()\nd = csv.DictWriter(x, [])\n")
    assert sorted(_uses(ast.parse(source))) == [("DictWriter", 7), ("Workbook", 3), ("Workbook", 6),
                                                ("load_workbook", 4), ("writer", 5)]


def test_the_allowed_modules_are_where_the_names_are_used():
    for name in ("Workbook", "writer", "load_workbook"):  # DictWriter is allowed there, not needed
        path = ALLOWED[name]
        assert any(found == name for found, _line in _uses(ast.parse(path.read_text()))), (name, path)
