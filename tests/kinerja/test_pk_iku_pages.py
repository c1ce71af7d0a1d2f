"""PK and IKU actions on their pages: shown by the same policy the service enforces, PK perubahan as a
new version, signing only by the head and only after the confirmation is ticked."""

import pytest
from django.core.exceptions import ValidationError

from alur.kinerja import services
from alur.kinerja.models import IkuSet, PerjanjianKinerja


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_pk_perubahan_is_drafted_by_the_planner_and_signed_by_the_head(client, kinerja_office, user_named):
    code = kinerja_office.code
    url = f"/kinerja/{code}/pk/2026/"
    assert 'data-testid="pk-create"' in _page(client, user_named("kasubbag"), url).content.decode()
    for name in ("kadis", "kabidpm"):
        assert 'data-testid="pk-create"' not in _page(client, user_named(name), url).content.decode()
    client.force_login(user_named("kabidpm"))
    assert client.post(f"/kinerja/{code}/pk/2026/susun/", {"pihak_kedua_name": "X", "pihak_kedua_title": "Y"}
                       ).status_code == 403
    client.force_login(user_named("kasubbag"))
    response = client.post(f"/kinerja/{code}/pk/2026/susun/", {"pihak_kedua_name": "H. Rahmat (fiktif)",
                                                               "pihak_kedua_title": "Bupati"})
    assert response.status_code == 302
    draft = PerjanjianKinerja.objects.get(office=kinerja_office, year=2026, signed_at__isnull=True)
    assert draft.version == 2 and draft.pihak_pertama.user.username == "kadis"
    with pytest.raises(ValidationError):  # one draft at a time
        services.pk_create(user=user_named("kasubbag"), office=kinerja_office, year=2026, pihak_kedua_name="A",
                           pihak_kedua_title="B")
    page = _page(client, user_named("kasubbag"), url).content.decode()
    assert 'data-testid="pk-sign-form"' not in page and 'data-testid="pk-create"' not in page
    assert client.post(f"/kinerja/{code}/pk/tandatangani/{draft.pk}/", {"confirm": "on"}).status_code == 403
    assert 'data-testid="pk-sign-form"' in _page(client, user_named("kadis"), url).content.decode()
    client.post(f"/kinerja/{code}/pk/tandatangani/{draft.pk}/", {})  # not confirmed: nothing signed
    draft.refresh_from_db()
    assert draft.signed_at is None
    client.post(f"/kinerja/{code}/pk/tandatangani/{draft.pk}/", {"confirm": "on"})
    draft.refresh_from_db()
    assert draft.signed_at is not None and draft.snapshot["indicators"]
    assert "perubahan 1" in client.get(url).content.decode()


def test_a_year_without_pk_leads_the_planner_to_draft_one(client, kinerja_office, user_named):
    url = f"/kinerja/{kinerja_office.code}/pk/2021/"
    assert _page(client, user_named("kabidpm"), url).status_code == 404
    response = _page(client, user_named("kasubbag"), url)
    assert response.status_code == 302 and response["Location"].endswith("/pk/2021/susun/")
    client.post(response["Location"], {"pihak_kedua_name": "H. Rahmat (fiktif)", "pihak_kedua_title": "Bupati"})
    assert PerjanjianKinerja.objects.get(office=kinerja_office, year=2021).version == 1


def test_iku_version_is_proposed_by_the_planner_and_approved_by_the_head(client, kinerja_office, user_named):
    code = kinerja_office.code
    url = f"/kinerja/{code}/iku/"
    assert 'data-testid="iku-propose"' not in _page(client, user_named("kadis"), url).content.decode()
    client.force_login(user_named("kabidpm"))
    assert client.post(f"/kinerja/{code}/iku/ajukan/").status_code == 403
    assert 'data-testid="iku-propose"' in _page(client, user_named("kasubbag"), url).content.decode()
    before = IkuSet.objects.filter(renstra__office=kinerja_office).count()
    client.post(f"/kinerja/{code}/iku/ajukan/")
    iku = IkuSet.objects.filter(renstra__office=kinerja_office).order_by("-version").first()
    assert IkuSet.objects.filter(renstra__office=kinerja_office).count() == before + 1
    assert iku.status == IkuSet.Status.DRAFT and iku.snapshot
    assert f'data-testid="iku-approve-{iku.version}"' not in client.get(url).content.decode()
    assert client.post(f"/kinerja/{code}/iku/{iku.pk}/setujui/").status_code == 403
    assert f'data-testid="iku-approve-{iku.version}"' in _page(client, user_named("kadis"), url).content.decode()
    client.post(f"/kinerja/{code}/iku/{iku.pk}/setujui/")
    iku.refresh_from_db()
    assert iku.status == IkuSet.Status.DISETUJUI
    assert f'data-testid="iku-approve-{iku.version}"' not in client.get(url).content.decode()
