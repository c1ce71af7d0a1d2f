"""One YAML file per SOP: read it (with line-numbered issues in Bahasa Indonesia) and write it.

The keys are the dict contract of `Sop.to_dict` with one friendlier spelling: `waktu` is written
as text ("10 Menit", "2 Jam", "1 Hari") and read with `parse_waktu`; the {amount, unit} mapping
of the contract is accepted too. An optional top-level `corrections` list records typos
corrected in identity fields (see docs/sop-format.md).

The YAML dialect is YAML 1.2-like on purpose: only true/false are booleans (so the key `no:` is
the text "no", not False) and dates stay text (validated as TTTT-BB-HH). Read the files with
this module, not with a bare `yaml.safe_load`.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from alur.core.nip import validate_nip
from alur.core.sop.model import Sop, Step, Waktu
from alur.core.sop.validate import ERROR, FieldPath, Issue, format_path, has_errors, validate_sop_dict
from alur.core.sop.waktu import parse_waktu

logger = logging.getLogger(__name__)
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _yaml12_resolvers(base: type) -> dict:
    return {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }


# Limits checked while composing, before anything is built or validated: an SOP is a few hundred
# nodes and never needs aliases, while a "billion laughs" file multiplies a few aliases into an
# exponential structure that would keep the validator busy for minutes.
MAX_TEXT_CHARS = 1_000_000
MAX_NODES = 50_000
MAX_ALIASES = 50


class TooLarge(yaml.YAMLError):
    """The document exceeds one of the limits above; `reason` says which, in Bahasa Indonesia."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Loader(yaml.SafeLoader):
    """SafeLoader without yes/no/on/off booleans and without implicit dates, that counts what it
    composes and stops at the limits above."""

    def __init__(self, stream):
        if isinstance(stream, str) and len(stream) > MAX_TEXT_CHARS:
            raise TooLarge(f"teks terlalu panjang ({len(stream):,} karakter; paling banyak {MAX_TEXT_CHARS:,})")
        super().__init__(stream)
        self._nodes = 0
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise TooLarge(f"terlalu banyak alias YAML (*nama; paling banyak {MAX_ALIASES})")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise TooLarge(f"terlalu banyak unsur ({MAX_NODES:,} lebih)")
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = _yaml12_resolvers(yaml.SafeLoader)
_Loader.add_implicit_resolver(_BOOL_TAG, _BOOL_RE, list("tTfF"))


class _Dumper(yaml.SafeDumper):
    """Writes what `_Loader` reads back; indents lists under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = _yaml12_resolvers(yaml.SafeDumper)
_Dumper.add_implicit_resolver(_BOOL_TAG, _BOOL_RE, list("tTfF"))


class _FlowList(list):
    pass


_LINE_BREAKS_YAML_FOLDS = re.compile("[\r\x85\u2028\u2029\ufeff]")


def _represent_str(dumper: yaml.SafeDumper, value: str):
    # YAML treats NEL/LS/PS/CR as line breaks and folds them in plain or single-quoted text;
    # only a double-quoted scalar (with escapes) keeps them.
    style = '"' if _LINE_BREAKS_YAML_FOLDS.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _represent_flow_list(dumper: yaml.SafeDumper, value: list):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_FlowList, _represent_flow_list)

_YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "tanda ':' tidak boleh di sini (teks yang memuat ': ' perlu diberi tanda kutip)"
    ),
    "could not find expected ':'": "tanda ':' yang diharapkan tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai untuk indentasi",
    "expected <block end>, but found '<block sequence start>'": "indentasi daftar tidak konsisten",
    "expected <block end>, but found '<block mapping start>'": "indentasi tidak konsisten",
    "expected a single document in the stream": "berkas hanya boleh berisi satu dokumen YAML",
    "found undefined alias": "alias tidak dikenal",
    "found unhashable key": "kunci tidak boleh berupa daftar atau pemetaan",
    "but found another document": "berkas hanya boleh berisi satu dokumen YAML",
    "could not determine a constructor for the tag": "tag YAML tidak diizinkan",
}


# -- reading ----------------------------------------------------------------------------------


def load_sop_file(path: str | os.PathLike) -> tuple[Sop | None, list[Issue]]:
    """Read one SOP YAML file. Returns (Sop, warnings) or (None, issues with the errors)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_TEXT_CHARS * 4 + 1)  # UTF-8: at most 4 bytes a character
    except OSError as exc:
        return None, [Issue(ERROR, name, None, "", f"Berkas tidak dapat dibuka: {exc.strerror or exc}.")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue(ERROR, name, line, "", f"Berkas bukan teks UTF-8 (byte ke-{exc.start + 1}).")]
    return load_sop_text(text, name)


def load_sop_text(text: Any, filename: str = "<teks>") -> tuple[Sop | None, list[Issue]]:
    """Read one SOP from YAML text; never raises on bad input."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [Issue(ERROR, filename, None, "", f"Teks bukan UTF-8 (byte ke-{exc.start + 1}).")]
    if not isinstance(text, str):
        return None, [Issue(ERROR, filename, None, "", "Isi SOP harus berupa teks YAML.")]
    node, data, issue = _parse(text, filename)
    if issue is not None:
        return None, [issue]
    if node is None:
        return None, [Issue(ERROR, filename, 1, "", "Berkas SOP kosong.")]
    lines = NodeLines(node)
    issues = _duplicate_keys(node, filename) + validate_sop_dict(data, filename, lines)
    issues.sort(key=lambda i: (i.line is None, i.line or 0))
    if has_errors(issues):
        return None, issues
    try:
        sop = sop_from_yaml_data(data)
    except Exception as exc:  # noqa: BLE001 - validated data always builds; if not, it is a bug: logged
        logger.exception("a validated SOP could not be built (%s)", filename)
        return None, issues + [Issue(ERROR, filename, None, "", f"SOP tidak dapat dibentuk: {exc}.")]
    return sop, issues


def read_yaml_data(text: str) -> Any:
    """The raw data of YAML text in this module's dialect (raises yaml.YAMLError); no checks."""
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no arbitrary objects


def _parse(text: str, filename: str) -> tuple[Node | None, Any, Issue | None]:
    loader = None
    try:
        loader = _Loader(text)  # the reader already rejects unprintable characters here
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data, None
    except TooLarge as exc:
        return None, None, Issue(ERROR, filename, None, "", f"Berkas SOP ditolak: {exc.reason}.")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = (exc.problem or exc.context or "").strip()
        return None, None, Issue(ERROR, filename, line, "", f"Sintaks YAML salah: {_yaml_problem(problem)}.")
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        code = exc.character if isinstance(exc.character, int) else 0
        return None, None, Issue(
            ERROR, filename, line, "", f"Teks memuat karakter yang tidak diperbolehkan (#x{code:04x})."
        )
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        reason = getattr(exc, "reason", "") or str(exc)
        return None, None, Issue(ERROR, filename, line, "", f"Teks YAML tidak dapat dibaca: {reason}.")
    except RecursionError:
        return None, None, Issue(ERROR, filename, None, "", "Struktur YAML terlalu dalam bersarang.")
    except (ValueError, TypeError, OverflowError) as exc:  # PyYAML on odd input (e.g. huge numbers)
        return None, None, Issue(ERROR, filename, None, "", f"Teks YAML tidak dapat dibaca: {exc}.")
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_problem(problem: str) -> str:
    for english, indonesian in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            rest = problem[len(english):].strip()
            return f"{indonesian} ({rest})" if rest.startswith("'") else indonesian
    return problem or "tidak diketahui"


class NodeLines:
    """Maps a field path ("steps", 4, "next_no") to its 1-based line in the composed YAML.

    A path that does not exist (a missing key) gets the line of its deepest existing parent.
    """

    def __init__(self, root: Node):
        self.root = root

    def __call__(self, path: FieldPath) -> int | None:
        node = self.root
        line = node.start_mark.line + 1
        for part in path:
            if isinstance(node, MappingNode):
                found = None
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                        found = (key_node, value_node)  # the last duplicate wins, as in PyYAML
                if found is None:
                    break
                line = found[0].start_mark.line + 1
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line


def _duplicate_keys(root: Node, filename: str) -> list[Issue]:
    issues: list[Issue] = []
    visited: set[int] = set()
    stack: list[tuple[Node, FieldPath]] = [(root, ())]
    while stack and len(visited) < 100_000:
        node, path = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else None
                if key is not None and key in seen:
                    issues.append(
                        Issue(
                            ERROR,
                            filename,
                            key_node.start_mark.line + 1,
                            format_path(path + (key,)),
                            f"Kunci {key!r} ditulis lebih dari sekali.",
                        )
                    )
                if key is not None:
                    seen.add(key)
                stack.append((value_node, path + (key if key is not None else "?",)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
    return issues


def sop_from_yaml_data(data: dict) -> Sop:
    """Build a Sop from validated YAML data (waktu as text or {amount, unit})."""
    contract = dict(data)
    approver = dict(contract.get("disahkan_oleh") or {})
    if approver.get("nip"):
        approver["nip"] = validate_nip(approver["nip"])
    contract["disahkan_oleh"] = approver
    steps = []
    for step in contract.get("steps") or ():
        step = dict(step)
        waktu = step.get("waktu")
        if isinstance(waktu, str):
            step["waktu"] = parse_waktu(waktu).to_dict()
        for key in ("no", "next_yes", "next_no"):
            if step.get(key) is not None:
                step[key] = int(step[key])
        steps.append(step)
    contract["steps"] = steps
    sop = Sop.from_dict(contract)
    sop_corrections = tuple((c["field"], c["original"]) for c in data.get("corrections") or ())
    if sop_corrections and "corrections" in {f.name for f in fields(Sop)} and not sop.corrections:
        sop = replace(sop, corrections=sop_corrections)  # once Sop carries SOP-level corrections
    return sop


# -- writing ----------------------------------------------------------------------------------


def format_waktu(waktu: Waktu) -> str:
    """Waktu(10, MENIT) -> "10 Menit"; 1.5 jam -> "1.5 Jam" (no exponent, so it reads back)."""
    amount = Decimal(repr(float(waktu.amount)))
    text = format(amount.normalize(), "f") if amount != amount.to_integral() else str(int(amount))
    return f"{text} {waktu.unit.value.capitalize()}"


def sop_to_yaml_data(sop: Sop) -> dict:
    """The dict written to YAML: contract order, waktu as text, empty optional keys left out."""
    data = sop.to_dict()
    data["steps"] = [_step_yaml(step) for step in sop.steps]
    sop_corrections = getattr(sop, "corrections", ())  # SOP-level, once the model has them
    data.pop("corrections", None)
    if sop_corrections:
        data["corrections"] = [{"field": f, "original": o} for f, o in sop_corrections]
    return data


def _step_yaml(step: Step) -> dict:
    out: dict[str, Any] = {
        "no": step.no,
        "kegiatan": step.kegiatan,
        "kind": step.kind.value,
        "actors": _FlowList(step.actors),
        "act": step.act.value,
        "kelengkapan": step.kelengkapan,
        "waktu": format_waktu(step.waktu) if step.waktu else None,
        "output": step.output,
        "keterangan": step.keterangan,
    }
    if step.sop_links:
        out["sop_links"] = list(step.sop_links)
    if step.next_yes is not None:
        out["next_yes"] = step.next_yes
    if step.next_no is not None:
        out["next_no"] = step.next_no
    if step.actor_reason:
        out["actor_reason"] = step.actor_reason
    out["actor_confirmed"] = step.actor_confirmed
    if step.corrections:
        out["corrections"] = [{"field": f, "original": o} for f, o in step.corrections]
    return out


# Top-level key order in written files; SOP-level corrections sit next to the identity they fix.
TOP_KEYS = (
    "nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan", "tanggal_efektif", "disahkan_oleh",
    "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan",
    "corrections", "actors", "steps",
)


def dump_yaml_data(data: dict) -> str:
    """YAML text of SOP data in this module's dialect (known keys first, in TOP_KEYS order)."""
    ordered = {key: data[key] for key in TOP_KEYS if key in data}
    ordered.update((key, value) for key, value in data.items() if key not in ordered)
    return yaml.dump(
        ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096
    )


def dump_sop_yaml(sop: Sop) -> str:
    """YAML text of `sop`; `load_sop_text(dump_sop_yaml(sop))` gives back an equal Sop."""
    return dump_yaml_data(sop_to_yaml_data(sop))
