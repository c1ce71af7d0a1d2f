"""Issue 18 item 14: whoever receives work sent back by a "Tidak" sees why: on the task page, in the
inbox and in the notification (which must not say "Tugas baru")."""

import pytest
from django.urls import reverse

from alur.dashboard.notifications import SENT_BACK, notifications_for, unread_count
from alur.runs.models import Task

from .test_returns import run_to

pytestmark = pytest.mark.django_db
REASON = "Angka target IKU-03 salah ketik."


def test_the_reason_of_a_tidak_reaches_who_receives_the_work(login, revision_named):
    run, review, _ = run_to(revision_named("IKU"), 5)  # Tim Sakip checks; Tidak -> step 4 (Staf)
    assert login("timsakip").post(reverse("task_detail", args=[review.pk]),
                                  {"decision": "tidak", "reason": REASON}).status_code == 302
    reopened = Task.objects.get(run=run, status="terbuka")
    client = login(reopened.assignee.user.username)
    page = client.get(reverse("task_detail", args=[reopened.pk])).content.decode()
    assert 'data-testid="sent-back"' in page and REASON in page
    inbox = client.get(reverse("inbox")).content.decode()
    assert 'data-testid="inbox-reason"' in inbox and REASON in inbox
    notes = notifications_for(reopened.assignee)
    sent_back = [n for n in notes if n.kind == SENT_BACK]
    assert sent_back and REASON in sent_back[0].text and not any("Tugas baru" in n.text for n in notes)
    assert unread_count(reopened.assignee) == sum(1 for n in notes if n.unread)


def test_a_step_opened_by_a_return_for_the_first_time_is_still_a_return(login, revision_named):
    """The mark is the reason the engine puts on a task opened by a return, not its iteration: a
    Tidak may open a step that had not run yet (iteration 1)."""
    run, review, _ = run_to(revision_named("IKU"), 5)
    login("timsakip").post(reverse("task_detail", args=[review.pk]), {"decision": "tidak", "reason": REASON})
    reopened = Task.objects.get(run=run, status="terbuka")
    Task.objects.filter(pk=reopened.pk).update(iteration=1)  # as if step 4 had not run before
    reopened.refresh_from_db()
    page = login(reopened.assignee.user.username).get(reverse("task_detail", args=[reopened.pk])).content.decode()
    assert REASON in page
    assert any(n.kind == SENT_BACK for n in notifications_for(reopened.assignee))


def test_the_next_person_is_named_with_one_full_stop(login, revision_named):
    """Issue 18 item 22: "oleh <nama>, S.H.." after completing a step."""
    from alur.org.models import Employee

    run, review, _ = run_to(revision_named("IKU"), 5)
    staff = Task.objects.filter(run=run, step_no=4).first().assignee
    Employee.objects.filter(pk=staff.pk).update(name="Siti Aminah, S.H.")
    response = login("timsakip").post(reverse("task_detail", args=[review.pk]),
                                      {"decision": "tidak", "reason": REASON}, follow=True)
    page = response.content.decode()
    assert "Siti Aminah, S.H." in page and "S.H.." not in page
