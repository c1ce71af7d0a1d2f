import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from alur.dashboard import selectors
from alur.org.models import Employee, Office, OfficeGrant, Position, PositionHolding, Unit
from alur.sop.models import SopRevision

OFFICE = "dpmptsp-tanjabbar"


@pytest.fixture
def inspektorat(db):
    """An Inspektorat auditor: an employee of the Inspektorat, no grants yet."""
    office = Office.objects.create(name="Inspektorat Daerah", code="inspektorat", short_code="ITDA",
                                   government="Pemerintah Kabupaten Tanjung Jabung Barat")
    unit = Unit.objects.create(office=office, name="Irban I")
    position = Position.objects.create(office=office, unit=unit, name="Auditor", code="auditor")
    user = get_user_model().objects.create_user("auditor", password="rahasia-123")
    employee = Employee.objects.create(office=office, name="Auditor Satu", nip="198203032008011002", user=user)
    PositionHolding.objects.create(employee=employee, position=position, start="2024-01-01")
    return user


def _xlsx_sheets(response) -> dict:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return {sheet.title: list(sheet.values) for sheet in book.worksheets}


def test_now_page_shows_overdue_tasks_and_exports_every_table(history, login):
    client = login("kadis")
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and response.url == reverse("dashboard:now", args=[OFFICE])
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="overdue"' in html and "terlambat" in html.lower() and "kerja</td>" in html
    assert "diperbarui pada" in html
    sheets = _xlsx_sheets(client.get(response.url, {"unduh": "xlsx"}))
    assert {"Tugas terlambat", "Beban kerja per orang", "Surat belum ditindaklanjuti"} <= set(sheets)
    assert len(sheets["Tugas terlambat"]) >= 2  # header and at least one late task


@pytest.mark.parametrize("query", [{"dari": "2026-13-01"}, {"dari": "2026-05-01", "sampai": "2026-01-01"},
                                   {"min_runs": "0"}, {"min_runs": "banyak"}])
def test_bad_parameters_get_a_clear_message(demo_sops, login, query):
    client = login("kadis")
    sop = SopRevision.objects.filter(sop__office=demo_sops).first().sop
    response = client.get(reverse("dashboard:realism", args=[OFFICE, sop.pk]), query)
    assert response.status_code == 400
    assert 'data-testid="bad-request"' in response.content.decode()


def test_realism_page_and_suggestions_into_a_draft(history, renja, login):
    client = login("kadis")
    url = reverse("dashboard:realism", args=[OFFICE, renja.pk])
    page = client.get(url, {"min_runs": 2})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="bottleneck"' in html and "<svg" in html and 'data-standard="1"' in html
    assert "n=" in html  # the flowchart carries the figures
    figures = selectors.realism(renja, selectors.default_period(page.context["r"].period.end),
                                selectors.Rule(min_runs=2))
    suggestion = figures.suggestions[0]
    response = client.post(reverse("dashboard:realism_apply", args=[OFFICE, renja.pk]),
                           {"min_runs": 2, "langkah": [str(suggestion.step_no)]})
    draft = SopRevision.objects.get(sop=renja, status=SopRevision.Status.DRAFT)
    assert response.status_code == 302 and f"revisi={draft.number}" in response.url
    step = next(s for s in draft.as_core().steps if s.no == suggestion.step_no)
    assert step.waktu == suggestion.proposed
    changes = " ".join(draft.changes)
    assert f"waktu diubah dari {suggestion.current} menjadi {suggestion.proposed}".lower() in changes.lower()
    assert (f"Waktu langkah {suggestion.step_no} diubah dari {suggestion.current} ke {suggestion.proposed} — "
            f"usulan dari data {figures.period.label}, n={suggestion.count}, P80=") in changes
    sheets = _xlsx_sheets(client.get(url, {"unduh": "xlsx", "min_runs": 2}))
    assert len(sheets["Realisme waktu per langkah"]) == 1 + len(figures.steps)


def test_only_the_sop_writers_may_apply_suggestions(history, renja, login):
    client = login("staf")
    assert client.get(reverse("dashboard:realism", args=[OFFICE, renja.pk])).status_code == 200
    response = client.post(reverse("dashboard:realism_apply", args=[OFFICE, renja.pk]),
                           {"min_runs": 1, "langkah": ["1", "2", "3", "4", "5", "6"]}, follow=True)
    assert "Hanya admin OPD dan Kepala Dinas" in response.content.decode()
    assert not SopRevision.objects.filter(sop=renja, status=SopRevision.Status.DRAFT).exists()


def test_applying_nothing_is_refused_with_a_message(history, renja, login):
    response = login("kadis").post(reverse("dashboard:realism_apply", args=[OFFICE, renja.pk]), {"min_runs": 1},
                                   follow=True)
    assert "Pilih sedikitnya satu usulan Waktu" in response.content.decode()
    assert not SopRevision.objects.filter(sop=renja, status=SopRevision.Status.DRAFT).exists()


def test_kabupaten_view_for_an_auditor_with_two_grants(history, other_office, inspektorat, login):
    demo = Office.objects.get(code=OFFICE)
    OfficeGrant.objects.create(user=inspektorat, office=demo, note="Reviu LKjIP")
    OfficeGrant.objects.create(user=inspektorat, office=other_office, note="Reviu LKjIP")
    client = login("auditor")
    assert client.get(reverse("dashboard:home")).status_code == 302  # own office first
    page = client.get(reverse("dashboard:kabupaten"))
    html = page.content.decode()
    assert page.status_code == 200
    assert demo.name in html and other_office.name in html
    row = next(r for r in page.context["rows"] if r["office"] == demo)
    assert row["finished"] == 5 and row["overdue"] >= 1
    assert row["sakip"]["pk_signed"] is False and [q["triwulan"] for q in row["sakip"]["quarters"]] == [1, 2, 3, 4]
    # drill down, read-only
    assert client.get(reverse("dashboard:now", args=[OFFICE])).status_code == 200
    renja = next(s for s in SopRevision.objects.filter(sop__office=demo, nama__icontains="RENJA"))
    assert client.get(reverse("dashboard:realism", args=[OFFICE, renja.sop_id])).status_code == 200
    client.post(reverse("dashboard:realism_apply", args=[OFFICE, renja.sop_id]), {"min_runs": 1, "langkah": ["3"]})
    assert not SopRevision.objects.filter(sop_id=renja.sop_id, status=SopRevision.Status.DRAFT).exists()
    sheets = _xlsx_sheets(client.get(reverse("dashboard:kabupaten"), {"unduh": "xlsx"}))
    assert any(row and row[0] == other_office.name for row in sheets["OPD berdampingan"])


def test_without_grants_the_kabupaten_view_and_other_offices_are_404(history, inspektorat, login):
    client = login("auditor")
    assert client.get(reverse("dashboard:kabupaten")).status_code == 404
    assert client.get(reverse("dashboard:now", args=[OFFICE])).status_code == 404
    renja = SopRevision.objects.filter(nama__icontains="RENJA").first()
    assert client.get(reverse("dashboard:realism", args=[OFFICE, renja.sop_id])).status_code == 404
    assert client.get(reverse("dashboard:event_log", args=[OFFICE, renja.sop_id, "xes"])).status_code == 404


def test_event_log_csv_has_a_start_and_complete_per_finished_task(history, renja, login):
    from alur.runs.models import Task

    response = login("kadis").get(reverse("dashboard:event_log", args=[OFFICE, renja.pk, "csv"]))
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("case_id,keperluan,activity")
    tasks = Task.objects.filter(run__revision__sop=renja).exclude(status="dibatalkan")
    assert len(lines) - 1 == tasks.count() + tasks.filter(closed_at__isnull=False).count()
    assert login("kadis").get(reverse("dashboard:event_log", args=[OFFICE, renja.pk, "pdf"])).status_code == 404


def test_now_page_lists_are_capped_with_the_full_count_and_a_show_all_link(history, login, monkeypatch):
    from alur.runs.services import run_start

    monkeypatch.setattr(selectors, "PAGE_ROWS", 1)
    revision = SopRevision.objects.filter(nama__icontains="RENJA", status=SopRevision.Status.APPROVED).first()
    run_start(revision=revision, user=get_user_model().objects.get(username="admin"), purpose="Satu lagi")
    client = login("kadis")
    url = reverse("dashboard:now", args=[OFFICE])
    page = client.get(url).context["page"]
    assert page.open_total > 1 and len(page.open_tasks) == 1
    html = client.get(url).content.decode()
    assert f"Menampilkan 1 dari {page.open_total}." in html and "semua=1" in html
    everything = client.get(url, {"semua": "1"}).context["page"]
    assert len(everything.open_tasks) == page.open_total
    sheets = _xlsx_sheets(client.get(url, {"unduh": "xlsx"}))
    assert len(sheets["Alur berjalan"]) - 1 == page.open_total


def test_the_kabupaten_view_counts_an_office_nobody_opened_yet(history, other_office, inspektorat, login):
    """Issue 18 item 20: the Inspektorat saw "belum pernah dihitung" until each office page was opened."""
    from alur.dashboard.models import TimingStamp

    for office in (Office.objects.get(code=OFFICE), other_office):
        OfficeGrant.objects.create(user=inspektorat, office=office, note="Reviu LKjIP")
    TimingStamp.objects.all().delete()
    page = login("auditor").get(reverse("dashboard:kabupaten"))
    assert "belum pernah dihitung" not in page.content.decode()
    assert TimingStamp.objects.filter(office__in=[other_office]).exists()
    assert all(row["refreshed_at"] is not None for row in page.context["rows"])
