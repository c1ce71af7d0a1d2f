"""The permission matrix, at the service level: who enters, submits, verifies, sends back, approves,
edits plans and signs; grants read but never write."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from alur.kinerja import policies, services
from alur.kinerja.models import Indicator, PerjanjianKinerja, Realisasi, Renstra
from alur.org.models import OfficeGrant

DAY = date(2026, 10, 5)  # inside the entry window of 2026 triwulan III


@pytest.fixture
def izin(kinerja_office):
    """IND-09 (Bidang Pelayanan Perizinan), whose 2026 triwulan III the demo leaves empty."""
    return Indicator.objects.get(renstra__office=kinerja_office, code="IND-09")


def _enter(user, indicator, value="512"):
    return services.realisasi_save(user=user, indicator=indicator, year=2026, triwulan=3, value=Decimal(value),
                                   day=DAY)


def _submitted(user_named, izin):
    kabid = user_named("kabidpp")
    realisasi = _enter(kabid, izin)
    services.evidence_add(user=kabid, realisasi=realisasi, note="Rekap SiCantik Juli–September")
    return services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY)


@pytest.mark.parametrize("username, allowed", [
    ("kabidpp", True), ("kabidpm", False), ("kasubbag", False), ("kadis", False), ("staf", False),
])
def test_only_the_responsible_unit_enters(user_named, izin, username, allowed):
    if allowed:
        assert _enter(user_named(username), izin).value == Decimal("512")
    else:
        with pytest.raises(PermissionDenied):
            _enter(user_named(username), izin)


@pytest.mark.parametrize("username, allowed", [
    ("kasubbag", True), ("perencana", True), ("staf", True), ("kabidpp", False), ("kadis", False),
    ("kabidpm", False),
])
def test_only_the_planning_unit_verifies(user_named, izin, username, allowed):
    realisasi = _submitted(user_named, izin)
    if allowed:
        assert services.realisasi_verify(user=user_named(username), realisasi=realisasi).state == "diverifikasi"
    else:
        with pytest.raises(PermissionDenied):
            services.realisasi_verify(user=user_named(username), realisasi=realisasi)


@pytest.mark.parametrize("username, allowed", [("kadis", True), ("kasubbag", False), ("sekdis", False)])
def test_only_the_head_approves(user_named, izin, username, allowed):
    realisasi = services.realisasi_verify(user=user_named("kasubbag"), realisasi=_submitted(user_named, izin))
    if allowed:
        assert services.realisasi_approve(user=user_named(username), realisasi=realisasi).state == "disahkan"
    else:
        with pytest.raises(PermissionDenied):
            services.realisasi_approve(user=user_named(username), realisasi=realisasi)


def test_send_back_needs_a_reason_and_reopens_entry(user_named, izin):
    realisasi = _submitted(user_named, izin)
    with pytest.raises(ValidationError):
        services.realisasi_send_back(user=user_named("kasubbag"), realisasi=realisasi, reason="  ")
    with pytest.raises(ValidationError, match="sudah diajukan oleh"):  # locked for the unit until sent back
        _enter(user_named("kabidpp"), izin, "600")
    back = services.realisasi_send_back(user=user_named("kasubbag"), realisasi=realisasi, reason="Lampirkan rekap")
    assert (back.state, back.return_reason) == ("dikembalikan", "Lampirkan rekap")
    assert _enter(user_named("kabidpp"), izin, "600").value == Decimal("600")


def test_submit_needs_value_and_evidence(user_named, izin):
    kabid = user_named("kabidpp")
    realisasi = _enter(kabid, izin)
    with pytest.raises(ValidationError, match="bukti dukung"):
        services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY)


def test_late_submission_is_accepted_and_flagged(user_named, izin):
    kabid = user_named("kabidpp")
    realisasi = _enter(kabid, izin)
    services.evidence_add(user=kabid, realisasi=realisasi, url="https://sicantik.example.go.id/rekap")
    late = services.realisasi_submit(user=kabid, realisasi=realisasi, day=date(2026, 11, 20))
    assert late.state == "diajukan" and late.late


def test_entry_before_the_quarter_ends_is_refused(user_named, izin):
    with pytest.raises(ValidationError, match="baru dibuka"):
        services.realisasi_save(user=user_named("kabidpp"), indicator=izin, year=2026, triwulan=4,
                                value=Decimal(1), day=DAY)


def test_grant_reads_but_never_writes(user_named, izin, kinerja_office, other_office):
    inspektur = get_user_model().objects.create_user("inspektur", password="rahasia-123")
    OfficeGrant.objects.create(user=inspektur, office=kinerja_office, note="Reviu LKjIP")
    assert policies.can_read(inspektur, kinerja_office)
    assert not policies.can_read(user_named("kadisdik"), kinerja_office)
    for user in (inspektur, user_named("kadisdik")):
        with pytest.raises(PermissionDenied):
            _enter(user, izin)
        with pytest.raises(PermissionDenied):
            services.target_set(user=user, indicator=izin, year=2026, value=Decimal(1))
    realisasi = _submitted(user_named, izin)
    with pytest.raises(PermissionDenied):
        services.realisasi_verify(user=inspektur, realisasi=realisasi)


def test_plans_are_edited_by_planners_only_and_locked_when_ditetapkan(user_named, izin):
    renstra = izin.renstra
    with pytest.raises(ValidationError, match="buka revisi"):
        services.target_set(user=user_named("kasubbag"), indicator=izin, year=2026, value=Decimal(2400))
    with pytest.raises(PermissionDenied):
        services.renstra_open_revision(user=user_named("kabidpp"), renstra=renstra, reason="Perubahan RPJMD")
    services.renstra_open_revision(user=user_named("kasubbag"), renstra=renstra, reason="Perubahan RPJMD")
    with pytest.raises(PermissionDenied):
        services.target_set(user=user_named("kabidpp"), indicator=izin, year=2026, value=Decimal(2400))
    services.target_set(user=user_named("kasubbag"), indicator=izin, year=2026, value=Decimal(2400))
    assert izin.targets.get(year=2026).value == Decimal(2400)
    revision = services.renstra_tetapkan(user=user_named("kadis"), renstra=Renstra.objects.get(pk=renstra.pk))
    assert revision.number == 1
    assert renstra.revisions.get(number=0).snapshot != revision.snapshot  # the old revision is kept


def test_only_the_head_signs_the_pk_and_scales_need_a_superuser(user_named, kinerja_office):
    renstra = Renstra.objects.get(office=kinerja_office)
    kadis = user_named("kadis")
    pk = PerjanjianKinerja.objects.create(
        office=kinerja_office, renstra=renstra, year=2026, version=2, pihak_pertama=kadis.employee,
        pihak_pertama_title="Kepala Dinas", pihak_kedua_name="Bupati", pihak_kedua_title="Bupati")
    with pytest.raises(PermissionDenied):
        services.pk_sign(user=user_named("kasubbag"), pk=pk)
    assert services.pk_sign(user=kadis, pk=pk).snapshot["year"] == 2026
    row = kinerja_office.capaian_scale.first()
    with pytest.raises(PermissionDenied):
        services.scale_row_update(user=user_named("admin"), row=row, colour="#000")


def test_every_change_goes_to_the_trail_with_old_and_new(user_named, izin, kinerja_office):
    from alur.audit.models import Entry

    _submitted(user_named, izin)
    kinds = list(Entry.objects.filter(office=kinerja_office, kind__startswith="kinerja.realisasi")
                 .values_list("kind", flat=True))
    assert kinds == ["kinerja.realisasi.ubah", "kinerja.realisasi.ajukan"]
    change = Entry.objects.get(office=kinerja_office, kind="kinerja.realisasi.ubah").data
    assert change["perubahan"]["value"] == {"lama": None, "baru": "512"}
    submitted = Entry.objects.get(office=kinerja_office, kind="kinerja.realisasi.ajukan").data
    assert submitted["status"] == {"lama": "draft", "baru": "diajukan"}
    assert Realisasi.objects.get(indicator=izin, year=2026, triwulan=3).state == "diajukan"


def test_iku_versions_are_proposed_by_planners_and_approved_by_the_head(user_named, kinerja_office):
    renstra = Renstra.objects.get(office=kinerja_office)
    with pytest.raises(PermissionDenied):
        services.iku_set_propose(user=user_named("kabidpm"), renstra=renstra)
    first = services.iku_set_propose(user=user_named("kasubbag"), renstra=renstra)
    assert first.version == 1 and {row["kode"] for row in first.snapshot} == {"IKU-01", "IKU-02", "IKU-05",
                                                                                 "IKU-07", "IKU-10"}
    with pytest.raises(PermissionDenied):
        services.iku_set_approve(user=user_named("kasubbag"), iku=first)
    assert services.iku_set_approve(user=user_named("kadis"), iku=first).status == "disetujui"
    assert services.iku_set_propose(user=user_named("perencana"), renstra=renstra).version == 2


def test_a_sent_back_realisation_is_corrected_before_it_is_submitted_again(user_named, izin):
    """Issue 18 item 13: a sent-back realisation could be resubmitted unchanged."""
    kabid, planner = user_named("kabidpp"), user_named("kasubbag")
    realisasi = _submitted(user_named, izin)
    services.realisasi_send_back(user=planner, realisasi=realisasi, reason="Bukti tidak sesuai triwulan.", day=DAY)
    with pytest.raises(ValidationError, match="Bukti tidak sesuai triwulan"):
        services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY)
    services.evidence_add(user=kabid, realisasi=realisasi, note="Rekap SiCantik Juli–September, versi benar")
    assert services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY).state == Realisasi.State.DIAJUKAN
    services.realisasi_send_back(user=planner, realisasi=realisasi, reason="Nilai keliru.", day=DAY)
    with pytest.raises(ValidationError, match="Nilai keliru"):
        services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY)
    _enter(kabid, izin, value="511")
    assert services.realisasi_submit(user=kabid, realisasi=realisasi, day=DAY).state == Realisasi.State.DIAJUKAN
