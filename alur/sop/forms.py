"""The SOP editor: the whole SOP as one form over its data dict.

The editor's *state* is the YAML-shaped SOP dict (waktu as text, see docs/sop-format.md) plus one
private key per step. It travels in the form: a structural button (add, remove, move a step)
posts the form, the server rebuilds the state, changes it and shows it again; nothing is stored
until "Simpan", which validates the whole dict with `validate_sop_dict` and, if it has errors,
shows each message beside its field.
"""

from __future__ import annotations

import json
import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alur.core.sop import kinds
from alur.core.sop.importer.reader import sop_links
from alur.core.sop.model import Act, StepKind, Waktu, WaktuUnit
from alur.core.sop.validate import ERROR, Issue, parse_field_path
from alur.core.sop.vocabulary import STEP_TEXT_FIELDS
from alur.core.sop.yaml_format import format_waktu, sop_from_yaml_data
from alur.kit.forms import AlurForm, IdMultipleChoiceField

from .models import ActorMapping

LIST_FIELDS = (
    ("dasar_hukum", _("Dasar hukum")),
    ("kualifikasi_pelaksana", _("Kualifikasi pelaksana")),
    ("keterkaitan", _("Keterkaitan")),
    ("peralatan", _("Peralatan/perlengkapan")),
    ("peringatan", _("Peringatan")),
    ("pencatatan", _("Pencatatan dan pendataan")),
)
DATE_FIELDS = (
    ("tanggal_pembuatan", _("Tanggal pembuatan")),
    ("tanggal_revisi", _("Tanggal revisi")),
    ("tanggal_pengesahan", _("Tanggal pengesahan")),
    ("tanggal_efektif", _("Tanggal efektif")),
)
APPROVER_FIELDS = (("jabatan", _("Jabatan pengesah")), ("nama", _("Nama pengesah")), ("nip", _("NIP pengesah")))
KIND_LABELS = (
    (StepKind.TERMINATOR.value, _("Terminator (awal/akhir)")),
    (StepKind.PROCESS.value, _("Kegiatan")),
    (StepKind.DECISION.value, _("Keputusan (Ya/Tidak)")),
)


class _ActLabels:
    """The editor's (value, label) of each step kind: a view of the kind registry, so a kind an app
    registers is offered too (alur.core.sop.kinds)."""

    def __iter__(self):
        return iter([(str(info.value), gettext(info.label))
                     for info in kinds.all_kinds()])


ACT_LABELS = _ActLabels()
PRIVATE = "_keterangan_asal"  # the Keterangan as loaded: sop_links are recomputed only if it changed
OP_PATTERN = re.compile(r"^(add|remove|up|down):(\d+)$")


# -- state <-> stored data ----------------------------------------------------------------------


def blank_state() -> dict:
    """A new SOP: empty identity and a first and last step to start from."""
    return {
        "nomor": "", "nama": "", "tanggal_pembuatan": None, "tanggal_revisi": None, "tanggal_pengesahan": None,
        "disahkan_oleh": {"jabatan": "", "nama": "", "nip": ""},
        **{name: [] for name, _label in LIST_FIELDS},
        "actors": [],
        "steps": [
            _new_step(1, kind=StepKind.TERMINATOR.value, act=Act.DISPOSISI.value),
            _new_step(2, kind=StepKind.TERMINATOR.value, act=Act.ARSIP.value),
        ],
    }


def state_from_data(data: dict) -> dict:
    """The stored contract dict as editor state (waktu as text)."""
    state = json.loads(json.dumps(data))
    for step in state.get("steps") or []:
        waktu = step.get("waktu")
        if isinstance(waktu, dict):
            try:
                step["waktu"] = format_waktu(Waktu(float(waktu["amount"]), WaktuUnit(waktu["unit"])))
            except (KeyError, TypeError, ValueError):
                step["waktu"] = ""
        step[PRIVATE] = step.get("keterangan") or ""
    return state


def state_from_post(post) -> dict:
    """Rebuild the editor state from the posted form."""
    state: dict = {"nomor": post.get("nomor", "").strip(), "nama": post.get("nama", "").strip()}
    for name, _label in DATE_FIELDS:
        state[name] = post.get(name, "").strip() or None
    state["disahkan_oleh"] = {key: post.get(f"approver_{key}", "").strip() for key, _label in APPROVER_FIELDS}
    for name, _label in LIST_FIELDS:
        state[name] = _lines(post.get(name, ""))
    state["actors"] = _lines(post.get("actors", ""))
    errors: list[str] = []
    corrections = _json_list(post.get("corrections", ""), errors, str(_("koreksi salah ketik SOP")))
    if corrections:
        state["corrections"] = corrections
    try:
        count = min(int(post.get("step_count", 0)), 200)
    except ValueError:
        count = 0
    steps = []
    for i in range(count):
        p = f"s{i}-"
        extra = _json_dict(post.get(p + "extra", ""), errors, str(_("langkah %(n)s") % {"n": i + 1}))
        step = {
            "no": i + 1,
            "kegiatan": post.get(p + "kegiatan", "").strip(),
            "kind": post.get(p + "kind", StepKind.PROCESS.value),
            "actors": post.getlist(p + "actors"),
            "act": post.get(p + "act", Act.KERJA.value),
            "kelengkapan": post.get(p + "kelengkapan", "").strip(),
            "waktu": post.get(p + "waktu", "").strip() or None,
            "output": post.get(p + "output", "").strip(),
            "keterangan": post.get(p + "keterangan", "").strip(),
            "next_yes": _step_ref(post.get(p + "next_yes", "")),
            "next_no": _step_ref(post.get(p + "next_no", "")),
            "actor_confirmed": post.get(p + "actor_confirmed") == "1",
            "actor_reason": str(extra.get("actor_reason") or ""),
            "sop_links": [str(x) for x in extra.get("sop_links") or [] if isinstance(x, str)],
            PRIVATE: str(extra.get("keterangan_asal") or ""),
        }
        if isinstance(extra.get("corrections"), list) and extra["corrections"]:
            step["corrections"] = extra["corrections"]
        steps.append(step)
    state["steps"] = steps
    if errors:
        state[FORM_ERRORS] = errors
    return state


def data_for_validation(state: dict) -> dict:
    """The YAML-shaped dict `validate_sop_dict` checks: private keys out, empty optionals dropped."""
    data = {key: value for key, value in state.items()}
    steps = []
    for step in state.get("steps") or []:
        clean = {key: value for key, value in step.items() if key != PRIVATE}
        if clean.get("keterangan", "") != step.get(PRIVATE, ""):
            clean["sop_links"] = sop_links(clean.get("keterangan", ""))
        for key in ("next_yes", "next_no"):
            if clean.get(key) is None:
                clean.pop(key, None)
        if not clean.get("corrections"):
            clean.pop("corrections", None)
        steps.append(clean)
    data["steps"] = steps
    if not data.get("corrections"):
        data.pop("corrections", None)
    return data


def contract_data(validated: dict) -> dict:
    """A validated YAML-shaped dict in the stored contract shape (waktu as {amount, unit})."""
    return sop_from_yaml_data(validated).to_dict()


# -- structural operations ----------------------------------------------------------------------


def apply_op(state: dict, op: str) -> dict:
    """Add a step after, remove, or move up/down the step at list index i ("add:3", "up:0", …),
    then renumber 1…n and follow the renumbering in every next_yes / next_no."""
    match = OP_PATTERN.match(op or "")
    steps = list(state.get("steps") or [])
    if not match or not steps:
        return state
    action, index = match.group(1), int(match.group(2))
    if index >= len(steps):
        return state
    order = list(range(len(steps)))  # new position -> old index; None for a new step
    if action == "add":
        order.insert(index + 1, None)
    elif action == "remove" and len(steps) > 1:
        order.pop(index)
    elif action == "up" and index > 0:
        order[index - 1], order[index] = order[index], order[index - 1]
    elif action == "down" and index < len(steps) - 1:
        order[index + 1], order[index] = order[index], order[index + 1]
    old_no_to_new = {old + 1: new + 1 for new, old in enumerate(order) if old is not None}
    new_steps = []
    for new, old in enumerate(order):
        if old is None:
            step = _new_step(new + 1)  # no actor, unconfirmed: a person chooses and confirms it
        else:
            step = dict(steps[old])
            step["no"] = new + 1
            for key in ("next_yes", "next_no"):
                target = step.get(key)
                if isinstance(target, int) and not isinstance(target, bool):
                    step[key] = old_no_to_new.get(target)
        new_steps.append(step)
    return dict(state, steps=new_steps)


def _new_step(no: int, *, kind: str = StepKind.PROCESS.value, act: str = Act.KERJA.value) -> dict:
    """An empty step: no actor and not confirmed, so nothing looks chosen that nobody chose."""
    return {
        "no": no, "kegiatan": "", "kind": kind, "actors": [], "act": act, "kelengkapan": "",
        "waktu": None, "output": "", "keterangan": "", "next_yes": None, "next_no": None,
        "actor_confirmed": False, "actor_reason": "", "sop_links": [], PRIVATE: "",
    }


# -- what the template shows ----------------------------------------------------------------------


def editor_context(state: dict, issues: list[Issue]) -> dict:
    """Everything the editor template needs: values, and each issue beside its field."""
    slots: dict[tuple, dict[str, list[str]]] = {}
    general: list[str] = []
    general_warnings: list[str] = []

    def put(key: tuple, issue: Issue) -> None:
        kind = "errors" if issue.severity == ERROR else "warnings"
        slots.setdefault(key, {"errors": [], "warnings": []})[kind].append(issue.message)

    for issue in issues:
        path = parse_field_path(issue.field) if issue.field else None
        if issue.severity != ERROR and issue.field.endswith("actor_confirmed"):
            continue  # the unticked box already says so
        if not path:
            (general if issue.severity == ERROR else general_warnings).append(issue.message)
            continue
        head = path[0]
        if head == "steps" and len(path) >= 2 and isinstance(path[1], int):
            field = path[2] if len(path) >= 3 and isinstance(path[2], str) else "general"
            if field in ("corrections", "sop_links", "actor_reason", "no"):
                field = "general"
            put(("step", path[1], field), issue)
        elif head == "disahkan_oleh":
            field = path[1] if len(path) > 1 and isinstance(path[1], str) else "jabatan"
            put(("approver", field), issue)
        elif head in {"nomor", "nama", "actors"} | {n for n, _l in DATE_FIELDS} | {n for n, _l in LIST_FIELDS}:
            put((head,), issue)
        elif head == "steps":
            put(("steps",), issue)
        elif issue.severity != ERROR:
            general_warnings.append(issue.message)
        # other errors (e.g. SOP-level corrections) are listed in the summary only

    def slot(*key):
        return slots.get(key, {"errors": [], "warnings": []})

    actors = [a for a in state.get("actors") or [] if isinstance(a, str)]
    steps = state.get("steps") or []
    count = len(steps)
    step_rows = []
    for i, step in enumerate(steps):
        chosen = [a for a in step.get("actors") or [] if isinstance(a, str)]
        choices = actors + [a for a in chosen if a not in actors]
        fields = {name: slot("step", i, name) for name in (*STEP_TEXT_FIELDS, "kind", "actors", "act",
                                                           "next_yes", "next_no", "general")}
        step_rows.append({
            "index": i,
            "no": i + 1,
            "prefix": f"s{i}-",
            "step": step,
            "waktu": step.get("waktu") or "",
            "actor_choices": [{"name": a, "checked": a in chosen, "declared": a in actors} for a in choices],
            "is_decision": step.get("kind") == StepKind.DECISION.value,
            "extra": json.dumps({
                "actor_reason": step.get("actor_reason") or "",
                "sop_links": step.get("sop_links") or [],
                "corrections": step.get("corrections") or [],
                "keterangan_asal": step.get(PRIVATE, ""),
            }, ensure_ascii=False),
            "fields": fields,
            "has_errors": any(f["errors"] for f in fields.values()),
            "first": i == 0,
            "last": i == count - 1,
        })
    approver = state.get("disahkan_oleh") or {}
    identity_lists = [
        {"name": name, "label": label, "text": "\n".join(str(x) for x in state.get(name) or []),
         "rows": min(max(3, len(state.get(name) or []) + 1), 10), "slot": slot(name)}
        for name, label in LIST_FIELDS
    ]
    return {
        "state": state,
        "nomor": state.get("nomor") or "",
        "nama": state.get("nama") or "",
        "dates": [
            {"name": n, "label": label, "value": state.get(n) or "", "slot": slot(n)} for n, label in DATE_FIELDS
        ],
        "approver": [{"name": f"approver_{k}", "label": label, "value": approver.get(k) or "",
                      "slot": slot("approver", k)} for k, label in APPROVER_FIELDS],
        "lists": identity_lists,
        "actors_text": "\n".join(actors),
        "actors_rows": min(max(3, len(actors) + 1), 12),
        "error_list": _error_list(issues),
        "corrections_json": json.dumps(state.get("corrections") or [], ensure_ascii=False),
        "slots": {"nomor": slot("nomor"), "nama": slot("nama"), "actors": slot("actors"), "steps": slot("steps")},
        "steps": step_rows,
        "step_count": count,
        "step_numbers": list(range(1, count + 1)),
        "kinds": KIND_LABELS,
        "acts": ACT_LABELS,
        "general_errors": general,
        "general_warnings": general_warnings,
        "error_count": sum(1 for i in issues if i.severity == ERROR),
    }


FIELD_LABELS = {
    "nomor": _("Nomor SOP"), "nama": _("Nama SOP"), "actors": _("Pelaksana"), "steps": _("Langkah-langkah"),
    "disahkan_oleh": _("Pengesah"), **dict(DATE_FIELDS), **dict(LIST_FIELDS),
}


def _error_list(issues: list[Issue]) -> list[dict]:
    """Each error with a link to where it is shown, for the summary above the form."""
    out = []
    for issue in issues:
        path = parse_field_path(issue.field) if issue.field else None
        if issue.severity != ERROR or not path:
            continue
        if path[0] == "steps" and len(path) >= 2 and isinstance(path[1], int):
            anchor, label = f"langkah-{path[1] + 1}", _("Langkah %(n)s") % {"n": path[1] + 1}
        elif path[0] == "disahkan_oleh":
            key = path[1] if len(path) > 1 and isinstance(path[1], str) else "jabatan"
            anchor, label = f"id_approver_{key}", FIELD_LABELS["disahkan_oleh"]
        else:
            anchor, label = f"id_{path[0]}", FIELD_LABELS.get(path[0], path[0])
        out.append({"anchor": anchor, "label": label, "message": issue.message})
    return out


class PositionsField(IdMultipleChoiceField):
    """The positions of one actor column; an empty choice ("" from a plain select) means none."""

    def clean(self, value):
        return super().clean([v for v in (value or []) if v not in ("", None)])


class ActorMappingForm(AlurForm):
    """Per actor column of the SOP: the positions that fill it (one, or several for a column meaning
    several units) and, for several, whether its steps go to all of them or to the one chosen at start."""

    def __init__(self, *args, actors: list[str], positions, initial_map: dict[str, list[int]],
                 initial_modes: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = actors
        for i, actor in enumerate(actors):
            self.fields[f"actor_{i}"] = PositionsField(
                queryset=positions, required=False, label=actor, initial=initial_map.get(actor) or [],
                help_text=_("Satu jabatan, atau beberapa untuk kolom yang berarti beberapa unit (Ctrl/⌘ + klik)."),
            )
            self.fields[f"actor_{i}"].widget.attrs["size"] = 4
            self.fields[f"mode_{i}"] = forms.ChoiceField(
                choices=ActorMapping.Mode.choices, required=False,
                initial=(initial_modes or {}).get(actor, ActorMapping.Mode.SEMUA),
                label=_("Bila beberapa jabatan: %(actor)s") % {"actor": actor},
            )

    def rows(self):
        """(positions field, mode field) per actor, for the template."""
        return [(self[f"actor_{i}"], self[f"mode_{i}"]) for i in range(len(self.actors))]

    def mapped(self):
        """(actor, positions, mode) for every column with at least one position."""
        for i, actor in enumerate(self.actors):
            positions = list(self.cleaned_data.get(f"actor_{i}") or [])
            if positions:
                yield actor, positions, self.cleaned_data.get(f"mode_{i}") or ActorMapping.Mode.SEMUA


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _step_ref(text: str):
    text = (text or "").strip()
    if not text:
        return None
    return int(text) if text.isdigit() else text


MAX_HIDDEN_JSON_CHARS = 20_000
MAX_HIDDEN_JSON_DEPTH = 6  # the deepest hidden value is corrections: a list of {field, original}
FORM_ERRORS = "_form_errors"  # key of the state: problems with the hidden fields, in words


class HiddenFieldError(ValueError):
    pass


def _json_depth_ok(text: str) -> bool:
    """True when brackets outside strings nest at most MAX_HIDDEN_JSON_DEPTH deep (checked before
    json.loads, whose recursion a deeply nested value would exhaust)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_HIDDEN_JSON_DEPTH:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _hidden_json(text: str, expected: type):
    if not text:
        return expected()
    if len(text) > MAX_HIDDEN_JSON_CHARS or not _json_depth_ok(text):
        raise HiddenFieldError
    try:
        value = json.loads(text)
    except ValueError:
        raise HiddenFieldError from None
    if not isinstance(value, expected):
        raise HiddenFieldError
    return value


def _json_list(text: str, errors: list | None = None, where: str = "") -> list:
    try:
        return _hidden_json(text, list)
    except HiddenFieldError:
        _note_hidden_error(errors, where)
        return []


def _json_dict(text: str, errors: list | None = None, where: str = "") -> dict:
    try:
        return _hidden_json(text, dict)
    except HiddenFieldError:
        _note_hidden_error(errors, where)
        return {}


def _note_hidden_error(errors: list | None, where: str) -> None:
    if errors is not None:
        errors.append(str(_("Data tersembunyi formulir (%(where)s) rusak, terlalu panjang atau terlalu bersarang. "
                            "Muat ulang halaman penyunting lalu ulangi perubahan Anda.") % {"where": where}))
