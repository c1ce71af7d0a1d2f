"""Every form of every app refuses a control character in every text field (issue 16 item 10).

The form classes are not listed by hand: every module of alur/ that defines a form is imported and
`forms.BaseForm.__subclasses__()` is walked. Each form is built with real rows of the demo office
(its keyword-only arguments filled by name) and bound with "a\\x07b" in every text field; each of
those fields must carry the rule's message. A new form that forgets AlurForm/AlurModelForm fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.core.management import call_command

import alur
from alur.core.text import strip_forbidden, text_error
from alur.kit.forms import IdChoiceField, IdMultipleChoiceField, TextRuleMixin

pytestmark = pytest.mark.django_db

BAD = "a\x07b"


def _alur_form_classes() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(alur.__path__, "alur."):
        leaf = info.name.rsplit(".", 1)[-1]
        if leaf.endswith("forms") or info.name == "alur.kit.pagination":
            importlib.import_module(info.name)
    found, stack = [], [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            abstract = issubclass(sub, forms.ModelForm) and getattr(sub, "_meta", None) and sub._meta.model is None
            if sub.__module__.startswith("alur.") and sub not in found and not abstract:
                found.append(sub)
    return found


def test_the_rule_names_the_character_and_its_position():
    assert text_error("Catatan bukti\x07") == (
        "Teks mengandung karakter kendali U+0007 pada posisi 14; hapus karakter itu.")
    for bad in ("\x00", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\ufffe", "\uffff"):
        assert text_error(f"ab{bad}") and f"U+{ord(bad):04X} pada posisi 3" in text_error(f"ab{bad}")
    for good in ("baris satu\r\nbaris dua\tdengan tab", "Rp 1.000,00 — “kutip” é ñ 中文 😀"):
        assert text_error(good) is None
    assert text_error("a\tb", single_line=True)
    assert strip_forbidden("a\x00b\x1bc\u0085") == "abc"


def test_every_alur_form_class_is_found_and_derives_from_the_rule():
    classes = _alur_form_classes()
    names = {cls.__name__ for cls in classes}
    assert {"LoginForm", "TaskFormBase", "EvidenceForm", "IndicatorForm", "SpecialDayForm"} <= names
    outside = [cls.__qualname__ for cls in classes if not issubclass(cls, TextRuleMixin)]
    assert not outside, f"forms without the text rule (derive from alur.kit.forms.AlurForm): {outside}"


@pytest.fixture
def arguments(settings, tmp_path):
    """Keyword arguments of the forms' constructors, by name, from the demo data."""
    from alur.dashboard.selectors import default_period
    from alur.kinerja.models import Renstra
    from alur.org.models import Office, Position
    from alur.runs.models import Task

    settings.MEDIA_ROOT = tmp_path
    call_command("demo", quiet_logins=True)
    office = Office.objects.get()
    renstra = Renstra.objects.filter(office=office).first()
    tasks = list(Task.objects.select_related("run__revision"))
    steps = [(task, task.run.revision.as_core().step(task.step_no)) for task in tasks]
    return {
        "office": office, "renstra": renstra, "years": renstra.years, "default": default_period(date.today()),
        "rows": [], "can_set_pagu": True, "actors": ["Kepala Dinas"],
        "positions": Position.objects.filter(office=office), "initial_map": {},
        "user": get_user_model().objects.get(username="admin"), "task_steps": steps,
    }


def _instances(cls, arguments):
    """The form `cls` bound with BAD in every text field, for each way the app builds it."""
    parameters = inspect.signature(cls.__init__).parameters
    needed = [name for name, p in parameters.items()
              if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
    variants = [{}]
    if "task" in needed:
        variants = [{"task": task, "step": step} for task, step in arguments["task_steps"]]
        needed = [name for name in needed if name not in ("task", "step")]
    for variant in variants:
        kwargs = {**{name: arguments[name] for name in needed}, **variant}
        positional = [arguments["user"]] if issubclass(cls, SetPasswordForm) else []
        form = cls(*positional, data={}, **kwargs)
        data = {name: BAD for name, field in form.fields.items() if isinstance(field, forms.CharField)}
        if data:
            yield cls(*positional, data=data, **kwargs), data


def test_every_text_field_of_every_form_refuses_a_control_character(arguments):
    checked, missed = 0, []
    for cls in _alur_form_classes():
        for form, data in _instances(cls, arguments):
            form.is_valid()
            for name in data:
                checked += 1
                messages = " ".join(form.errors.get(name, []))
                # A number typed in a text box (DecimalTextField) is refused as "bukan angka" first.
                free_text = type(form.fields[name]) in (forms.CharField, forms.EmailField, forms.URLField)
                if not messages or (free_text and "U+0007" not in messages):
                    missed.append(f"{cls.__name__}.{name}: {messages or 'accepted'}")
    assert checked > 40
    assert not missed, missed


def test_id_choice_fields_refuse_a_number_beyond_64_bits(arguments):
    from alur.org.models import Position

    huge = "99999999999999999999999"
    positions = Position.objects.all()
    for field in (IdChoiceField(queryset=positions), IdMultipleChoiceField(queryset=positions)):
        with pytest.raises(forms.ValidationError):
            field.clean([huge] if isinstance(field, IdMultipleChoiceField) else huge)
    for cls in _alur_form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.ModelChoiceField):
                assert isinstance(field, IdChoiceField | IdMultipleChoiceField), f"{cls.__name__}.{name}"
