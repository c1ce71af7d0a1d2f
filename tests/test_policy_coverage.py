"""Every public service function consults its app's policies (or says here why it need not).

Convention shared by the apps: a function in a `services` module that a view, a command or an API
may call must call something from `alur.<app>.policies` — directly or through a private helper of
the same module — so a permission rule lives in one predicate that the page and the service share.
Functions that need no check (pure validation, reads, plumbing called only by checked acts) are
listed in DELIBERATELY_OPEN with the reason. Add your app's service modules to SERVICE_MODULES.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap

import pytest

SERVICE_MODULES = [
    "alur.sop.services",
    "alur.org.services",
    "alur.workdays.services",
    "alur.runs.services.letters",
    "alur.runs.services.runs",
    "alur.runs.services.tasks",
    "alur.runs.services.numbering",
    "alur.runs.services.assignment",
    "alur.runs.services.documents",
    "alur.runs.services.dispositions",
    "alur.runs.services.progress",
    "alur.kinerja.services",
    "alur.kinerja.services.realisasi",
    "alur.kinerja.services.renstra",
    "alur.kinerja.services.pk",
    "alur.kinerja.services.iku",
    "alur.kinerja.services.scales",
    "alur.kinerja.services.imports",
    "alur.kinerja.services.structure",
    "alur.kinerja.services.renja",
    "alur.kinerja.services.budget",
    "alur.kinerja.services.settings",
    "alur.dashboard.services",
    "alur.documents.narratives",
    "alur.documents.services",
    "alur.documents.bindings",
]

_PLUMBING = "plumbing of the runs services, called only inside acts that checked their policy first"
_SOP_DECIDED_ELSEWHERE = ("stores on the office's behalf what was decided outside Alur; called only by a loader or "
                          "the operator's command, never by a view; the trail entry says who (see alur.sop.services)")
DELIBERATELY_OPEN = {
    "alur.sop.services.check_sop_data": "pure validation of an SOP dict; every writing service calls it",
    "alur.sop.services.load_approved_sop": _SOP_DECIDED_ELSEWHERE + " (the demo seeds, approved on paper)",
    "alur.sop.services.load_confirmed_link": _SOP_DECIDED_ELSEWHERE + " (the demo's obvious Keterangan links)",
    "alur.sop.services.load_confirmed_steps": _SOP_DECIDED_ELSEWHERE + " (the demo seeds' inferred actors)",
    "alur.runs.services.runs.unconfirmed_actors": "a read: the steps whose actor still awaits confirmation",
    "alur.runs.services.runs.unconfirmed_refusal": "a read: why a run cannot start yet (run_start refuses with it)",
    "alur.runs.services.assignment.columns_of": "a read: the positions mapped to each actor column",
    "alur.sop.services.sop_import_by_operator": _SOP_DECIDED_ELSEWHERE + " (`alur sop import`: a draft only, "
                                                "still confirmed and approved in Alur)",
    "alur.runs.services.letters.check_letter_dates": "pure validation of two dates; also used by the form",
    "alur.runs.services.runs.linked_revisions": "a read (which approved SOPs a step links to); "
                                                "child_run_start checks can_start_child_run",
    "alur.runs.services.numbering.next_in_sequence": _PLUMBING + " (letter_register, agenda/arsip steps)",
    "alur.runs.services.numbering.take_outgoing_number": _PLUMBING + " (the agenda/arsip step handlers)",
    "alur.runs.services.assignment.assignment_for": "a read: who fills each actor column on a day",
    "alur.runs.services.documents.working_document": "a read; the page reaching it went through run_for",
    "alur.runs.services.documents.locked_working_document": _PLUMBING + " (task_complete)",
    "alur.runs.services.documents.missing_kelengkapan": "a read: what a step still needs",
    "alur.runs.services.documents.missing_in": _PLUMBING + " (task_complete)",
    "alur.runs.services.documents.store_upload": _PLUMBING + " (step handlers inside task_complete)",
    "alur.runs.services.documents.sign": _PLUMBING + " (step handlers inside task_complete)",
    "alur.runs.services.documents.store_notulen": _PLUMBING + " (the koordinasi handler inside task_complete)",
    "alur.runs.services.documents.notulen_of": "a read: a meeting step's shared notulen",
    "alur.runs.services.progress.lock_run": _PLUMBING,
    "alur.runs.services.progress.engine_apply": _PLUMBING,
    "alur.runs.services.progress.advance": _PLUMBING,
    "alur.runs.services.progress.project": _PLUMBING,
    "alur.runs.services.progress.trail": _PLUMBING,
    "alur.runs.services.progress.steps_opened": _PLUMBING + " (advance and run_start: a step kind's opening hook)",
    "alur.runs.services.progress.replayed_state": "a read: the run rebuilt from its trail (verify-replay)",
    "alur.documents.narratives.narratives": "a read: the newest text of each section; pages reach it through "
                                            "the office's read rule",
    "alur.documents.narratives.blocks_of": "pure: plain text to paragraphs and lists",
    "alur.documents.narratives.text_sha256": "pure: the digest of a text put on the trail",
    "alur.documents.services.period_of": "pure: the period a run's document is about",
    "alur.documents.services.gaps_of_version": "read: the data gaps a version's generation report lists, "
                                               "asked by the signature step (which checks its own policy)",
    "alur.documents.narratives.sections_of": "a read: the sections a document kind has",
    "alur.documents.bindings.follow": "pure: where bound steps went between two versions of an SOP's steps",
    "alur.documents.bindings.carry_over": "a receiver of sop's revision_created, inside revision_start, which "
                                          "checked can_edit_sop; copies what was bound already",
    "alur.documents.bindings.follow_edit": "a receiver of sop's revision_changed, inside revision_update, which "
                                           "checked can_edit_revision; keeps or drops existing bindings",
    "alur.documents.bindings.bind_seed_steps": _SOP_DECIDED_ELSEWHERE + " (the seed SOPs' document steps, from "
                                               "load_approved_sop)",
    "alur.documents.bindings.step_rows": "a read: the steps of a revision and their documents",
}


def _policies_module(module_name: str) -> str:
    parts = module_name.split(".")
    return ".".join(parts[:2] + ["policies"])  # alur.<app>.policies


def _public_functions(module):
    for name, obj in inspect.getmembers(module, inspect.isfunction):
        if obj.__module__ == module.__name__ and not name.startswith("_"):
            yield name, obj


def _calls_policy(module, function, seen=None) -> bool:
    """True when `function` calls `policies.<x>` or a name imported from the app's policies module,
    itself or through a private function of the same module."""
    seen = seen or set()
    policies = _policies_module(module.__name__)
    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function))))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        target = node.func
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            imported = getattr(module, target.value.id, None)
            if inspect.ismodule(imported) and imported.__name__ == policies:
                return True
        if isinstance(target, ast.Name):
            called = getattr(module, target.id, None)
            if getattr(called, "__module__", None) == policies:
                return True
            if (inspect.isfunction(called) and called.__module__ == module.__name__
                    and target.id.startswith("_") and target.id not in seen):
                seen.add(target.id)
                if _calls_policy(module, called, seen):
                    return True
    return False


@pytest.mark.parametrize("module_name", SERVICE_MODULES)
def test_every_public_service_function_consults_a_policy(module_name):
    module = importlib.import_module(module_name)
    unchecked = [
        f"{module_name}.{name}" for name, function in _public_functions(module)
        if f"{module_name}.{name}" not in DELIBERATELY_OPEN and not _calls_policy(module, function)
    ]
    assert not unchecked, f"these consult no policy and are not in DELIBERATELY_OPEN: {unchecked}"


def test_deliberately_open_names_still_exist():
    for dotted in DELIBERATELY_OPEN:
        module_name, name = dotted.rsplit(".", 1)
        assert hasattr(importlib.import_module(module_name), name), f"{dotted} is gone: drop it from the list"
