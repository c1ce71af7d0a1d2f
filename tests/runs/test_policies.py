"""One predicate per act, used by the page and the service; a read grant never allows a write."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from alur.audit.models import Entry
from alur.org.models import Employee, OfficeGrant, Position, StandIn
from alur.runs import policies, services
from alur.runs.models import DocumentVersion, IncomingLetter, Run, Task
from alur.runs.urls import urlpatterns
from alur.sim.simulate import SAMPLE_PDF, drive

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
User = get_user_model()


def user(name):
    return User.objects.get(username=name)


@pytest.fixture
def iku_run(revision_named):
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU 2026", now=START)
    drive(run, start=START, max_transitions=2)  # step 3 (typing, an upload) is open
    return run


@pytest.fixture
def grant_readers(demo_sops, other_office):
    """The Kepala Dinas of another office with a grant on the demo office, and an inspector who
    has only a grant (no employee record)."""
    inspector = User.objects.create_user("inspektur", password="rahasia-123")
    for reader in (user("kadisdik"), inspector):
        OfficeGrant.objects.create(user=reader, office=demo_sops, note="reviu")
    return [user("kadisdik"), inspector]


def post_data(name, run, task):
    """A body that would be accepted from someone allowed to act."""
    sekretaris = Position.objects.get(office=run.office, code="sekretaris")
    revision = run.revision
    return {
        "task_detail": {"upload": SimpleUploadedFile("x.pdf", SAMPLE_PDF, content_type="application/pdf"),
                        "note": "x", "disposition_to": [sekretaris.pk], "disposition_instructions": ["proses"]},
        "task_reassign": {"to": Employee.objects.get(user__username="sekdis").pk, "reason": "cuti"},
        "child_run_start": {"revision": revision.pk},
        "letter_create": {"nomor_surat": "1", "tanggal_surat": "2026-03-01", "asal": "Bupati", "perihal": "x",
                          "sifat": "biasa", "received_on": "2026-03-02"},
        "run_start": {"revision": revision.pk, "purpose": "Curang", "year": 2026},
        "run_cancel": {"reason": "Dibatalkan dari luar"},
    }.get(name, {})


def state_of(office):
    return (Entry.objects.filter(office=office).count(), Run.objects.filter(office=office).count(),
            list(Task.objects.filter(run__office=office).values_list("pk", "status", "assignee_id").order_by("pk")),
            IncomingLetter.objects.filter(office=office).count(), DocumentVersion.objects.count())


READ_ONLY = {"inbox", "letter_list", "letter_scan", "run_list", "run_detail", "version_download", "letter_scan_view",
             "version_view", "disposition_detail", "disposition_pdf"}


def test_every_state_changing_url_refuses_a_grant_holder(client, iku_run, grant_readers):
    run, task = iku_run, iku_run.tasks.get(status=Task.Status.TERBUKA)
    version = DocumentVersion.objects.first()
    names = [p.name for p in urlpatterns if isinstance(p, URLPattern)]
    writes = [n for n in names if n not in READ_ONLY]
    assert set(writes) == {"task_detail", "task_reassign", "child_run_start", "letter_create", "run_start",
                           "run_cancel", "disposition_acknowledge"}, "a new runs URL: say here whether it writes"
    for reader in grant_readers:
        client.force_login(reader)
        assert client.get(reverse("run_detail", args=[run.pk])).status_code == 200  # the grant reads
        for name in writes:
            pattern = next(p for p in urlpatterns if p.name == name)
            args = []
            if "<int64:pk>" in str(pattern.pattern):
                args = [{"tugas": task.pk, "alur": run.pk, "dokumen": getattr(version, "pk", 0), "disposisi": 0}[
                    str(pattern.pattern).split("/")[0]]]
            before = state_of(run.office)
            response = client.post(reverse(name, args=args), post_data(name, run, task))
            assert response.status_code in (200, 302, 403, 404), (reader, name, response.status_code)
            assert state_of(run.office) == before, f"{reader.username} wrote through {name}"


def test_head_of_another_office_with_a_grant_cannot_cancel_through_the_service(iku_run, grant_readers):
    kadisdik = user("kadisdik")
    assert not policies.can_cancel_run(kadisdik, iku_run)
    with pytest.raises(PermissionDenied):
        services.run_cancel(run=iku_run, user=kadisdik, reason="iseng")
    iku_run.refresh_from_db()
    assert iku_run.status == Run.Status.BERJALAN


def test_plt_of_another_office_head_cannot_cancel(iku_run, other_office):
    # A demo employee standing in for the OTHER office's head is still not a head of this run's office.
    sekdis = Employee.objects.get(user__username="sekdis")
    other_head = Position.objects.get(office=other_office, code="kepala-dinas")
    StandIn.objects.create(position=other_head, employee=sekdis, kind="plh", start=date(2020, 1, 1),
                           end=date(2099, 1, 1))
    with pytest.raises(PermissionDenied):
        services.run_cancel(run=iku_run, user=user("sekdis"), reason="bukan kepala OPD ini")


def test_cancel_rule_is_the_same_on_the_page_and_in_the_service(client, iku_run):
    """Admin of the office, or the head of the run's own office (or their Plt/Plh), may cancel."""
    for name, allowed in (("kadis", True), ("admin", True), ("staf", False), ("sekdis", False)):
        client.force_login(user(name))
        page = client.get(reverse("run_detail", args=[iku_run.pk])).content.decode()
        assert ("Batalkan alur" in page) is allowed, name
        assert policies.can_cancel_run(user(name), iku_run) is allowed, name
    # The Plt of the head is offered it and may do it.
    StandIn.objects.create(position=Position.objects.get(code="kepala-dinas"),
                           employee=Employee.objects.get(user__username="sekdis"), kind="plt",
                           start=date(2020, 1, 1), end=date(2099, 1, 1))
    client.force_login(user("sekdis"))
    assert "Batalkan alur" in client.get(reverse("run_detail", args=[iku_run.pk])).content.decode()
    services.run_cancel(run=iku_run, user=user("sekdis"), reason="Salah SOP")
    iku_run.refresh_from_db()
    assert iku_run.status == Run.Status.DIBATALKAN


def test_a_stand_in_acts_only_while_standing_in(iku_run):
    task = iku_run.tasks.get(status=Task.Status.TERBUKA)
    sekdis = Employee.objects.get(user__username="sekdis")
    StandIn.objects.create(position=task.position, employee=sekdis, kind="plh", start=date(2026, 3, 2),
                           end=date(2026, 3, 3))
    assert policies.can_act_on_task(user("sekdis"), task, date(2026, 3, 2))
    assert not policies.can_act_on_task(user("sekdis"), task, date(2026, 3, 4))
    assert policies.can_act_on_task(task.assignee.user, task, date(2026, 3, 4))


def test_services_refuse_strangers(iku_run, other_office, revision_named):
    stranger = user("kadisdik")
    task = iku_run.tasks.get(status=Task.Status.TERBUKA)
    with pytest.raises(PermissionDenied):
        services.letter_register(office=iku_run.office, user=stranger, nomor_surat="1",
                                 tanggal_surat=date(2026, 1, 5), asal="x", perihal="x", received_on=date(2026, 1, 6))
    with pytest.raises(PermissionDenied):
        services.run_start(revision=revision_named("RENJA"), user=stranger, purpose="x", now=START)
    with pytest.raises(PermissionDenied):
        services.task_reassign(task=task, user=stranger, to=Employee.objects.get(user__username="sekdis"),
                               reason="x")
    with pytest.raises(PermissionDenied):
        services.child_run_start(task=task, revision=revision_named("RENJA"), user=stranger,
                                 now=START + timedelta(hours=1))


def test_cancelling_asks_for_confirmation_before_the_irreversible_act(client, iku_run):
    """The cancel form sits behind a panel that says what cannot be undone; its button confirms."""
    client.force_login(user("kadis"))
    page = client.get(reverse("run_detail", args=[iku_run.pk])).content.decode()
    panel = page[page.index('data-testid="cancel-panel"'):]
    assert "tidak dapat diurungkan" in panel[:panel.index("</details>")]
    assert "Ya, batalkan alur ini" in panel[:panel.index("</details>")]
