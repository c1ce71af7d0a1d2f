"""Check one SOP in its dict form and say, in Bahasa Indonesia, what is wrong and where.

`validate_sop_dict` takes the data as read from a YAML file (waktu written "10 Menit") or as the
dict contract of `Sop.to_dict` (waktu as {amount, unit}) and returns a list of `Issue`. It never
raises on bad input: garbage, wrong types and missing keys all become issues.

Two passes: the JSON Schema (schema/sop.schema.json: keys and types), then meaning (numbering,
actors, flow, dates, NIP, waktu) and advice (warnings). Errors make a SOP unusable; warnings are
shown to the author but do not block.
"""

from __future__ import annotations

import copy
import difflib
import json
import math
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from alur.core.errors import ValidationError
from alur.core.nip import validate_nip
from alur.core.sop import kinds
from alur.core.sop.vocabulary import STEP_TEXT_FIELDS, VALIDATOR_TYPOS
from alur.core.sop.vocabulary import VALIDATOR_TYPO_RE as _TYPO_RE
from alur.core.sop.waktu import parse_waktu
from alur.core.text import text_problem

ERROR = "error"
WARNING = "warning"

SCHEMA_PATH = Path(__file__).with_name("schema") / "sop.schema.json"

FieldPath = tuple[Any, ...]
LineOf = Callable[[FieldPath], "int | None"]

DATE_FIELDS = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan", "tanggal_efektif")
# Fields that are one line on the document: a tab or line break there is a control character too.
SINGLE_LINE_FIELDS = frozenset({"nomor", "nama", "jabatan", "nip", "actors", "sop_links", "unit", *(
    "tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan", "tanggal_efektif")})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIELD_PATH = re.compile(r"^[A-Za-z_]+(\[\d+\])*(\.[A-Za-z_]+(\[\d+\])*)*$")

_LABELS = {
    "nomor": "Nomor SOP",
    "nama": "Nama SOP",
    "actors": "Daftar pelaksana",
    "steps": "Daftar langkah",
    "no": "Nomor langkah",
    "kegiatan": "Kegiatan",
    "amount": "Jumlah waktu",
    "unit": "Satuan waktu",
    "field": "Kolom koreksi",
    "original": "Teks asli",
}
_TYPE_WORDS = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "bilangan",
    "boolean": "true atau false",
    "array": "daftar",
    "object": "pemetaan (kunci: nilai)",
    "null": "kosong",
}


@dataclass(frozen=True)
class Issue:
    """One finding: where (file, line, field path) and what (message in Bahasa Indonesia)."""

    severity: str  # "error" or "warning"
    file: str
    line: int | None
    field: str  # a path such as "steps[4].next_no" (list indexes count from 0)
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = self.file or "<sop>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        parts = [where]
        if not self.is_error:
            parts.append("peringatan")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


def has_errors(issues) -> bool:
    return any(issue.is_error for issue in issues)


def format_path(path) -> str:
    """("steps", 4, "next_no") -> "steps[4].next_no"."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def parse_field_path(text: str) -> FieldPath | None:
    """"dasar_hukum[2]" -> ("dasar_hukum", 2); None when it is not a field path."""
    if not isinstance(text, str) or not _FIELD_PATH.match(text):
        return None
    tokens = re.findall(r"\[\d+\]|[^.\[]+", text)
    return tuple(int(tok[1:-1]) if tok.startswith("[") else tok for tok in tokens)


def validate_sop_dict(data: Any, filename: str = "", line_of: LineOf | None = None) -> list[Issue]:
    """Return every problem found in `data` (errors and warnings), ordered by line.

    `line_of(path)` maps a field path such as ("steps", 4, "next_no") to its line in the source
    file (or None); without it issues carry no line.
    """
    out = _Collector(filename, line_of)
    if not isinstance(data, dict):
        out.error(
            (),
            "Isi SOP harus berupa pemetaan kunci: nilai (nomor:, nama:, actors:, steps:, …), "
            f"bukan {_describe(data)}.",
        )
        return out.sorted()
    _check_schema(data, out)
    _check_identity(data, out)
    declared = _check_declared_actors(data, out)
    steps = data.get("steps") if isinstance(data.get("steps"), list) else []
    _check_steps(steps, declared, out)
    _check_flow(steps, out)
    _check_corrections(data, out)
    _check_typos(data, out)
    _check_characters(data, out)
    return out.sorted()


# -- plumbing ---------------------------------------------------------------------------------


class _Collector:
    def __init__(self, filename: str, line_of: LineOf | None):
        self.filename = filename or ""
        self.line_of = line_of
        self.issues: list[Issue] = []
        self._seen: set[tuple] = set()

    def add(self, severity: str, path: FieldPath, message: str) -> None:
        key = (severity, tuple(map(str, path)), message)
        if key in self._seen:
            return
        self._seen.add(key)
        line = None
        if self.line_of is not None:
            try:
                line = self.line_of(tuple(path))
            except (LookupError, TypeError, AttributeError, ValueError):  # a broken map must not hide the issue
                line = None
        self.issues.append(Issue(severity, self.filename, line, format_path(path), message))

    def error(self, path: FieldPath, message: str) -> None:
        self.add(ERROR, path, message)

    def warn(self, path: FieldPath, message: str) -> None:
        self.add(WARNING, path, message)

    def sorted(self) -> list[Issue]:
        return sorted(self.issues, key=lambda i: (i.line is None, i.line or 0))


def _describe(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return f"nilai {str(value).lower()}"
    if isinstance(value, int):
        return f"bilangan {value}"
    if isinstance(value, float):
        return f"bilangan {value}"
    if isinstance(value, str):
        return f"teks {_short(value)}"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan (kunci: nilai)"
    return f"nilai bertipe {type(value).__name__}"


def _short(value: Any, limit: int = 60) -> str:
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # e.g. an int beyond Python's digit limit
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# -- pass 1: JSON Schema --------------------------------------------------------------------


@cache
def _schema_file() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator(acts: tuple[str, ...]) -> Draft202012Validator:
    """The schema with the step's `act` enum filled from the kind registry (the file lists the
    built-ins, for editors reading it); one validator per set of registered kinds."""
    schema = copy.deepcopy(_schema_file())
    schema["$defs"]["step"]["properties"]["act"]["enum"] = list(acts)
    return Draft202012Validator(schema)


def _check_schema(data: dict, out: _Collector) -> None:
    for error in _validator(kinds.values()).iter_errors(data):
        for path, message in _translate(error):
            out.error(path, message)


def _translate(error) -> Iterator[tuple[FieldPath, str]]:
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    last = path[-1] if path else None
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else list(expected)
        if last in DATE_FIELDS:
            yield path, (
                f"Harus berupa tanggal TTTT-BB-HH (mis. 2022-01-04) atau kosong, bukan {_describe(value)}."
            )
            return
        words = " atau ".join(_TYPE_WORDS.get(t, t) for t in expected if t != "null")
        if "null" in expected:
            words += " atau kosong"
        message = f"Harus berupa {words}, bukan {_describe(value)}."
        if last == "nip" and _is_int(value):
            message += " Tulis NIP dalam tanda kutip, mis. '197009301997031003'."
        yield path, message
    elif kind == "required":
        for key in error.validator_value:
            if isinstance(value, dict) and key not in value:
                yield path + (key,), f"{_LABELS.get(key, key)} wajib diisi."
    elif kind == "additionalProperties":
        known = list((error.schema.get("properties") or {}).keys())
        for key in value if isinstance(value, dict) else ():
            if key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1)
                suggestion = f" Maksudnya {hint[0]!r}?" if hint else ""
                yield path + (key,), f"Kunci {_short(key)} tidak dikenal.{suggestion}"
    elif kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        yield path, f"Nilai {_short(value)} tidak dikenal; pilih salah satu: {choices}."
    elif kind == "minimum":
        yield path, f"Harus bernilai paling kecil {error.validator_value}, bukan {_short(value)}."
    elif kind == "exclusiveMinimum":
        yield path, f"Harus lebih dari {error.validator_value}, bukan {_short(value)}."
    elif kind == "minLength":
        yield path, "Tidak boleh kosong."
    elif kind == "minItems":
        if path == ("steps",):
            yield path, "SOP harus memiliki paling sedikit satu langkah."
        elif path == ("actors",):
            yield path, "Daftar pelaksana tidak boleh kosong."
        else:
            yield path, f"Harus berisi paling sedikit {error.validator_value} butir."
    elif kind == "anyOf" and last == "waktu":
        yield path, (
            f"Waktu harus ditulis seperti '10 Menit', '2 Jam' atau '1 Hari', bukan {_describe(value)}."
        )
    else:
        yield path, f"Nilai {_short(value)} tidak sah ({kind})."


# -- pass 2: meaning --------------------------------------------------------------------------


def _parse_date(value: Any) -> tuple[date | None, bool]:
    """(date or None, ok). Empty string and None are an absent date."""
    if value is None or value == "":
        return None, True
    if not isinstance(value, str):
        return None, False  # reported by the schema
    if not _ISO_DATE.match(value.strip()):
        return None, False
    try:
        return date.fromisoformat(value.strip()), True
    except ValueError:
        return None, False


def _check_identity(data: dict, out: _Collector) -> None:
    nomor = _text(data.get("nomor"))
    if nomor is not None and not nomor.strip():
        out.warn(("nomor",), "Nomor SOP belum diisi.")
    dates: dict[str, date | None] = {}
    for key in DATE_FIELDS:
        value = data.get(key)
        parsed, ok = _parse_date(value)
        dates[key] = parsed
        if not ok and isinstance(value, str):
            hint = " Kosongkan (null) bila tidak ada." if value.strip() in ("-", "–") else ""
            out.error(
                (key,),
                f"Tanggal {_short(value)} tidak valid; tulis TTTT-BB-HH, mis. 2022-01-04.{hint}",
            )
    made, revised, approved = (dates[k] for k in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan"))
    if made and approved and approved < made:
        out.error(
            ("tanggal_pengesahan",),
            f"Tanggal pengesahan ({approved.isoformat()}) tidak boleh sebelum tanggal pembuatan "
            f"({made.isoformat()}).",
        )
    if made and revised and revised < made:
        out.error(
            ("tanggal_revisi",),
            f"Tanggal revisi ({revised.isoformat()}) tidak boleh sebelum tanggal pembuatan "
            f"({made.isoformat()}).",
        )
    effective = dates["tanggal_efektif"]
    if effective and approved and effective < approved:
        out.error(
            ("tanggal_efektif",),
            f"Tanggal efektif ({effective.isoformat()}) tidak boleh sebelum tanggal pengesahan "
            f"({approved.isoformat()}).",
        )
    if "tanggal_pengesahan" not in data or data.get("tanggal_pengesahan") in (None, ""):
        out.warn(("tanggal_pengesahan",), "Tanggal pengesahan belum diisi.")

    approver = data.get("disahkan_oleh")
    if approver is None:
        out.warn(("disahkan_oleh",), "Pengesah SOP (disahkan_oleh) belum diisi.")
    elif isinstance(approver, dict):
        for key, label in (("jabatan", "Jabatan"), ("nama", "Nama")):
            text = approver.get(key)
            if text is None or (isinstance(text, str) and not text.strip()):
                out.warn(("disahkan_oleh", key), f"{label} pengesah belum diisi.")
        nip = approver.get("nip")
        if nip is None or (isinstance(nip, str) and not nip.strip()):
            out.warn(("disahkan_oleh", "nip"), "NIP pengesah belum diisi.")
        elif isinstance(nip, str):
            try:
                validate_nip(nip)
            except ValidationError as exc:
                out.error(("disahkan_oleh", "nip"), exc.message)

    for key, message in (
        ("dasar_hukum", "Dasar hukum belum diisi."),
        ("peringatan", "Peringatan belum diisi (apa akibatnya bila SOP tidak dilaksanakan)."),
    ):
        value = data.get(key)
        if value is None or value == []:
            out.warn((key,), message)


def _check_declared_actors(data: dict, out: _Collector) -> list[str]:
    actors = data.get("actors")
    if not isinstance(actors, list):
        return []
    declared: list[str] = []
    for index, name in enumerate(actors):
        if not isinstance(name, str) or not name:
            continue
        if name in declared:
            out.error(("actors", index), f"Pelaksana {name!r} ditulis dua kali di actors.")
            continue
        declared.append(name)
    used = set()
    for step in data.get("steps") if isinstance(data.get("steps"), list) else ():
        if isinstance(step, dict) and isinstance(step.get("actors"), list):
            used.update(a for a in step["actors"] if isinstance(a, str))
    for index, name in enumerate(actors):
        if isinstance(name, str) and name and name not in used and actors.index(name) == index:
            out.warn(("actors", index), f"Pelaksana {name!r} tidak melakukan langkah apa pun.")
    return declared


def _step_nos(steps: list) -> set[int]:
    return {s["no"] for s in steps if isinstance(s, dict) and _is_int(s.get("no"))}


def _check_steps(steps: list, declared: list[str], out: _Collector) -> None:
    count = len(steps)
    existing = _step_nos(steps)
    for index, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        here = ("steps", index)
        no = step.get("no")
        if _is_int(no) and no != index + 1:
            out.error(
                here + ("no",),
                f"Nomor langkah harus {index + 1}, bukan {no}: langkah dinomori 1 sampai {count} "
                "berurutan.",
            )
        label = f"Langkah {no}" if _is_int(no) else f"Langkah ke-{index + 1}"

        actors = step.get("actors")
        if isinstance(actors, list):
            if not actors:
                out.error(here + ("actors",), "Langkah harus memiliki paling sedikit satu pelaksana.")
            seen: set[str] = set()
            for j, name in enumerate(actors):
                if not isinstance(name, str) or not name:
                    continue
                if name in seen:
                    out.warn(here + ("actors", j), f"Pelaksana {name!r} ditulis dua kali di langkah ini.")
                seen.add(name)
                if name not in declared:
                    hint = difflib.get_close_matches(name, declared, n=1)
                    suggestion = f" Maksudnya {hint[0]!r}?" if hint else ""
                    out.error(
                        here + ("actors", j),
                        f"Pelaksana {name!r} tidak ada di daftar pelaksana.{suggestion}",
                    )

        kind = step.get("kind", "process")
        is_decision = kind == "decision"
        is_terminator = kind == "terminator"
        if index in (0, count - 1) and not is_terminator and isinstance(kind, str):
            which = "pertama" if index == 0 else "terakhir"
            out.error(here + ("kind",), f"Langkah {which} harus berupa terminator (simbol awal/akhir).")
        elif 0 < index < count - 1 and is_terminator:
            out.error(here + ("kind",), "Hanya langkah pertama dan terakhir yang boleh berupa terminator.")

        for key, branch in (("next_yes", "Ya"), ("next_no", "Tidak")):
            target = step.get(key)
            if is_decision:
                if target is None:
                    out.error(
                        here + (key,),
                        f"Langkah keputusan harus menyebut langkah tujuan bila {branch}.",
                    )
                elif _is_int(target):
                    if target not in existing:
                        out.error(here + (key,), f"Langkah tujuan {target} tidak ada.")
                    elif target == no:
                        out.error(here + (key,), "Langkah keputusan tidak boleh menuju dirinya sendiri.")
            elif target is not None and isinstance(kind, str):
                out.error(
                    here + (key,),
                    f"Hanya langkah keputusan yang boleh memiliki langkah tujuan bila {branch}.",
                )
        if is_decision:
            yes, no_ = step.get("next_yes"), step.get("next_no")
            if _is_int(yes) and yes == no_:
                out.warn(here, f"{label}: cabang Ya dan Tidak menuju langkah yang sama ({yes}).")
            if step.get("act", "kerja") != "periksa":
                out.warn(here + ("act",), "Langkah keputusan biasanya bertindak 'periksa'.")

        waktu = step.get("waktu")
        if isinstance(waktu, str):
            try:
                parse_waktu(waktu)
            except ValidationError as exc:
                out.error(here + ("waktu",), exc.message)
        elif waktu is None:
            out.warn(here + ("waktu",), "Waktu belum diisi.")
        elif isinstance(waktu, dict) and isinstance(waktu.get("amount"), float):
            if not math.isfinite(waktu["amount"]):
                out.error(here + ("waktu", "amount"), "Jumlah waktu harus bilangan terhingga.")

        for key, message in (("kelengkapan", "Kelengkapan kosong."), ("output", "Output kosong.")):
            value = step.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                out.warn(here + (key,), message)

        if step.get("actor_confirmed") is not True:
            reason = step.get("actor_reason")
            if isinstance(reason, str) and reason.strip():
                out.warn(here + ("actor_confirmed",), "Pelaksana langkah ini perlu dikonfirmasi.")
            else:
                out.warn(
                    here + ("actor_confirmed",),
                    "Pelaksana langkah ini perlu dikonfirmasi dan alasan pemilihannya kosong.",
                )


def _check_flow(steps: list, out: _Collector) -> None:
    """Reachability from step 1; only when the steps are numbered 1..n (else already reported)."""
    count = len(steps)
    if count == 0 or any(
        not isinstance(s, dict) or not _is_int(s.get("no")) or s["no"] != i + 1 for i, s in enumerate(steps)
    ):
        return
    successors: dict[int, list[int]] = {}
    for step in steps:
        no = step["no"]
        if step.get("kind") == "decision":
            targets = [step.get("next_yes"), step.get("next_no")]
            successors[no] = [t for t in targets if _is_int(t) and 1 <= t <= count]
        else:
            successors[no] = [no + 1] if no < count else []
    reached = _reach(1, successors)
    for no in range(2, count):
        if no not in reached:
            out.error(("steps", no - 1), f"Langkah {no} tidak dapat dicapai dari langkah 1.")
    if count not in reached:
        out.error(("steps", count - 1), f"Langkah terakhir ({count}) tidak dapat dicapai dari langkah 1.")
        return
    predecessors: dict[int, list[int]] = {no: [] for no in successors}
    for no, targets in successors.items():
        for target in targets:
            predecessors[target].append(no)
    finishing = _reach(count, predecessors)
    for no in sorted(reached - finishing):
        out.error(
            ("steps", no - 1),
            f"Dari langkah {no} alur tidak pernah sampai ke langkah terakhir ({count}).",
        )


def _reach(start: int, edges: dict[int, list[int]]) -> set[int]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _resolve(data: Any, path: FieldPath) -> tuple[bool, Any]:
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return False, None
        elif not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _check_corrections(data: dict, out: _Collector) -> None:
    def check(items: Any, base: FieldPath, owner: Any, allowed: tuple[str, ...] | None) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            field, original = item.get("field"), item.get("original")
            if not isinstance(field, str) or not isinstance(original, str):
                continue
            here = base + ("corrections", index, "field")
            if allowed is not None:
                if field not in allowed:
                    out.error(
                        here,
                        f"Kolom koreksi {field!r} bukan kolom langkah; pilih salah satu: "
                        f"{', '.join(allowed)}.",
                    )
                    continue
                found, current = (field in owner), owner.get(field)
            else:
                path = parse_field_path(field)
                found, current = _resolve(owner, path) if path else (False, None)
                if not found or path[0] == "corrections":
                    out.error(here, f"Kolom koreksi {field!r} tidak ditemukan di SOP.")
                    continue
            if found and isinstance(current, str) and current == original:
                out.warn(
                    base + ("corrections", index, "original"),
                    "Koreksi tidak mengubah apa pun: teks asli sama dengan teks sekarang.",
                )

    check(data.get("corrections"), (), data, None)
    steps = data.get("steps")
    for index, step in enumerate(steps if isinstance(steps, list) else ()):
        if isinstance(step, dict):
            check(step.get("corrections"), ("steps", index), step, STEP_TEXT_FIELDS)


def typo_flags(data: dict) -> list[tuple[str, str]]:
    """The suspected typos of an SOP as (where in words, what): shown on the SOP page, since Alur
    keeps an SOP's text as the office wrote it and only the office corrects it (in a revision)."""
    out = _Collector("", None)
    _check_typos(data, out)
    return [(field_words(parse_field_path(issue.field) or ()), issue.message) for issue in out.issues]


def _check_typos(data: dict, out: _Collector) -> None:
    budget = [20000]  # bounded walk: YAML aliases can make huge or cyclic structures

    def walk(value: Any, path: FieldPath, depth: int) -> None:
        budget[0] -= 1
        if budget[0] < 0 or depth > 6:
            return
        if isinstance(value, str):
            for match in _TYPO_RE.finditer(value):
                word = match.group(1)
                out.warn(path, f"Kemungkinan salah ketik {word!r}; maksudnya {VALIDATOR_TYPOS[word.lower()]!r}?")
        elif isinstance(value, dict):
            for key, item in list(value.items()):
                if key != "corrections":  # originals keep their typos on purpose
                    walk(item, path + (key,), depth + 1)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,), depth + 1)

    walk(data, (), 0)


_FIELD_WORDS = {
    "nomor": "Nomor SOP", "nama": "Nama SOP", "actors": "Pelaksana", "jabatan": "Jabatan pengesah",
    "nip": "NIP pengesah", "tanggal_pembuatan": "Tanggal pembuatan", "tanggal_revisi": "Tanggal revisi",
    "tanggal_pengesahan": "Tanggal pengesahan", "tanggal_efektif": "Tanggal efektif", "dasar_hukum": "Dasar hukum",
    "kualifikasi_pelaksana": "Kualifikasi pelaksana", "keterkaitan": "Keterkaitan",
    "peralatan": "Peralatan/perlengkapan", "peringatan": "Peringatan", "pencatatan": "Pencatatan dan pendataan",
    "kegiatan": "Kegiatan", "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output",
    "keterangan": "Keterangan", "sop_links": "Tautan SOP", "actor_reason": "Alasan pemilihan pelaksana",
    "corrections": "Koreksi", "field": "Kolom koreksi", "original": "Teks asli",
}


def field_words(path: FieldPath) -> str:
    """A field path in words a person reads: ("steps", 3, "kegiatan") -> "Kegiatan langkah 4"."""
    step = None
    named = [part for part in path if isinstance(part, str)]
    if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
        step = path[1] + 1
    name = next((part for part in reversed(named) if part in _FIELD_WORDS), None)
    words = _FIELD_WORDS.get(name, "Isi SOP") if name else "Isi SOP"
    if step is not None:
        words += f" langkah {step}"
    if isinstance(path[-1] if path else None, int) and (step is None or len(path) > 3):
        words += f" butir ke-{path[-1] + 1}"
    return words


def _check_characters(data: dict, out: _Collector) -> None:
    """Refuse control characters (and NUL) in every text of the SOP, naming the field."""
    budget = [200_000]

    def walk(value: Any, path: FieldPath, depth: int) -> None:
        budget[0] -= 1
        if budget[0] < 0 or depth > 10:
            return
        if isinstance(value, str):
            # The same rule as every form and import of Alur (alur.core.text).
            single_line = any(part in SINGLE_LINE_FIELDS for part in path if isinstance(part, str))
            problem = text_problem(value, single_line=single_line)
            if problem is not None:
                out.error(path, f"{field_words(path)} mengandung {problem}; hapus karakter itu.")
        elif isinstance(value, dict):
            for key, item in list(value.items()):
                walk(item, path + (key,), depth + 1)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,), depth + 1)

    walk(data, (), 0)
