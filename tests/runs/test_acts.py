"""Step kinds own their form, check and record: the page, the service and the simulator ask the kind."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from alur.audit.models import Entry
from alur.core.sop.model import Act
from alur.runs import kinds, services
from alur.runs.kinds.base import Output
from alur.runs.kinds.kerja import Kerja, KerjaForm
from alur.runs.models import Task
from alur.sim.simulate import drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


class AngkaForm(KerjaForm):
    angka = forms.IntegerField(label="Angka realisasi")


class Angka(Kerja):
    """A kind of its own (as "isi realisasi" will be): asks a figure, checks it, records it."""

    form_class = AngkaForm

    def validate(self, ctx, completion):
        if completion.get("angka") is None or completion.get("angka") < 0:
            raise ValidationError({"angka": "Isi angka realisasi (tidak negatif)."})

    def record(self, ctx, completion):
        return Output(facts={"angka": completion.get("angka")})


def test_every_kind_has_one_handler():
    assert {kind.value for kind in kinds.all_kinds()} == set(Act)
    assert all(kinds.get(act).act == act for act in Act)


@pytest.fixture
def angka_for_kerja():
    with kinds.temporarily(Angka()):
        yield


def test_a_handler_brings_its_own_field_check_and_record(revision_named, angka_for_kerja):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU", now=START)
    drive(run, start=START, max_transitions=2)
    task = Task.objects.select_related("run", "position").get(run=run, status=Task.Status.TERBUKA)
    step = run.revision.as_core().step(task.step_no)
    assert step.act == Act.KERJA
    form = kinds.kind_for(step).form({"angka": "-3"}, task=task, step=step)
    assert "angka" in form.fields and "upload" in form.fields
    form.fields["upload"].required = False
    assert form.is_valid()
    with pytest.raises(ValidationError) as info:
        services.task_complete(task=task, user=task.assignee.user, completion=form.completion(),
                               now=START + timedelta(hours=1))
    assert "angka" in info.value.message_dict
    form = kinds.kind_for(step).form({"angka": "42"}, task=task, step=step)
    form.fields["upload"].required = False
    assert form.is_valid()
    services.task_complete(task=task, user=task.assignee.user, completion=form.completion(),
                           now=START + timedelta(hours=1))
    entry = Entry.objects.filter(run_id=run.pk, kind="alur.complete").order_by("position").last()
    assert entry.data["angka"] == 42
