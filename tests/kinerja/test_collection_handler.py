"""The pengumpulan handler and the kinerja reads behind it, piece by piece (the journey is in
test_collection.py)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alur.core.sop.diff import diff_sops
from alur.core.sop.model import Act
from alur.kinerja.collection import PeriodIndicator, UnitShare, by_unit, missing_of, period_indicators
from alur.kinerja.models import Indicator, IndicatorTarget
from alur.kinerja.steps.pengumpulan import Pengumpulan
from alur.runs import kinds, services
from alur.runs.kinds.base import Context
from alur.runs.models import Task
from alur.sim.simulate import drive

JAKARTA = ZoneInfo("Asia/Jakarta")
T1, T2 = datetime(2026, 10, 5, 9, tzinfo=JAKARTA), datetime(2026, 10, 9, 14, tzinfo=JAKARTA)


def row(code, state, unit=1, at=None):
    return PeriodIndicator(pk=hash(code) % 1000, code=code, name=f"Indikator {code}", unit_id=unit,
                           unit_name=f"Bidang {unit}", state=state, submitted_at=at)


def test_what_counts_as_handed_in():
    rows = [row("A", "draft"), row("B", "diajukan", at=T1), row("C", "dikembalikan"), row("D", None),
            row("E", "diverifikasi", at=T1), row("F", "disahkan", at=T2)]
    assert [r.code for r in missing_of(rows)] == ["A", "C", "D"]
    assert row("C", "dikembalikan", unit=7).label() == "C Indikator C (Bidang 7)"


def test_a_unit_is_done_when_its_last_indicator_is_handed_in():
    units = by_unit([row("A", "diajukan", 1, T1), row("B", "disahkan", 2, T1), row("C", "diajukan", 1, T2),
                     row("D", "draft", 2)])
    assert [(u.unit_id, [i.code for i in u.indicators]) for u in units] == [(1, ["A", "C"]), (2, ["B", "D"])]
    assert units[0].done and units[0].done_at == T2
    assert not units[1].done and units[1].done_at is None and [i.code for i in units[1].missing] == ["D"]
    assert UnitShare(3, "Kosong").done  # a unit with nothing asked of it has nothing missing


@pytest.mark.django_db
def test_period_indicators_need_a_target_that_year_and_cost_one_statement(demo_office):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    with CaptureQueriesContext(connection) as captured:
        rows = period_indicators(demo_office, 2026, 3)
    assert len(captured.captured_queries) == 1
    assert len(rows) == Indicator.objects.filter(renstra__office=demo_office).count() == 12
    assert {r.code: r.state for r in rows if not r.submitted} == {"IND-08": "dikembalikan", "IND-09": None}
    IndicatorTarget.objects.filter(indicator__code="IND-09", year=2026).update(value=None)
    assert "IND-09" not in {r.code for r in period_indicators(demo_office, 2026, 3)}
    assert period_indicators(demo_office, 2030, 1) == []  # no Renstra covers 2030
    pp = Indicator.objects.get(code="IND-08").unit_id
    assert {r.unit_id for r in period_indicators(demo_office, 2026, 3, unit_ids=[pp])} == {pp}


def test_the_kind_is_registered_as_a_document_step_with_an_optional_upload():
    handler = kinds.get(Act.PENGUMPULAN)
    assert isinstance(handler, Pengumpulan) and handler.fields == ("upload",) and not handler.needs_document


def test_a_seed_diff_names_the_new_act():
    from dataclasses import replace

    from alur.core.sop.yaml_format import load_sop_file
    from alur.sop.demo import seed_files

    new, issues = load_sop_file(next(p for p in seed_files() if p.name.startswith("06-")))
    assert new is not None and new.step(3).act == Act.PENGUMPULAN
    old = replace(new, steps=tuple(replace(s, act=Act.KOORDINASI) if s.no == 3 else s for s in new.steps))
    messages = [str(change) for change in diff_sops(old, new)]
    assert len(messages) == 1 and "'koordinasi'" not in messages[0]
    assert "koordinasi" in messages[0] and "pengumpulan data kinerja" in messages[0]


@pytest.mark.django_db
def test_form_hint_and_kelengkapan_on_an_office_without_data(revision_named, login):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("Pengumpulan Data Kinerja"), user=admin, purpose="Data kinerja",
                             year=2026, now=datetime(2026, 11, 2, 8, tzinfo=JAKARTA))
    drive(run, start=datetime(2026, 11, 2, 8, tzinfo=JAKARTA), max_transitions=2)
    task = Task.objects.filter(run=run, step_no=3).select_related("run", "position").first()
    step = run.revision.as_core().step(3)
    handler = kinds.kind_for(step)
    form = handler.form(task=task, step=step)
    assert "upload" in form.fields and not form.fields["upload"].required
    assert form.fields["upload"].label == "Unggah bahan/draf (tidak wajib)"
    assert "attendance" not in form.fields  # no longer a meeting
    assert "triwulan III 2026" in handler.hint(run)
    ctx = Context(run=run, core=run.revision.as_core(), step=step, task=task, employee=None, now=None,
                  document=None)
    assert handler.missing(ctx) == []  # no indicators with a 2026 target: nothing to wait for
    page = login("kadis").get(reverse("sop_new")).content.decode()
    assert '<option value="pengumpulan">Pengumpulan data kinerja</option>' in page
    assert run.collection.requests.count() == 0 and run.collection.opened_on.isoformat() == "2026-11-02"
    assert timedelta(0) <= run.collection.opened_at - datetime(2026, 11, 2, 8, tzinfo=JAKARTA) <= timedelta(hours=2)
