"""The one rule for free text in Alur: which characters no stored text may hold (issue 16 item 10).

Every text that reaches a row — a form field of any app, an SOP file, an imported cell — is checked
here. Refused: C0 control characters except tab, line feed and carriage return, DEL, C1 control
characters, lone surrogates and the non-characters U+FFFE/U+FFFF. None of them belongs in Indonesian
office text; each makes a DOCX/SVG/BPMN export invalid XML, and NUL is refused by PostgreSQL.
Plain Python: the web forms, the SOP validator and the import services all call it.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from typing import Any

FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile("[\t\n\r]")


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The 1-based position and the first character of `text` the rule refuses, or None."""
    found = FORBIDDEN_CHARACTERS.search(text)
    return None if found is None else (found.start() + 1, found.group())


def character_words(character: str) -> str:
    """How a refused character is named to the person who typed or uploaded it."""
    code = ord(character)
    if code == 0:
        kind = "karakter NUL"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "karakter surrogat tanpa pasangan"
    elif code in (0xFFFE, 0xFFFF):
        kind = "bukan-karakter"
    elif character in "\t\n\r":
        kind = "pindah baris atau tab"
    else:
        kind = "karakter kendali"
    return f"{kind} U+{code:04X}"


def text_problem(text: str, *, single_line: bool = False) -> str | None:
    """What is wrong with `text` under the rule ("karakter kendali U+0007 pada posisi 12"), or None.

    `single_line`: a field printed on one line (a number, a name) refuses tab and line breaks too.
    """
    found = forbidden_character(text)
    if found is None and single_line:
        line_break = LINE_BREAKS.search(text)
        found = None if line_break is None else (line_break.start() + 1, line_break.group())
    if found is None:
        return None
    position, character = found
    return f"{character_words(character)} pada posisi {position}"


def text_error(text: str, *, single_line: bool = False) -> str | None:
    """`text_problem` as a whole sentence for a form field or an import row."""
    problem = text_problem(text, single_line=single_line)
    return None if problem is None else f"Teks mengandung {problem}; hapus karakter itu."


def normalise_line_breaks(text: str) -> str:
    """Windows line ends (a browser's textarea sends \\r\\n) stored as one \\n."""
    return text.replace("\r\n", "\n")


def strip_forbidden(text: str) -> str:
    """`text` without the refused characters: for search boxes and for rendering rows stored before
    the rule existed, never for storing."""
    return FORBIDDEN_CHARACTERS.sub("", text)


def without_forbidden(value: Any) -> Any:
    """`value` (text, or dataclasses, tuples, lists and dicts holding text) with the refused
    characters stripped: what a writer renders of rows stored before the rule existed, so a DOCX is
    never refused by python-docx/lxml ("All strings must be XML compatible") over one stray byte."""
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple takes its fields one by one
        return type(value)(*(without_forbidden(item) for item in value))
    if isinstance(value, tuple | list):
        return type(value)(without_forbidden(item) for item in value)
    if isinstance(value, dict):
        return {key: without_forbidden(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {field.name: without_forbidden(getattr(value, field.name))
                   for field in dataclasses.fields(value) if field.init}
        return dataclasses.replace(value, **changed)
    return value


# A full stop after a name that already ends with one ("oleh Siti Aminah, S.H.."); an ellipsis stays.
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def single_stops(text: str) -> str:
    """`text` with a doubled full stop made one: a sentence that ends with a name or title
    abbreviated with a stop ("S.H.", "M.Si.") would otherwise print two."""
    return _DOUBLE_STOP.sub(".", text)
