"""Items 6 and 9 of issue 9: one letter, one run (unless meant); Rahasia letters only for whom they concern."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alur.org.models import OfficeGrant
from alur.runs import policies, services
from alur.runs.models import Run, Task
from alur.sim.simulate import SAMPLE_PDF

pytestmark = pytest.mark.django_db
PERIHAL = "Pemeriksaan khusus pejabat X"


def user(name):
    return get_user_model().objects.get(username=name)


def register(office, sifat="biasa", registrar="admin", perihal="Penyusunan Renja 2027"):
    today = timezone.localdate()
    return services.letter_register(
        office=office, user=user(registrar), nomor_surat="700/12/INSP/2026", tanggal_surat=today, asal="Inspektorat",
        perihal=perihal, sifat=sifat, received_on=today,
        scan=SimpleUploadedFile("scan.pdf", SAMPLE_PDF, content_type="application/pdf"))


def test_second_run_from_a_letter_warns_and_needs_confirmation(login, demo_sops, revision_named):
    letter = register(demo_sops)
    revision = revision_named("RENJA")
    client = login("admin")
    first = {"revision": revision.pk, "letter": letter.pk, "year": 2027}
    assert client.post(reverse("run_start"), first).status_code == 302
    page = client.get(reverse("run_start") + f"?letter={letter.pk}").content.decode()
    assert 'data-testid="second-run-warning"' in page and ">Penyusunan Renja 2027</a> (berjalan)" in page
    page = client.post(reverse("run_start"), first).content.decode()
    assert f"Surat agenda {letter.agenda_number}/{letter.agenda_year} sudah memulai alur" in page
    assert Run.objects.count() == 1
    assert client.post(reverse("run_start"), {**first, "confirm_second": "on"}).status_code == 302
    assert Run.objects.filter(letter=letter).count() == 2


def test_letter_list_shows_the_run_each_letter_started_in_one_query(login, demo_sops, revision_named):
    letters = [register(demo_sops) for _ in range(3)]
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), letter=letters[0])
    client = login("kadis")
    client.get(reverse("letter_list"))  # warm caches (session, employee)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("letter_list")).content.decode()
    letter_queries = [q for q in captured.captured_queries if "runs_incomingletter" in q["sql"]]
    assert len(letter_queries) <= 2  # the page (and the paginator's capped count)
    assert f'href="{reverse("run_detail", args=[run.pk])}">Penyusunan Renja 2027' in page


@pytest.fixture
def secret_run(demo_sops, revision_named, other_office):
    """A Rahasia letter registered by the admin, disposed by the Kadis to the Sekretaris (who continues
    the run) and the Kasubbag Umum (a copy); the Staf has not acted on the run."""
    letter = register(demo_sops, sifat="rahasia", perihal=PERIHAL)
    run = services.run_start(revision=revision_named("IKU"), user=user("admin"), letter=letter)
    task = run.tasks.get()
    umum = demo_sops.positions.get(code="kasubbag-umum")
    services.task_complete(task=task, user=user("kadis"), completion=services.Completion(
        disposition_to=[umum], disposition_instructions=["proses"], disposition_due=timezone.localdate()))
    OfficeGrant.objects.create(user=user("kadisdik"), office=demo_sops, note="reviu")
    return run, letter


@pytest.mark.parametrize("username, sees", [
    ("admin", True),          # the registrar
    ("kadis", True),          # the head
    ("sekdis", True),         # disposed to, and an actor of the run
    ("kasubbagumum", True),   # disposed to (a copy)
    ("kabidpp", False),       # another employee of the office
    ("staf", False),          # a later actor of the SOP who has not acted yet
    ("kadisdik", False),      # another office's head with a read grant
])
def test_rahasia_letter_perihal_and_scan_per_role(login, secret_run, username, sees):
    run, letter = secret_run
    client = login(username)
    assert policies.can_see_letter(user(username), letter) is sees
    assert run.purpose == f"Tindak lanjut surat rahasia agenda {letter.agenda_number}/{letter.agenda_year}"
    pages = [client.get(reverse("letter_list")), client.get(reverse("run_detail", args=[run.pk]))]
    for response in pages:
        assert (PERIHAL in response.content.decode()) is sees, response.request["PATH_INFO"]
    for name in ("letter_scan", "letter_scan_view"):
        assert (client.get(reverse(name, args=[letter.pk])).status_code == 200) is sees
    if not sees:
        assert "Surat rahasia (agenda" in pages[1].content.decode()


def test_staf_sees_the_rahasia_letter_once_it_is_their_task(login, secret_run):
    run, letter = secret_run
    # the IKU's step 3 goes to the Tim SAKIP: once the task is theirs, the letter concerns them
    assert not policies.can_see_letter(user("timsakip"), letter)
    sekdis_task = Task.objects.get(run=run, status="terbuka")
    sakip = run.office.positions.get(code="tim-sakip")
    services.task_complete(task=sekdis_task, user=user("sekdis"), completion=services.Completion(
        disposition_to=[sakip], disposition_instructions=["proses"]))
    assert policies.can_see_letter(user("timsakip"), letter)
    page = login("timsakip").get(reverse("task_detail", args=[Task.objects.get(run=run, status="terbuka").pk]))
    assert PERIHAL in page.content.decode()


def test_lembar_disposisi_of_a_rahasia_letter_hides_the_perihal_from_others(secret_run):
    from django.template.loader import render_to_string

    from alur.runs.disposition_sheet import sheet_context
    from alur.runs.models import Disposition

    run, _ = secret_run
    for username, sees in (("kabidpp", False), ("kadis", True)):
        disposition = Disposition.objects.select_related("task__run__letter", "task__run__office").get(task__run=run)
        policies.hide_confidential(user(username), [disposition.task.run.letter])
        html = render_to_string("runs/lembar_disposisi.html", sheet_context(disposition))
        assert (PERIHAL in html) is sees
