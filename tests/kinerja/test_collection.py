"""A data-kinerja run collects the triwulan's realisations (issue 11, 'Inside the runs'): its
pengumpulan step opens the entry of the run's triwulan, sends each unit responsible a request
that its people see in their inbox, and completes only once every realisation is at least diajukan."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alur.audit.models import Entry
from alur.core.sop.model import Act
from alur.kinerja import services as kinerja
from alur.kinerja.models import Indicator, Realisasi
from alur.kinerja.windows import entry_window
from alur.runs import services
from alur.runs.kinds import Completion
from alur.runs.models import Collection, RealisationRequest, Run, Task
from alur.sim.simulate import drive

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 11, 2, 8, 0, tzinfo=JAKARTA)  # a Monday: the run collects triwulan III 2026
PP = "Bidang Pelayanan Perizinan"


@pytest.fixture
def kinerja_sops(demo_sops):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_sops)
    return demo_sops


def user(username):
    return get_user_model().objects.get(username=username)


def start_data_kinerja(revision_named, now=START, year=2026) -> Run:
    run = services.run_start(revision=revision_named("Pengumpulan Data Kinerja"), user=user("admin"),
                             purpose=f"Data kinerja {year}", year=year, now=now)
    drive(run, start=now, max_transitions=2)  # steps 1 and 2 (disposisi): step 3 opens
    return run


def collection_tasks(run):
    return list(Task.objects.filter(run=run, step_no=3, status=Task.Status.TERBUKA)
                .select_related("assignee__user", "run", "position").order_by("engine_id"))


def complete(task, when):
    """The holder hands in the collection step (no simulated units: `completion_for` would play them)."""
    services.task_complete(task=task, user=task.assignee.user, now=when,
                           completion=Completion(note="Bahan dari bidang terkumpul."))


def submit(username, code, value, day=date(2026, 11, 3)):
    indicator = Indicator.objects.get(code=code)
    realisasi = kinerja.realisasi_save(user=user(username), indicator=indicator, year=2026, triwulan=3,
                                       value=value, day=day)
    if not realisasi.evidence.exists():
        kinerja.evidence_add(user=user(username), realisasi=realisasi, note="Rekap SiCantik Juli–September")
    return kinerja.realisasi_submit(user=user(username), realisasi=realisasi, day=day)


def test_step_3_of_the_seed_is_the_collection(revision_named):
    step = revision_named("Pengumpulan Data Kinerja").as_core().step(3)
    assert step.act == Act.PENGUMPULAN
    assert step.actors == ("Analisis Perencanaan Evaluasi dan Pelaporan", "Bidang-Bidang Lain")
    assert step.kelengkapan == "Data, Bahan dari Bidang" and step.output == "Bahan-bahan materi /Draft"


def test_a_2026_q3_run_asks_the_units_blocks_until_submitted_then_completes(kinerja_sops, revision_named, client):
    run = start_data_kinerja(revision_named)
    collection = Collection.objects.get(run=run)
    assert (collection.year, collection.triwulan, collection.opened_on) == (2026, 3, date(2026, 11, 2))
    requests = {r.unit.name: r for r in RealisationRequest.objects.filter(run=run).select_related("unit")}
    assert set(requests) == {"Bidang Penanaman Modal", PP, "Subbag Umum dan Keuangan",
                             "Subbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan"}
    assert requests[PP].indicator_count == 5 and requests[PP].done_at is None  # IND-08 sent back, IND-09 empty
    assert requests["Bidang Penanaman Modal"].done_at is not None  # all four already at least diajukan
    trail = Entry.objects.filter(run_id=run.pk, kind__startswith="pengumpulan.").order_by("position")
    assert [e.kind for e in trail] == ["pengumpulan.dibuka"] + ["pengumpulan.permintaan"] * 4
    asked = next(e.data for e in trail if e.data.get("unit") == PP)
    assert asked["belum"] == ["IND-08", "IND-09"] and asked["kepada"] == ["198112242006042006"]  # the Kabid PP

    # The Kabid Pelayanan Perizinan sees the request in the inbox, linking to her indicators of the period.
    client.force_login(user("kabidpp"))
    page = client.get(reverse("inbox")).content.decode()
    assert "Isi realisasi triwulan III 2026 — 2 indikator" in page
    assert reverse("kinerja:mine") + "?tahun=2026&amp;tw=3" in page
    assert 'data-testid="count-requests">1<' in client.get(reverse("home")).content.decode()
    client.force_login(user("kabidpm"))  # her unit has handed everything in
    assert "Isi realisasi triwulan" not in client.get(reverse("inbox")).content.decode()

    # Completing the step is refused, naming the missing indicators; the task page says so before submit.
    tasks = collection_tasks(run)
    # the Analis and both Kabid: "Bidang-Bidang Lain" maps to every Bidang (issue 18 item 18)
    assert [t.assignee.user.username for t in tasks][1:] == ["kabidpm", "kabidpp"] and len(tasks) == 3
    with pytest.raises(ValidationError) as refused:
        complete(tasks[0], START + timedelta(days=1))
    message = " ".join(refused.value.messages)
    assert ("Belum diajukan: IND-08 Persentase izin terbit tepat waktu sesuai standar pelayanan "
            f"({PP}), IND-09 Jumlah izin dan non-izin yang diterbitkan ({PP})") in message
    assert "IKU-07" not in message and "IND-03" not in message
    client.force_login(tasks[0].assignee.user)
    page = client.get(reverse("task_detail", args=[tasks[0].pk])).content.decode()
    assert "Belum diajukan: IND-08" in page and "triwulan III 2026" in page
    assert 'data-testid="meeting"' not in page  # several actors, but a collection is not a meeting

    submit("kabidpp", "IND-08", "93.5")
    client.force_login(user("kabidpp"))
    assert "Isi realisasi triwulan III 2026 — 1 indikator" in client.get(reverse("inbox")).content.decode()
    with pytest.raises(ValidationError, match="Belum diajukan: IND-09 "):
        complete(tasks[0], START + timedelta(days=1, hours=1))
    last = submit("kabidpp", "IND-09", "1250")
    assert "Isi realisasi triwulan" not in client.get(reverse("inbox")).content.decode()

    for task in tasks:
        complete(task, START + timedelta(days=1, hours=2))
    assert not Task.objects.filter(run=run, step_no=3, status=Task.Status.TERBUKA).exists()
    assert Task.objects.filter(run=run, step_no=4, status=Task.Status.TERBUKA).exists()
    assert RealisationRequest.objects.get(run=run, unit__name=PP).done_at == last.submitted_at
    assert not RealisationRequest.objects.filter(run=run, done_at__isnull=True).exists()


def test_a_sent_back_realisation_counts_as_missing_again(kinerja_sops, revision_named):
    run = start_data_kinerja(revision_named)
    submit("kabidpp", "IND-08", "93.5")
    submit("kabidpp", "IND-09", "1250")
    submitted = Realisasi.objects.get(indicator__code="IND-06", year=2026, triwulan=3)
    kinerja.realisasi_send_back(user=user("kasubbag"), realisasi=submitted, reason="Lampirkan rekap bulanan.")
    with pytest.raises(ValidationError, match="Belum diajukan: IND-06 "):
        complete(collection_tasks(run)[0], START + timedelta(days=1))


def test_the_collection_opens_the_entry_window_from_its_day(kinerja_sops, revision_named):
    """A run started on 4 January 2027 for 2026 collects triwulan IV; entry is open from that day,
    before the window the office's settings compute (here five working days after 31 December)."""
    from alur.kinerja.models import KinerjaSetting

    office = kinerja_sops
    KinerjaSetting.objects.filter(office=office).update(window_opens_after=5, window_closes_after=15)
    izin = Indicator.objects.get(code="IND-09")
    computed = entry_window(office, 2026, 4)
    opening = datetime(2027, 1, 4, 8, 0, tzinfo=JAKARTA)
    assert computed.opens > opening.date() and not computed.opened_by_run
    with pytest.raises(ValidationError, match="baru dibuka"):
        kinerja.realisasi_save(user=user("kabidpp"), indicator=izin, year=2026, triwulan=4, value=1,
                               day=opening.date())
    run = start_data_kinerja(revision_named, now=opening)
    assert (run.collection.year, run.collection.triwulan) == (2026, 4)
    window = entry_window(office, 2026, 4)
    assert window.opens == opening.date() and window.opened_by_run and window.closes == computed.closes
    saved = kinerja.realisasi_save(user=user("kabidpp"), indicator=izin, year=2026, triwulan=4, value=1,
                                   day=opening.date())
    assert saved.state == Realisasi.State.DRAFT
    assert not entry_window(office, 2026, 3).opened_by_run  # other periods keep their own window


def test_the_simulator_plays_the_units_then_the_run_finishes(kinerja_sops, revision_named):
    """drive() (and `alur history`) plays the units too: the Kabid PP enters and submits IND-08 and
    IND-09 through the kinerja services, then the run goes to its end."""
    run = start_data_kinerja(revision_named)
    drive(run, start=START + timedelta(hours=2))
    assert run.status == Run.Status.SELESAI
    for code in ("IND-08", "IND-09"):
        realisasi = Realisasi.objects.get(indicator__code=code, year=2026, triwulan=3)
        assert realisasi.state == Realisasi.State.DIAJUKAN and realisasi.submitted_by == user("kabidpp")
    assert Realisasi.objects.get(indicator__code="IND-03", year=2026, triwulan=3).submitted_by is None  # untouched
    assert Entry.objects.filter(kind="kinerja.realisasi.ajukan", user=user("kabidpp")).count() == 2
    assert not RealisationRequest.objects.filter(run=run, done_at__isnull=True).exists()


def test_an_office_without_performance_data_runs_through(revision_named):
    """No indicators with a target that year: no requests, nothing missing; the simulator drives the
    run to its end."""
    run = start_data_kinerja(revision_named)
    assert run.collection.requests.count() == 0
    drive(run, start=START + timedelta(hours=2))
    assert run.status == Run.Status.SELESAI


def test_the_collection_opens_once_per_run(kinerja_sops, revision_named):
    """A collection step opened again (a later step returned the document to it) sends nothing new."""
    from alur.runs.kinds import kind_for

    run = start_data_kinerja(revision_named)
    tasks = collection_tasks(run)
    step = run.revision.as_core().step(3)
    for task in tasks:
        task.iteration = 2
    assert kind_for(step).opened(run, step, tasks, now=START + timedelta(days=2)) == []
    assert Collection.objects.filter(run=run).count() == 1
    assert RealisationRequest.objects.filter(run=run).count() == 4


def test_susun_dari_data_on_the_collection_step_and_the_run_verifies(kinerja_sops, revision_named, client):
    """The document mapping still offers 'Susun dari data' at step 3 (the triwulan's data-kinerja
    report); the run's trail, with the collection's entries, verifies against its records."""
    from alur.documents.models import Generated
    from alur.documents.services import generate_for_task
    from alur.runs.verify import verify_run

    run = start_data_kinerja(revision_named)
    task = collection_tasks(run)[0]
    client.force_login(task.assignee.user)
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert 'data-testid="susun-dari-data"' in page and 'data-testid="step-hint"' in page
    result = generate_for_task(task=task, user=task.assignee.user, now=START + timedelta(hours=3))
    generated = Generated.objects.get(version=result.version)
    assert (generated.kind, generated.year, generated.triwulan) == ("data_kinerja", 2026, 3)
    submit("kabidpp", "IND-08", "93.5")
    submit("kabidpp", "IND-09", "1250")
    for task in collection_tasks(run):
        complete(task, START + timedelta(days=1))
    run.refresh_from_db()
    assert verify_run(run) == []
    page = client.get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "membuka pengisian realisasi triwulan 3 2026" in page
    assert "meminta Bidang Pelayanan Perizinan mengisi realisasi triwulan 3 2026 (5 indikator)" in page


def test_a_stand_in_for_the_kabid_sees_the_request(kinerja_sops, revision_named, client):
    """The request reaches whoever acts in the unit today: a Plh of the Kabid PP sees it too."""
    from alur.org.models import Employee, Position, StandIn

    start_data_kinerja(revision_named)
    client.force_login(user("kasubbagumum"))
    assert "Isi realisasi triwulan" not in client.get(reverse("inbox")).content.decode()
    today = timezone.localdate()
    StandIn.objects.create(position=Position.objects.get(code="kabid-pp"), kind="plh", start=today, end=today,
                           employee=Employee.objects.get(user__username="kasubbagumum"))
    assert "Isi realisasi triwulan III 2026 — 2 indikator" in client.get(reverse("inbox")).content.decode()
