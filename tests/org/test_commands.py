import os
import subprocess
import sys

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_demo_command_twice_changes_nothing(capsys):
    from alur.audit.models import Entry
    from alur.org.models import Employee
    from alur.sop.models import ActorMapping, SopRevision

    call_command("demo")
    first = capsys.readouterr().out
    assert "data baru" in first and "alur-demo-2026" in first and "kadis" in first
    def counts():
        return [model.objects.count() for model in (Employee, SopRevision, ActorMapping, Entry)]

    before = counts()
    call_command("demo")
    assert "tidak ada yang diubah" in capsys.readouterr().out
    assert counts() == before
    assert SopRevision.objects.count() == 6

    from alur.runs.models import Run, Task

    # Work in progress for a first look: a RENJA run from a letter, and an IKU run waiting for the Kadis.
    assert Run.objects.count() == 2
    assert Run.objects.filter(letter__isnull=False, revision__nama__icontains="RENJA").exists()
    assert Task.objects.filter(status="terbuka", assignee__user__username="kadis").exists()


def test_production_settings_pass_check_deploy():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "alur.settings.production",
           "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-0123456789", "ALLOWED_HOSTS": "alur.example.go.id"}
    result = subprocess.run([sys.executable, "-m", "alur.cli", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_missing_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "alur.settings.production", "SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "-m", "alur.cli", "check"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY harus diisi" in result.stderr
