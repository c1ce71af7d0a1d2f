from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from alur.runs import services
from alur.runs.reminders import send_reminders
from alur.workdays.models import SpecialDay
from alur.workdays.selectors import calendar_for

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_remind_mails_overdue_holder(revision_named):
    admin = get_user_model().objects.get(username="admin")
    start = datetime(2026, 3, 2, 8, 0, tzinfo=JAKARTA)
    services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=start)
    assert send_reminders(now=start + timedelta(minutes=5), within=timedelta(minutes=1)) == 0
    assert send_reminders(now=start + timedelta(hours=1)) == 1
    message = mail.outbox[-1]
    assert message.to == ["kadis@dpmptsp.example.go.id"]
    assert "TERLAMBAT" in message.body and "IKU 2026" in message.body
    call_command("remind")
    assert len(mail.outbox) == 2


def test_office_special_days_shift_deadlines(revision_named, demo_sops):
    SpecialDay.objects.create(office=demo_sops, date=date(2026, 3, 3), kind="libur", note="HUT Kabupaten")
    admin = get_user_model().objects.get(username="admin")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=JAKARTA)  # Monday
    run = services.run_start(revision=revision_named("RENJA"), user=admin, purpose="Renja", now=start)
    # RENJA step 1 takes "1 Hari": Tuesday is the office's day off, so it is due Wednesday 09:00.
    assert run.tasks.get().due_at == datetime(2026, 3, 4, 9, 0, tzinfo=JAKARTA)
    assert calendar_for(demo_sops).holiday_name(date(2026, 3, 3))
