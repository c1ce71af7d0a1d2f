"""Issue 18 item 4: an LKjIP says what period its figures cover, and signing a version with missing
data ("bagian tanpa data") needs the signer's explicit confirmation, which goes on the trail."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from alur.audit.models import Entry
from alur.documents.kinds.lkjip import build_lkjip
from alur.documents.models import Generated
from alur.documents.services import generate_for_task
from alur.kinerja.models import Realisasi
from alur.runs import services
from alur.runs.models import SignOff, Task
from alur.runs.trail_text import trail_rows
from alur.runs.verify import verify_run
from alur.sim.simulate import completion_for

pytestmark = pytest.mark.django_db
DECEMBER = datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _texts(doc):
    out = []
    for block in doc.blocks:
        out.extend(str(getattr(block, name, "")) for name in ("text", "caption"))
    return "\n".join(out)


def open_task(run):
    return Task.objects.filter(run=run, status="terbuka").select_related("assignee__user", "run").order_by(
        "engine_id").first()


def to_signature(run, clock):
    """Play the LKjIP run to its signature step: its kerja steps compose the document from the data."""
    core = run.revision.as_core()
    while (task := open_task(run)).step_no != 9:
        clock += timedelta(minutes=30)
        step = core.step(task.step_no)
        if step.act == "kerja":
            generate_for_task(task=task, user=task.assignee.user, now=clock)
            completion = services.Completion()
        elif step.act == "periksa":
            completion = services.Completion(approve=True)
        else:
            completion = completion_for(task, step.act, True)
        services.task_complete(task=task, user=task.assignee.user, now=clock, completion=completion)
    return task, clock + timedelta(minutes=30)


def test_the_lkjip_says_its_figures_reach_only_triwulan_iii(kinerja_office):
    # the demo's 2026 realisations: whatever is verified, triwulan IV is not in yet in December
    Realisasi.objects.filter(indicator__renstra__office=kinerja_office, year=2026, triwulan=4).delete()
    covered = max(Realisasi.objects.filter(indicator__renstra__office=kinerja_office, year=2026,
                                           state__in=Realisasi.COUNTED).values_list("triwulan", flat=True))
    roman = {1: "I", 2: "II", 3: "III"}[covered]
    doc = build_lkjip(kinerja_office, 2026)
    text = _texts(doc)
    assert f"data realisasi sampai dengan Triwulan {roman} 2026" in text
    assert "belum mencerminkan satu tahun penuh" in text
    assert f"Pengukuran kinerja per triwulan (data realisasi sampai dengan Triwulan {roman} 2026)" in text
    assert "realisasi Triwulan IV 2026" in doc.gaps


def test_a_full_year_is_said_to_be_one_and_no_data_is_said_too():
    from types import SimpleNamespace

    from alur.documents.content import Document
    from alur.documents.kinds.lkjip import _coverage_sentence, _covered_through

    def measured(*counted):
        cells = [SimpleNamespace(counts=q in counted) if q <= max(counted, default=0) else None for q in range(1, 5)]
        return SimpleNamespace(rows=[SimpleNamespace(quarters=cells)])

    doc = Document(kind="lkjip", title="", subtitle="", office="", year=2025)
    assert _covered_through(measured(1, 2, 3, 4)) == 4
    assert _coverage_sentence(doc, 4, 2025).endswith("sampai dengan Triwulan IV 2025 (satu tahun penuh).")
    assert doc.gaps == []
    assert _covered_through(measured()) is None
    text = _coverage_sentence(doc, None, 2025)
    assert "belum ada data realisasi terverifikasi tahun 2025" in text and "Triwulan I–IV 2025" in text
    assert doc.gaps == [f"realisasi Triwulan {r} 2025" for r in ("I", "II", "III", "IV")]


def test_signing_over_missing_data_needs_the_confirmation_and_it_is_on_the_trail(kinerja_office, revision_named,
                                                                                 login):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("LkjIP"), user=admin, purpose="Penyusunan LKjIP Tahun 2026",
                             year=2026, now=DECEMBER)
    task, clock = to_signature(run, DECEMBER)
    latest = run.documents.get(role="utama").latest()
    gaps = Generated.objects.get(version=latest).gaps
    assert gaps, "an LKjIP of 2026 written in December has places without data"
    # the task page asks for the confirmation, naming what is missing
    client = login(task.assignee.user.username)
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "Saya menandatangani walaupun data belum lengkap" in page and gaps[0] in page
    assert f'name="confirm_gaps" value="{latest.number}"' in page
    # posted without the box: the page refuses, naming the field's reason
    refused_page = client.post(reverse("task_detail", args=[task.pk]), {"decision": "ya"}).content.decode()
    assert "bagian tanpa data" in refused_page and 'data-testid="field-error-confirm_gaps"' in refused_page
    # without it: refused, nothing signed
    with pytest.raises(ValidationError) as refused:
        services.task_complete(task=task, user=task.assignee.user, now=clock,
                               completion=services.Completion(approve=True))
    assert f"{len(gaps)} bagian tanpa data" in str(refused.value.message_dict["confirm_gaps"])
    assert not SignOff.objects.filter(task__run=run, kind=SignOff.Kind.TANDA_TANGAN).exists()
    # a confirmation of another version does not count
    with pytest.raises(ValidationError, match=f"versi terakhir adalah versi {latest.number}"):
        services.task_complete(task=task, user=task.assignee.user, now=clock, completion=services.Completion(
            approve=True, confirm_gaps=latest.number + 1))
    # confirmed: signed, and the trail keeps what was missing
    services.task_complete(task=task, user=task.assignee.user, now=clock, completion=services.Completion(
        approve=True, confirm_gaps=latest.number))
    signoff = SignOff.objects.get(task__run=run, kind=SignOff.Kind.TANDA_TANGAN)
    assert signoff.version == latest
    entry = Entry.objects.get(run_id=run.pk, kind="dokumen.tanda_tangan")
    assert entry.data["confirmed_gaps"] == gaps
    run.refresh_from_db()
    assert verify_run(run) == []
    sentences = " ".join(row.text for row in trail_rows(run, Entry.objects.filter(run_id=run.pk)))
    assert f"dengan konfirmasi walaupun {len(gaps)} bagian tanpa data" in sentences


def test_a_version_without_missing_data_signs_as_before(kinerja_office, revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("LkjIP"), user=admin, purpose="LKjIP 2026", year=2026,
                             now=DECEMBER)
    task, clock = to_signature(run, DECEMBER)
    Generated.objects.filter(version=run.documents.get(role="utama").latest()).update(gaps=[])
    services.task_complete(task=task, user=task.assignee.user, now=clock,
                           completion=services.Completion(approve=True))
    entry = Entry.objects.get(run_id=run.pk, kind="dokumen.tanda_tangan")
    assert "confirmed_gaps" not in entry.data
