"""Lists that stay fast with years of history (issue 8, "Scale"): paginated, a capped count, filters
in SQL, only the columns shown, no query per row, bad parameters refused with a 400."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alur.kit.pagination import LIST_PAGE_SIZE, CappedPaginator
from alur.org.models import Employee, Office
from alur.runs import selectors
from alur.runs.models import IncomingLetter, Run, Task
from alur.sim.generate import GRANT_USERNAME, Options, generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(db):
    generate(Options(offices=2, years=1, runs_per_office=70, seed=3, now=timezone.now() - timedelta(minutes=5)))
    return Office.objects.get(code="opd-01")


def _user(office, code="kadis"):
    return get_user_model().objects.get(username=f"{code}-{office.code}")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_run_list_is_paginated_with_few_queries_and_only_shown_columns(client, history):
    client.force_login(_user(history))
    response, sql = _queries(client, reverse("run_list"))
    assert response.status_code == 200
    assert len(response.context["runs"]) == LIST_PAGE_SIZE
    assert response.context["page"].paginator.count == Run.objects.filter(office=history).count()
    run_query = next(q for q in sql if 'FROM "runs_run"' in q and "LIMIT" in q and "COUNT" not in q)
    assert '"runs_run"."state"' not in run_query and '"sop_soprevision"."data"' not in run_query
    assert "runs_incomingletter" not in run_query and '"org_office"."name"' not in run_query
    assert len(sql) < 20  # session, user, employee, offices, count, page, SOP menu: no query per row
    second, _ = _queries(client, reverse("run_list") + "?page=2")
    assert {r.pk for r in second.context["runs"]}.isdisjoint({r.pk for r in response.context["runs"]})


def test_grant_holder_reads_every_office_in_pages(client, history):
    client.force_login(get_user_model().objects.get(username=GRANT_USERNAME))
    response, sql = _queries(client, reverse("run_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Run.objects.count() == 140
    assert len(response.context["runs"]) == LIST_PAGE_SIZE and len(sql) < 20


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "99999999999999999999"])
def test_bad_page_is_a_400_not_a_500(client, history, page):
    client.force_login(_user(history))
    for name in ("run_list", "letter_list", "inbox"):
        response = client.get(reverse(name), {"page": page})
        assert response.status_code == 400, name
        assert "halaman" in response.content.decode().lower()


def test_a_page_past_the_end_shows_the_last_page(client, history):
    client.force_login(_user(history))
    response = client.get(reverse("run_list"), {"page": 999})
    page = response.context["page"]
    assert response.status_code == 200 and page.number == page.paginator.num_pages


def test_late_filter_is_one_exists_in_sql_and_matches_the_rule(client, history):
    client.force_login(_user(history))
    now = timezone.now()
    response, sql = _queries(client, reverse("run_list") + "?late=1")
    listed = response.context["page"].paginator.count
    expected = {
        run.pk for run in Run.objects.filter(office=history)
        if any(t.due_at and t.due_at < (t.closed_at or now) for t in run.tasks.all())
    }
    assert listed == len(expected) > 0
    assert {r.pk for r in response.context["runs"]} <= expected
    page_query = next(q for q in sql if 'FROM "runs_run"' in q and "LIMIT" in q and "COUNT" not in q)
    assert "EXISTS" in page_query and "COALESCE" in page_query
    assert len(sql) < 20


def test_late_filter_counts_open_tasks_past_due_and_ignores_punctual_runs(history):
    user = _user(history)
    run = Run.objects.filter(office=history, status=Run.Status.SELESAI).first()
    Task.objects.filter(run=run).update(due_at=datetime(2100, 1, 1, tzinfo=UTC))  # nothing late in this run
    late = set(selectors.runs_for(user, late=True).values_list("pk", flat=True))
    assert run.pk not in late
    Task.objects.filter(pk=Task.objects.filter(run=run).first().pk).update(
        due_at=timezone.now() - timedelta(hours=1), closed_at=None, status=Task.Status.TERBUKA)
    assert run.pk in set(selectors.runs_for(user, late=True).values_list("pk", flat=True))


def test_letter_list_is_paginated_newest_first_without_office_join(client, history):
    client.force_login(_user(history))
    response, sql = _queries(client, reverse("letter_list"))
    assert response.status_code == 200
    letters = list(response.context["letters"])
    assert len(letters) == min(LIST_PAGE_SIZE, IncomingLetter.objects.filter(office=history).count())
    assert [x.pk for x in letters] == sorted((x.pk for x in letters), reverse=True)
    page_query = next(q for q in sql if q.startswith('SELECT "runs_incomingletter"."id"') and "LIMIT" in q)
    assert "org_office" not in page_query.split("WHERE")[0]


def test_run_start_form_lists_recent_letters_without_a_run_and_finds_others(client, history):
    client.force_login(_user(history, "admin"))
    response = client.get(reverse("run_start"))
    offered = {value for value, _label in response.context["form"].fields["letter"].choices if value}
    with_run = set(Run.objects.filter(office=history, letter__isnull=False).values_list("letter_id", flat=True))
    assert offered and offered.isdisjoint(with_run) and len(offered) <= selectors.RUN_START_LETTERS
    used = IncomingLetter.objects.get(pk=min(with_run))
    found = client.get(reverse("run_start"), {"q": used.nomor_surat})
    assert used.pk in {v for v, _ in found.context["form"].fields["letter"].choices if v}
    by_agenda = client.get(reverse("run_start"), {"q": str(used.agenda_number)})
    assert used.pk in {v for v, _ in by_agenda.context["form"].fields["letter"].choices if v}


def test_run_start_still_accepts_any_letter_of_the_office_and_refuses_another_offices(history):
    from alur.runs.forms import RunStartForm

    revision = history.sops.first().revisions.first()
    old = IncomingLetter.objects.filter(office=history).order_by("pk").first()
    form = RunStartForm({"revision": revision.pk, "letter": old.pk, "year": 2026, "confirm_second": "on"},
                        office=history)  # an old letter that is not in the list (it already has a run)
    assert form.is_valid(), form.errors
    other = IncomingLetter.objects.exclude(office=history).first()
    form = RunStartForm({"revision": revision.pk, "letter": other.pk, "year": 2026}, office=history)
    assert not form.is_valid() and "letter" in form.errors


def test_plh_inbox_is_paginated_and_reads_each_sop_once(client, history):
    plh = _user(history, "sekdis")  # stands in for the head around today
    client.force_login(plh)
    response, sql = _queries(client, reverse("inbox"))
    assert response.status_code == 200
    employee = Employee.objects.get(user=plh)
    assert len(response.context["rows"]) == min(LIST_PAGE_SIZE, selectors.tasks_for(employee).count())
    assert sum('FROM "sop_soprevision"' in q for q in sql) <= 1
    assert len(sql) < 25


def test_capped_paginator_counts_no_further_than_its_cap(history):
    paginator = CappedPaginator(Task.objects.all(), 10, cap=25)
    assert paginator.count == 25 and paginator.capped and paginator.num_pages == 3
    small = CappedPaginator(Run.objects.filter(office=history)[:5], 10, cap=25)
    assert small.count == 5 and not small.capped


@pytest.mark.parametrize("model", ["audit/entry", "runs/task", "runs/run", "runs/incomingletter"])
def test_admin_lists_use_indexed_order_and_no_exact_count(client, history, model):
    admin = get_user_model().objects.create_superuser("root", password="x-very-long-pass-1")
    client.force_login(admin)
    response, sql = _queries(client, f"/admin/{model}/")
    assert response.status_code == 200
    table = '"{}_{}"'.format(*model.split("/"))
    listed = [q for q in sql if f"FROM {table}" in q]
    assert listed
    assert not any('"org_office"."name"' in q.split("ORDER BY")[-1] for q in listed if "ORDER BY" in q)
    assert not any("DISTINCT" in q for q in sql)
    counts = [q for q in listed if "COUNT(" in q]
    assert counts and all("LIMIT" in q for q in counts), counts
    assert len(sql) < 15
