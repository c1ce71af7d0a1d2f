"""Our UI text is written in Indonesian and passed through gettext; Django's own Indonesian catalog
must not turn one of our strings into something else. It did: the "No" (nomor urut) column of the
realism page read "Tidak", Django's word for the answer (issue 18 item 21)."""

import gettext
import re
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2] / "alur"
# gettext/_/gettext_lazy("…") in Python, {% translate "…" %} / {% trans "…" %} in templates; a string
# with a context (pgettext, `context "…"`) is looked up under that context, which Django never uses.
PY = re.compile(r'''(?<![\w.])(?:_|gettext|gettext_lazy|ngettext)\(\s*"([^"]+)"''')
TEMPLATE = re.compile(r'''{%\s*(?:translate|trans)\s+"([^"]+)"(?![^%]*\bcontext\b)''')


def _django_catalog() -> dict[str, str]:
    catalog: dict[str, str] = {}
    for mo in Path(django.__file__).parent.rglob("locale/id/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            catalog.update(gettext.GNUTranslations(handle)._catalog)
    return catalog


def _our_strings(pattern, suffix):
    for path in ROOT.rglob(f"*{suffix}"):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in pattern.finditer(line):
                yield match.group(1), f"{path.relative_to(ROOT.parent)}:{number}"


def test_no_string_of_ours_is_rewritten_by_djangos_catalog():
    catalog = _django_catalog()
    assert catalog.get("No") == "Tidak"  # the catalog is read (the collision this test guards against)
    rewritten = [f"{where}: {text!r} would read {catalog[text]!r}"
                 for pattern, suffix in ((PY, ".py"), (TEMPLATE, ".html"))
                 for text, where in _our_strings(pattern, suffix)
                 if text in catalog and catalog[text] != text]
    assert not rewritten, "\n".join(rewritten)
