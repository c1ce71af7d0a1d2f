"""A document kind that is not built in (tests/doc_kinds/laporan_singkat.py), registered by a fixture:
bound to a step of an SOP revision as a row, generated inside a run like any kind."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document as read_docx

from alur.audit.models import Entry
from alur.documents import kinds
from alur.documents.mapping import document_for
from alur.documents.models import Generated, StepDocument
from alur.documents.services import generate_for_task
from alur.runs import services
from alur.runs.models import Task
from tests.doc_kinds import laporan_singkat

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan_kind():
    with kinds.temporarily(laporan_singkat.KIND) as kind:
        yield kind
    assert kinds.get(laporan_singkat.KEY) is None


def test_a_kind_registered_by_a_test_is_generated_at_its_bound_step(kinerja_office, revision_named, laporan_kind,
                                                                   login):
    revision = revision_named("IKU")
    StepDocument.objects.create(revision=revision, step_no=1, kind=laporan_kind.key)
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision, user=admin, purpose="Laporan singkat 2026")
    task = Task.objects.select_related("assignee__user", "run").get(run=run, step_no=1)
    assert document_for(run.revision, 1) == laporan_kind.key

    result = generate_for_task(task=task, user=task.assignee.user)

    version = result.version
    docx = read_docx(BytesIO(version.file.read()))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Capaian Indikator" in text and len(docx.tables) >= 1
    generated = Generated.objects.get(version=version)
    assert (generated.kind, generated.year) == (laporan_kind.key, run.year)
    assert version.document.name == f"Laporan Singkat Capaian {run.year}"
    entry = Entry.objects.get(run_id=run.pk, kind="dokumen.disusun")
    assert (entry.data["document"], entry.data["sha256"]) == (laporan_kind.key, version.sha256)
    pdf = login("admin").get(reverse("documents:version_pdf", args=[version.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    call_command("audit", "verify", "--office", kinerja_office.code)  # raises CommandError on a problem


def test_a_binding_outlives_its_kind_without_producing_anything(revision_named):
    revision = revision_named("IKU")
    StepDocument.objects.create(revision=revision, step_no=1, kind=laporan_singkat.KEY)
    assert document_for(revision, 1) is None  # the kind is not registered outside its fixture
    assert document_for(revision, 3) == "iku"
