"""Two people acting on the same realisation, PK, IKU version or Renstra (issue 16 #12): the second
is told who did what and when (as the runs tell the loser of a task), nothing is written, and
someone who could never have acted still gets a plain refusal."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from alur.audit.models import Entry
from alur.core.sop.vocabulary import tanggal
from alur.kinerja import services
from alur.kinerja.models import Evidence, Indicator, PerjanjianKinerja, Realisasi
from alur.org.models import Position, StandIn

pytestmark = pytest.mark.django_db


def _client(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _submitted(office):
    return Realisasi.objects.filter(indicator__renstra__office=office, state=Realisasi.State.DIAJUKAN).first()


def test_second_planner_verifying_is_told_who_verified_and_when(kinerja_office):
    realisasi = _submitted(kinerja_office)
    first, second = _client("kasubbag"), _client("perencana")
    url = f"/kinerja/realisasi/{realisasi.pk}/verifikasi/"
    assert first.post(url).status_code == 302
    response = second.post(url)
    assert response.status_code == 302  # back to the queue with a message, not a bare 403
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    realisasi.refresh_from_db()
    when = tanggal(timezone.localtime(realisasi.verified_at))  # "4 Januari 2027", as every message
    assert "sudah diverifikasi oleh Ahmad Fauzi, S.T. pada" in message and when in message
    assert realisasi.verified_by.username == "kasubbag"
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.realisasi.verifikasi").count() == 1


def test_second_planner_sending_back_after_a_verification_is_told_too(kinerja_office, user_named):
    realisasi = _submitted(kinerja_office)
    services.realisasi_verify(user=user_named("kasubbag"), realisasi=realisasi)
    with pytest.raises(ValidationError, match="sudah diverifikasi oleh Ahmad Fauzi"):
        services.realisasi_send_back(user=user_named("timsakip"), realisasi=realisasi, reason="Kurang bukti")
    realisasi.refresh_from_db()
    assert realisasi.state == Realisasi.State.DIVERIFIKASI and realisasi.return_reason == ""


def test_head_and_plt_approving_at_once(kinerja_office, user_named):
    realisasi = Realisasi.objects.filter(indicator__renstra__office=kinerja_office,
                                         state=Realisasi.State.DIVERIFIKASI).first()
    plt = user_named("sekdis")
    StandIn.objects.create(position=Position.objects.get(office=kinerja_office, code="kepala-dinas"),
                           employee=plt.employee, kind="plt", start=date(2020, 1, 1), end=date(2099, 1, 1))
    services.realisasi_approve(user=user_named("kadis"), realisasi=realisasi)
    with pytest.raises(ValidationError, match="sudah disahkan oleh Dr. Hendra Wijaya"):
        services.realisasi_approve(user=plt, realisasi=realisasi)
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.realisasi.sahkan").count() == 1


def test_someone_who_could_never_act_still_gets_a_refusal_without_names(kinerja_office, user_named):
    realisasi = _submitted(kinerja_office)
    services.realisasi_verify(user=user_named("kasubbag"), realisasi=realisasi)
    with pytest.raises(PermissionDenied):
        services.realisasi_verify(user=user_named("kabidpm"), realisasi=realisasi)


def test_evidence_and_correction_after_the_realisation_was_submitted_name_the_submitter(kinerja_office,
                                                                                       user_named):
    indicator = Indicator.objects.get(renstra__office=kinerja_office, code="IND-09")
    kabid = user_named("kabidpp")
    realisasi = services.realisasi_save(user=kabid, indicator=indicator, year=2026, triwulan=3, value=5,
                                        day=date(2026, 11, 1))
    services.evidence_add(user=kabid, realisasi=realisasi, note="Rekap")
    services.realisasi_submit(user=kabid, realisasi=realisasi, day=date(2026, 11, 2))
    with pytest.raises(ValidationError, match="sudah diajukan oleh Maria Ulfa, S.E., M.M. pada"):
        services.evidence_add(user=kabid, realisasi=realisasi, note="Catatan kedua")
    with pytest.raises(ValidationError, match="sudah diajukan oleh Maria Ulfa"):
        services.realisasi_save(user=kabid, indicator=indicator, year=2026, triwulan=3, value=6,
                                day=date(2026, 11, 2))
    assert Evidence.objects.filter(realisasi=realisasi).count() == 1
    realisasi.refresh_from_db()
    assert realisasi.value == 5


def test_verifying_what_another_planner_sent_back_names_who_sent_it_back(kinerja_office, user_named):
    realisasi = _submitted(kinerja_office)
    services.realisasi_send_back(user=user_named("perencana"), realisasi=realisasi, reason="Lengkapi rekap")
    with pytest.raises(ValidationError, match="sudah dikembalikan oleh Dewi Lestari, S.E. pada"):
        services.realisasi_verify(user=user_named("kasubbag"), realisasi=realisasi)


def test_second_pk_signature_names_the_signer(kinerja_office, user_named):
    planner, head = user_named("kasubbag"), user_named("kadis")
    pk = services.pk_create(user=planner, office=kinerja_office, year=2026, pihak_kedua_name="Bupati",
                            pihak_kedua_title="Bupati Tanjung Jabung Barat")
    client = _client("kadis")
    url = f"/kinerja/{kinerja_office.code}/pk/tandatangani/{pk.pk}/"
    assert client.post(url, {"confirm": "1"}).status_code == 302
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("sudah ditandatangani oleh Dr. Hendra Wijaya" in m for m in messages), messages
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.pk.tandatangani").count() == 1
    assert PerjanjianKinerja.objects.get(pk=pk.pk).signed_by == head


def test_second_renstra_penetapan_names_who_set_it(kinerja_office, user_named):
    from alur.kinerja.models import Renstra

    renstra = Renstra.objects.get(office=kinerja_office)
    services.renstra_open_revision(user=user_named("kasubbag"), renstra=renstra, reason="Perubahan RPJMD")
    services.renstra_tetapkan(user=user_named("kasubbag"), renstra=renstra)
    with pytest.raises(ValidationError, match="sudah ditetapkan oleh Ahmad Fauzi, S.T. pada"):
        services.renstra_tetapkan(user=user_named("kadis"), renstra=renstra)
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.renstra.tetapkan").count() == 1


def test_second_iku_approval_names_who_approved(kinerja_office, user_named):
    from alur.kinerja.models import Renstra

    iku = services.iku_set_propose(user=user_named("kasubbag"), renstra=Renstra.objects.get(office=kinerja_office))
    services.iku_set_approve(user=user_named("kadis"), iku=iku)
    with pytest.raises(ValidationError, match="sudah disetujui oleh Dr. Hendra Wijaya"):
        services.iku_set_approve(user=user_named("kadis"), iku=iku)
    assert Entry.objects.filter(office=kinerja_office, kind="kinerja.iku.setujui").count() == 1
