"""Issue 18 item 13: a bulk "Sahkan" on the pengesahan queue — several realisations chosen, each
checked by the policy and written to the trail as its own act, all or nothing with a clear message."""

import pytest
from django.urls import reverse

from alur.audit.models import Entry
from alur.kinerja.models import Realisasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(kinerja_office):
    rows = list(Realisasi.objects.filter(indicator__renstra__office=kinerja_office, state="diverifikasi")
                .order_by("indicator__code", "year", "triwulan"))
    assert len(rows) >= 2, "the demo leaves verified realisations awaiting Sahkan"
    return rows


def _approvals(rows) -> int:
    return Entry.objects.filter(kind="kinerja.realisasi.sahkan", data__realisasi__in=[r.pk for r in rows]).count()


def test_the_head_approves_several_at_once_one_trail_entry_each(login, verified, kinerja_office):
    client = login("kadis")
    queue = client.get(reverse("kinerja:queue", args=[kinerja_office.code, "pengesahan"])).content.decode()
    assert 'data-testid="bulk-approve"' in queue and queue.count('data-testid="bulk-select"') == len(verified)
    chosen = verified[:2]
    response = client.post(reverse("kinerja:approve_many", args=[kinerja_office.code]),
                           {"realisasi": [r.pk for r in chosen]}, follow=True)
    assert "2 realisasi disahkan." in response.content.decode()
    assert {r.state for r in Realisasi.objects.filter(pk__in=[r.pk for r in chosen])} == {"disahkan"}
    assert {r.state for r in Realisasi.objects.filter(pk__in=[r.pk for r in verified[2:]])} <= {"diverifikasi"}
    assert _approvals(chosen) == 2


def test_all_or_nothing_with_the_refused_one_named(login, verified, kinerja_office):
    first, second = verified[:2]
    Realisasi.objects.filter(pk=second.pk).update(state="diajukan")  # not verified (yet): may not be approved
    response = login("kadis").post(reverse("kinerja:approve_many", args=[kinerja_office.code]),
                                   {"realisasi": [first.pk, second.pk]}, follow=True)
    page = response.content.decode()
    assert "Tidak ada yang disahkan" in page and second.indicator.code in page
    assert Realisasi.objects.get(pk=first.pk).state == "diverifikasi"
    assert _approvals([first, second]) == 0


def test_only_the_head_may_and_a_choice_is_needed(login, verified, kinerja_office):
    url = reverse("kinerja:approve_many", args=[kinerja_office.code])
    client = login("kasubbag")
    queue = client.get(reverse("kinerja:queue", args=[kinerja_office.code, "pengesahan"])).content.decode()
    assert 'data-testid="bulk-approve"' not in queue
    page = client.post(url, {"realisasi": [verified[0].pk]}, follow=True).content.decode()
    assert "Tidak ada yang disahkan" in page and Realisasi.objects.get(pk=verified[0].pk).state == "diverifikasi"
    page = login("kadis").post(url, {}, follow=True).content.decode()
    assert "Pilih minimal satu realisasi untuk disahkan." in page
