"""No rolled-back act leaves a file behind (issue 8 #4)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from alur.audit import services as audit_services
from alur.files import unit_of_work
from alur.runs import services
from alur.runs.models import DocumentVersion, Task
from alur.sim.simulate import SAMPLE_PDF, completion_for

from .conftest import START


class Boom(Exception):
    pass


@pytest.mark.django_db
def test_file_of_a_rolled_back_block_is_removed_and_a_kept_one_stays(media_files):
    before = media_files()
    with unit_of_work():
        with transaction.atomic():
            kept = default_storage.save("uji/kept.pdf", ContentFile(SAMPLE_PDF))
        with pytest.raises(Boom), transaction.atomic():
            lost = default_storage.save("uji/lost.pdf", ContentFile(SAMPLE_PDF))
            assert default_storage.exists(lost)
            raise Boom
    assert not default_storage.exists(lost)
    assert default_storage.exists(kept)
    assert media_files() - before == {Path(default_storage.path(kept))}
    default_storage.delete(kept)


@pytest.mark.django_db(transaction=True)
def test_committed_and_autocommitted_files_stay_rolled_back_ones_go():
    with unit_of_work():
        outside = default_storage.save("uji/a.pdf", ContentFile(SAMPLE_PDF))  # no transaction at all
        with transaction.atomic():
            committed = default_storage.save("uji/b.pdf", ContentFile(SAMPLE_PDF))
        with pytest.raises(Boom), transaction.atomic():
            with transaction.atomic():  # a savepoint that is released, then its outer block rolls back
                inner = default_storage.save("uji/c.pdf", ContentFile(SAMPLE_PDF))
            raise Boom
    assert default_storage.exists(outside) and default_storage.exists(committed)
    assert not default_storage.exists(inner)
    for name in (outside, committed):
        default_storage.delete(name)


def _upload(tag: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile("hasil.pdf", SAMPLE_PDF + b"% " + tag + b"\n", content_type="application/pdf")


@pytest.mark.django_db
def test_completion_failing_after_its_file_was_written_leaves_no_file(upload_task, media_files, monkeypatch):
    def broken_chain(*args):  # the trail is written last, after the document version and its file
        raise Boom

    monkeypatch.setattr(audit_services, "_move_head", broken_chain)
    completion = completion_for(upload_task, step_act(upload_task))
    before = media_files()
    with unit_of_work(), pytest.raises(Boom):
        services.task_complete(task=upload_task, user=upload_task.assignee.user, completion=completion, now=START)
    assert not DocumentVersion.objects.exists()
    assert media_files() == before


@pytest.mark.django_db
def test_web_completion_failing_after_its_file_was_written_leaves_no_file(upload_task, media_files, monkeypatch,
                                                                            client):
    monkeypatch.setattr(audit_services, "_move_head", lambda *args: (_ for _ in ()).throw(Boom()))
    client.force_login(upload_task.assignee.user)
    client.raise_request_exception = False
    before = media_files()
    response = client.post(reverse("task_detail", args=[upload_task.pk]), {"upload": _upload(b"web")})
    assert response.status_code == 500
    assert media_files() == before  # removed when the request finished


@pytest.mark.django_db
def test_race_loser_leaves_no_file(upload_task, media_files):
    user = upload_task.assignee.user
    stale = Task.objects.get(pk=upload_task.pk)
    with unit_of_work():
        services.task_complete(task=upload_task, user=user, completion=completion_for(upload_task, step_act(
            upload_task)), now=START)
    after_winner = media_files()
    loser = completion_for(stale, step_act(stale))
    with unit_of_work(), pytest.raises(ValidationError) as refused:
        services.task_complete(task=stale, user=user, completion=loser, now=START)
    assert "sudah diselesaikan" in str(refused.value)
    assert media_files() == after_winner
    assert DocumentVersion.objects.count() == 1


def step_act(task):
    return task.run.revision.as_core().step(task.step_no).act
