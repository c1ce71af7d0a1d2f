from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def media_files():
    """The files under MEDIA_ROOT right now (the folder is shared by the whole test session)."""
    def _list() -> set[Path]:
        return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}

    return _list


@pytest.fixture
def upload_task(revision_named):
    """An IKU run driven to its first task that needs an uploaded document."""
    from alur.core.sop.model import Act
    from alur.runs import services
    from alur.runs.models import Task
    from alur.sim.simulate import completion_for

    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    core = run.revision.as_core()
    for _ in range(20):
        task = Task.objects.filter(run=run, status=Task.Status.TERBUKA).select_related("assignee__user").first()
        step = core.step(task.step_no)
        if step.act == Act.KERJA:
            return task
        services.task_complete(task=task, user=task.assignee.user, completion=completion_for(task, step.act),
                               now=START)
    raise AssertionError("IKU has no KERJA step")
