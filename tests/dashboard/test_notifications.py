from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alur.dashboard import notifications as notes
from alur.org.models import Employee
from alur.runs.models import SignOff, Task
from alur.runs.services import run_start
from alur.sim.simulate import drive


@pytest.fixture
def iku_work(revision_named):
    """One IKU run finished (a document signed) and one sent back at its decision (step 4 reopened)."""
    admin = get_user_model().objects.get(username="admin")
    iku = revision_named("IKU")
    start = timezone.now() - timedelta(days=3)
    drive(run_start(revision=iku, user=admin, purpose="IKU selesai", now=start), start=start)
    back = run_start(revision=iku, user=admin, purpose="IKU dikembalikan")
    drive(back, decide=lambda task: False, max_transitions=5)
    reopened = Task.objects.get(run=back, status=Task.Status.TERBUKA)
    assert reopened.iteration == 2
    return reopened


def test_notifications_of_each_kind_and_their_unread_count(iku_work):
    person = iku_work.assignee
    items = notes.notifications_for(person)
    kinds = {n.kind for n in items}
    assert notes.SENT_BACK in kinds
    signed_uploader = SignOff.objects.filter(kind="tanda_tangan").first().version.uploaded_by
    assert notes.SIGNED in {n.kind for n in notes.notifications_for(signed_uploader)}
    Task.objects.filter(pk=iku_work.pk).update(due_at=timezone.now() - timedelta(hours=1))
    assert notes.OVERDUE in {n.kind for n in notes.notifications_for(person)}
    for employee in Employee.objects.all():
        assert notes.unread_count(employee) == sum(n.unread for n in notes.notifications_for(employee))


def test_due_today_item(iku_work):
    due = timezone.now() + timedelta(minutes=5)
    if timezone.localdate(due) != timezone.localdate():
        pytest.skip("too close to midnight for a 'due today' task")
    Task.objects.filter(pk=iku_work.pk).update(due_at=due)
    assert notes.DUE_TODAY in {n.kind for n in notes.notifications_for(iku_work.assignee)}


def test_marking_read_one_and_all(iku_work, client):
    person = iku_work.assignee
    client.force_login(person.user)
    page = client.get(reverse("dashboard:notifications"))
    html = page.content.decode()
    before = notes.unread_count(person)
    assert before >= 1 and f'data-testid="unread-count">{before}<' in html
    first = next(n for n in page.context["items"] if n.unread)
    client.post(reverse("dashboard:notifications"), {"aksi": "baca", "kunci": first.key})
    assert notes.unread_count(person) == before - 1
    client.post(reverse("dashboard:notifications"), {"aksi": "baca"})
    assert notes.unread_count(person) == 0
    assert 'data-testid="unread-count"' not in client.get(reverse("dashboard:notifications")).content.decode()
    response = client.post(reverse("dashboard:notifications"), {"aksi": "hapus-semua"}, follow=True)
    assert "Aksi tidak dikenal" in response.content.decode()


def test_daily_digest_with_opt_out(iku_work, client):
    person = iku_work.assignee
    Employee.objects.filter(pk=person.pk).update(email="pegawai@example.org")
    Employee.objects.exclude(pk=person.pk).update(email="")
    call_command("digest")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pegawai@example.org"]
    assert "Dikembalikan kepada Anda" in mail.outbox[0].body
    client.force_login(person.user)
    client.post(reverse("dashboard:notifications"), {"aksi": "ringkasan", "ringkasan": "0"})
    mail.outbox.clear()
    call_command("digest")
    assert mail.outbox == []


def test_notifications_xlsx_lists_the_same_items(iku_work, client):
    import io

    from openpyxl import load_workbook

    person = iku_work.assignee
    client.force_login(person.user)
    response = client.get(reverse("dashboard:notifications"), {"unduh": "xlsx"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["Pemberitahuan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Waktu", "Jenis", "Pemberitahuan", "Dibaca", "Tautan")
    items = notes.notifications_for(person)
    assert [row[2] for row in rows[1:]] == [n.text for n in items]
    assert "Dikembalikan" in {row[1] for row in rows[1:]}
    assert {row[3] for row in rows[1:]} == {"belum"}
