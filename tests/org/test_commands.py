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


PRODUCTION_ENV = {"DJANGO_SETTINGS_MODULE": "alur.settings.production",
                  "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-0123456789",
                  "ALLOWED_HOSTS": "alur.example.go.id"}


@pytest.mark.parametrize("command", [["demo"], ["generate", "--offices", "1", "--runs-per-office", "0"]])
def test_production_refuses_to_create_demo_log_ins(tmp_path, command):
    """Issue 16 item 13: the demo accounts' password is published; the production profile refuses them."""
    database = tmp_path / "alur.sqlite3"
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, "-m", "alur.cli", "migrate", "-v", "0"], env=env, check=True)
    result = subprocess.run([sys.executable, "-m", "alur.cli", *command], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "tidak boleh dijalankan pada profil produksi" in result.stderr
    users = subprocess.run(
        [sys.executable, "-m", "alur.cli", "shell", "-c",
         "from django.contrib.auth.models import User; print(User.objects.count())"],
        env=env, capture_output=True, text=True, check=True)
    assert users.stdout.split()[-1] == "0"


def _settings_in(env: dict, *names: str) -> list[str]:
    code = ("import django; django.setup(); from django.conf import settings; "
            f"print(*[getattr(settings, n) for n in {list(names)!r}])")
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True,
                            check=True)
    return result.stdout.split()


@pytest.mark.parametrize("profile", ["alur.settings.dev", "alur.settings.production"])
def test_a_session_lasts_a_working_day_unless_configured(profile):
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": profile}
    assert _settings_in(env, "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE") == ["36000", "False"]
    env.update(SESSION_COOKIE_AGE="28800", SESSION_EXPIRE_AT_BROWSER_CLOSE="1")
    assert _settings_in(env, "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE") == ["28800", "True"]


def test_the_log_in_cookie_expires_after_ten_hours(client, demo_office):
    from django.urls import reverse

    client.post(reverse("login"), {"username": "kadis", "password": "alur-demo-2026"})
    assert client.cookies["sessionid"]["max-age"] == 36000
