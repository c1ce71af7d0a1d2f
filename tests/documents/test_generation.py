"""'Susun dari data' inside a run: a generated version with its hash, fingerprint and trail entry,
review and signature binding to it, and the notice when the data changes after penetapan."""

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.documents.models import Generated
from alur.documents.services import generate_for_task
from alur.kinerja.models import Indicator
from alur.runs import services
from alur.runs.models import DocumentVersion, SignOff, Task
from alur.runs.verify import verify_run
from alur.sim.simulate import completion_for

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def iku_revision(kinerja_office, revision_named):
    return revision_named("IKU")


def open_task(run):
    return Task.objects.filter(run=run, status="terbuka").select_related("assignee__user", "run").order_by(
        "engine_id").first()


def advance_to(run, step_no, clock, approve=True):
    while (task := open_task(run)).step_no != step_no:
        clock += timedelta(minutes=30)
        core = run.revision.as_core()
        step = core.step(task.step_no)
        if step.act == "kerja":  # IKU steps 3 and 4: 'Susun dari data' stands for the upload
            try:
                generate_for_task(task=task, user=task.assignee.user, now=clock)
            except ValidationError as error:  # issue 18 item 22: unchanged data adds no identical version
                assert error.code == "unchanged"
        if step.act in ("kerja", "periksa"):  # hand in no file: the generated version stays the latest
            completion = services.Completion(approve=approve if step.is_decision else None,
                                             reason="" if approve else "Perbaiki data.")
        else:
            completion = completion_for(task, step.act, approve)
        services.task_complete(task=task, user=task.assignee.user, now=clock, completion=completion)
    return task, clock


def test_generated_version_is_stored_hashed_fingerprinted_and_on_the_trail(iku_revision):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=iku_revision, user=admin, purpose="IKU 2026", now=START)
    task, clock = advance_to(run, 3, START)
    with pytest.raises(PermissionDenied):
        generate_for_task(task=task, user=admin)
    result = generate_for_task(task=task, user=task.assignee.user, now=clock)
    version = result.version
    assert version.source == DocumentVersion.Source.GENERATED and version.number == 1
    body = version.file.read()
    assert hashlib.sha256(body).hexdigest() == version.sha256 and body[:2] == b"PK"
    generated = Generated.objects.get(version=version)
    assert generated.kind == "iku" and generated.year == 2026
    assert len(version.data_fingerprint) == 64
    entry = Entry.objects.get(run_id=run.pk, kind="dokumen.disusun")
    assert (entry.data["version"], entry.data["sha256"], entry.data["fingerprint"]) == (
        1, version.sha256, version.data_fingerprint)
    # issue 18 item 22 (changed on purpose): a second 'Susun' on unchanged data adds no identical version
    with pytest.raises(ValidationError) as unchanged:
        generate_for_task(task=task, user=task.assignee.user, now=clock)
    assert unchanged.value.code == "unchanged"
    assert DocumentVersion.objects.filter(document__run=run).count() == 1
    assert Entry.objects.filter(run_id=run.pk, kind="dokumen.disusun").count() == 1
    run.refresh_from_db()
    assert verify_run(run) == []


def test_a_step_without_a_document_cannot_generate(iku_revision):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=iku_revision, user=admin, purpose="IKU 2026", now=START)
    task = open_task(run)  # step 1, a disposisi
    with pytest.raises(ValidationError, match="tidak menghasilkan dokumen"):
        generate_for_task(task=task, user=task.assignee.user)


def test_signed_version_fixes_the_data_and_a_later_change_is_shown(iku_revision, login):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=iku_revision, user=admin, purpose="IKU 2026", now=START)
    task, clock = advance_to(run, 3, START)
    generate_for_task(task=task, user=task.assignee.user, now=clock)
    task, clock = advance_to(run, 9, clock)
    signature = SignOff.objects.get(task__run=run, kind=SignOff.Kind.TANDA_TANGAN)
    signed = signature.version
    assert signed.source == DocumentVersion.Source.GENERATED
    client = login("admin")
    page = client.get(reverse("documents:run_document", args=[run.pk])).content.decode()
    assert "ditetapkan" in page and "Data berubah setelah penetapan" not in page
    indicator = Indicator.objects.filter(renstra__office=run.office, is_iku=True).order_by("code").first()
    indicator.definisi = "Definisi baru setelah penetapan"
    indicator.save()
    page = client.get(reverse("documents:run_document", args=[run.pk])).content.decode()
    assert "Data berubah setelah penetapan" in page and "Definisi baru setelah penetapan" in page
    signed.refresh_from_db()
    assert hashlib.sha256(signed.file.read()).hexdigest() == signed.sha256 == signature.sha256
    run.refresh_from_db()
    assert verify_run(run) == []


def test_task_page_offers_susun_dari_data_only_on_mapped_steps(iku_revision, login):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=iku_revision, user=admin, purpose="IKU 2026", now=START)
    first = open_task(run)
    client = login(first.assignee.user.username)
    assert "Susun dari data" not in client.get(reverse("task_detail", args=[first.pk])).content.decode()
    task, _clock = advance_to(run, 3, START)
    client = login(task.assignee.user.username)
    assert "Susun dari data" in client.get(reverse("task_detail", args=[task.pk])).content.decode()
    response = client.post(reverse("documents:generate", args=[task.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("task_detail", args=[task.pk])
    assert DocumentVersion.objects.filter(task=task, source="generated").count() == 1
    response = client.post(reverse("task_detail", args=[task.pk]), {"note": ""})  # no upload needed now
    assert response.status_code == 302
    assert open_task(run).step_no == 4
    page = client.get(reverse("documents:run_document", args=[run.pk])).content.decode()
    assert "Disusun dari data" in page


def test_narratives_are_versioned_and_show_who_changed_them(kinerja_office, login):
    client = login("kasubbag")
    url = reverse("documents:narrative_edit", args=[kinerja_office.code, "lkjip", 2026])
    response = client.post(url, {"kata_pengantar": "Puji syukur.\n\n- satu\n- dua"})
    assert response.status_code == 302
    client.post(url, {"kata_pengantar": "Puji syukur kami panjatkan."})
    page = client.get(url).content.decode()
    assert "versi 2, terakhir diubah oleh" in page
    page = client.post(url, {"kata_pengantar": "<p>html</p>"}).content.decode()
    assert "tag HTML" in page
    from alur.documents.content import BulletList, Paragraph
    from alur.documents.kinds import build

    doc = build("lkjip", kinerja_office, 2026)
    assert Paragraph("Puji syukur kami panjatkan.") in doc.blocks
    assert "Kata Pengantar: narasi belum ditulis" not in doc.gaps
    from alur.documents.narratives import blocks_of
    assert blocks_of("a\nb\n\n- x\n- y") == [Paragraph("a b"), BulletList(("x", "y"))]


def test_previews_and_bad_input(kinerja_office, login):
    client = login("admin")
    code = kinerja_office.code
    response = client.get(reverse("documents:preview", args=[code, "pk", 2026, "pdf"]))
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    response = client.get(reverse("documents:preview", args=[code, "iku", 2026, "docx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert client.get(reverse("documents:preview", args=[code, "bukan", 2026, "pdf"])).status_code == 404
    assert client.get(reverse("documents:preview", args=[code, "pk", 2026, "xls"])).status_code == 404
    response = client.get(reverse("documents:preview", args=[code, "data_kinerja", 2026, "pdf"]) + "?tw=abc")
    assert response.status_code == 400 and "Triwulan harus" in response.content.decode()
