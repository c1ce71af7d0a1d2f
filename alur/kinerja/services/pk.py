"""The Perjanjian Kinerja of a year: prepared by the planning unit, signed by the head (freezing
the year's definitions, targets and budget into its snapshot)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.org.models import Position
from alur.org.selectors import holders_on

from .. import policies, taken
from ..models import (
    PerjanjianKinerja,
)
from ..selectors import renstra_for
from ..snapshots import year_snapshot


def _head_of(office):
    """Who acts as the office's head today (holder, or Plt/Plh standing in), or None."""

    positions = list(Position.objects.filter(office=office, is_head=True))
    acting = holders_on(positions)
    return next((acting[p] for p in positions if p in acting), None)


@transaction.atomic
def pk_create(*, user, office, year: int, pihak_kedua_name: str, pihak_kedua_title: str) -> PerjanjianKinerja:
    """A draft PK of `year`; when a version is already signed, the new one is a PK perubahan. PIHAK
    PERTAMA is whoever acts as head today (a Plt is titled as such)."""
    policies.require(policies.can_prepare_pk(user, office), _("Hanya unit perencanaan yang menyusun PK."))
    renstra = renstra_for(office, year)
    if renstra is None:
        raise ValidationError({"year": _("Tidak ada Renstra yang mencakup tahun %(year)s.") % {"year": year}})
    if not (pihak_kedua_name or "").strip() or not (pihak_kedua_title or "").strip():
        raise ValidationError(_("Isi nama dan jabatan pihak kedua."))
    versions = list(lock_rows(PerjanjianKinerja.objects).filter(office=office, year=year)
                    .order_by("-version"))
    if versions and versions[0].signed_at is None:
        raise ValidationError(_("PK %(year)s versi %(v)s masih draf; tandatangani atau ubah draf itu.") % {
            "year": year, "v": versions[0].version})
    head = _head_of(office)
    if head is None:
        raise ValidationError(_("Tidak ada kepala OPD (atau Plt/Plh) yang menjabat hari ini untuk PIHAK PERTAMA."))
    pk = PerjanjianKinerja.objects.create(
        office=office, renstra=renstra, year=year, version=versions[0].version + 1 if versions else 1,
        pihak_pertama=head.employee, pihak_pertama_title=head.title, pihak_kedua_name=pihak_kedua_name.strip(),
        pihak_kedua_title=pihak_kedua_title.strip())
    record(office=office, kind="kinerja.pk.susun", user=user,
           data={"pk": pk.pk, "tahun": year, "versi": pk.version, "pihak_pertama": head.employee.pk,
                 "pihak_kedua": pk.pihak_kedua_name})
    return pk


@transaction.atomic
def pk_sign(*, user, pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """Signing freezes the year's definitions, targets and budget into the PK's snapshot."""
    pk = lock_rows(PerjanjianKinerja.objects).select_related("office", "renstra").get(pk=pk.pk)
    if pk.signed_at is not None and policies.is_head(user, pk.office):  # signed by someone else meanwhile
        raise taken.pk_signed(pk)
    policies.require(policies.can_sign_pk(user, pk), _("Hanya kepala OPD (atau Plt) yang menandatangani PK."))
    pk.snapshot = year_snapshot(pk.renstra, pk.year)
    pk.signed_at, pk.signed_by = timezone.now(), user
    pk.save(update_fields=["snapshot", "signed_at", "signed_by"])
    record(office=pk.office, kind="kinerja.pk.tandatangani", user=user,
           data={"pk": pk.pk, "tahun": pk.year, "versi": pk.version,
                 "indikator": len(pk.snapshot["indicators"])})
    return pk
