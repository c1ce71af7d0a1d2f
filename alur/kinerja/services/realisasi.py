"""Realisations of an office's indicators and their evidence: entered, submitted, verified, sent back,
approved (the state machine of `Realisasi`); each act checked by `policies` and on the trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.models import Entry
from alur.audit.services import record
from alur.core.sop.vocabulary import tanggal
from alur.core.text import text_error
from alur.files.validators import check_and_hash, display_name

from .. import locks, policies, taken
from ..changes import trail_value
from ..models import (
    Evidence,
    Indicator,
    Realisasi,
)
from ..windows import entry_window
from .common import lock_indicators, office_of_indicator, today_or

ANALYSIS_FIELDS = ("faktor_pendorong", "faktor_penghambat", "langkah_perbaikan")


@transaction.atomic
def realisasi_save(*, user, indicator: Indicator, year: int, triwulan: int, value: Decimal | None,
                   faktor_pendorong: str = "", faktor_penghambat: str = "", langkah_perbaikan: str = "",
                   day: date | None = None, reason: str = "") -> Realisasi:
    """Create or correct the realisation of one triwulan (draft or sent back only). After the data
    kinerja report of the period is signed, a change needs `reason` (see `locks`)."""
    day = today_or(day)
    office = office_of_indicator(indicator)
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError({"triwulan": _("Triwulan harus 1, 2, 3 atau 4.")})
    if year not in indicator.renstra.years:
        raise ValidationError({"year": _("Tahun %(year)s di luar periode Renstra %(start)s–%(end)s.") % {
            "year": year, "start": indicator.renstra.start_year, "end": indicator.renstra.end_year}})
    window = entry_window(office, year, triwulan)
    if day < window.opens:
        raise ValidationError({"triwulan": _("Pengisian realisasi Triwulan %(tw)s %(year)s baru dibuka %(opens)s.") % {
            "tw": triwulan, "year": year, "opens": tanggal(window.opens)}})
    lock_indicators([indicator.pk])
    realisasi = (lock_rows(Realisasi.objects).filter(indicator=indicator, year=year, triwulan=triwulan)
                 .first())
    if realisasi is not None:
        taken.name_who_moved_it(lambda u, r, d: policies.can_enter_realisasi(u, indicator, r, d), user, realisasi,
                                policies.EDITABLE_STATES, day)
    policies.require(policies.can_enter_realisasi(user, indicator, realisasi, day),
                     _("Anda tidak dapat mengisi realisasi indikator ini."))
    new = {"value": value, "faktor_pendorong": faktor_pendorong, "faktor_penghambat": faktor_penghambat,
           "langkah_perbaikan": langkah_perbaikan}
    created = realisasi is None
    if created:
        realisasi = Realisasi(indicator=indicator, year=year, triwulan=triwulan)
        old = {}
    else:
        old = {field: getattr(realisasi, field) for field in new}
    for field, item in new.items():
        setattr(realisasi, field, item)
    realisasi.full_clean(exclude=["indicator"], validate_unique=False)
    realisasi.save()
    changed = {field: {"lama": trail_value(old.get(field)), "baru": trail_value(item)} for field, item in new.items()
               if old.get(field) != item and not (old.get(field) in (None, "") and item in (None, ""))}
    if changed or created:  # a new row is on the trail even when it is still empty
        revision = locks.require_reason(locks.locks_on(office, kind="data_kinerja", year=year, triwulan=triwulan),
                                        reason) if changed else {}
        record(office=office, kind="kinerja.realisasi.ubah", user=user,
               data={"realisasi": realisasi.pk, "indikator": indicator.pk, "tahun": year, "triwulan": triwulan,
                     "perubahan": changed, **revision})
    return realisasi


@transaction.atomic
def evidence_add(*, user, realisasi: Realisasi, file=None, url: str = "", note: str = "",
                 reason: str = "") -> Evidence:
    """One piece of evidence: an uploaded file (type/size checked, SHA-256 kept) or a link, each with an
    optional note, or a note alone.
    After the data kinerja report of the period is signed, it needs `reason` (see `locks`)."""
    lock_indicators([realisasi.indicator_id])
    realisasi = lock_rows(Realisasi.objects).select_related("indicator__renstra__office").get(pk=realisasi.pk)
    taken.name_who_moved_it(lambda u, r, d: policies.can_enter_realisasi(u, r.indicator, r, d), user, realisasi,
                            policies.EDITABLE_STATES)
    policies.require(policies.can_enter_realisasi(user, realisasi.indicator, realisasi),
                     _("Anda tidak dapat menambah bukti dukung realisasi ini."))
    revision = locks.require_reason(locks.locks_on(realisasi.indicator.renstra.office, kind="data_kinerja",
                                                   year=realisasi.year, triwulan=realisasi.triwulan), reason)
    url, note = url.strip(), note.strip()
    if not (file or url or note):
        raise ValidationError(_("Isi bukti dukung: berkas, tautan, atau catatan (boleh lebih dari satu)."))
    # One piece of evidence keeps everything the user gave: a file (or a link) with the note that
    # explains it; its kind is the strongest of them (a file, else a link, else the note alone).
    evidence = Evidence(realisasi=realisasi, added_by=user, url=url, note=note)
    if url:
        evidence.full_clean(exclude=["realisasi", "added_by", "file", "kind"])
    if file:
        evidence.sha256 = check_and_hash(file, field="file")
        evidence.kind = Evidence.Kind.FILE
        evidence.original_name = display_name(file.name)
        evidence.size = file.size
        evidence.content_type = getattr(file, "content_type", "") or ""
        evidence.file = file
    else:
        evidence.kind = Evidence.Kind.LINK if url else Evidence.Kind.NOTE
    evidence.save()
    record(office=realisasi.indicator.renstra.office, kind="kinerja.bukti.tambah", user=user,
           data={"realisasi": realisasi.pk, "bukti": evidence.pk, "jenis": evidence.kind,
                 "sha256": evidence.sha256, "nama": evidence.original_name, "tautan": evidence.url,
                 "catatan": evidence.note, **revision})
    return evidence


def _transition(*, user, realisasi: Realisasi, allowed, refusal: str, to: str, kind: str, from_states,
                extra: dict | None = None, updates: dict | None = None, day: date | None = None) -> Realisasi:
    """Lock, check, move to `to`, record. Someone else's act that took the realisation out of
    `from_states` first is named to the user (taken), not a bare refusal."""
    lock_indicators([realisasi.indicator_id])
    locked = (lock_rows(Realisasi.objects).select_related("indicator__renstra__office")
              .get(pk=realisasi.pk))
    taken.name_who_moved_it(allowed, user, locked, from_states, day)
    policies.require(allowed(user, locked, day), refusal)
    old_state = locked.state
    locked.state = to
    for field, value in (updates or {}).items():
        setattr(locked, field, value)
    locked.save()
    record(office=locked.indicator.renstra.office, kind=kind, user=user,
           data={"realisasi": locked.pk, "indikator": locked.indicator_id, "tahun": locked.year,
                 "triwulan": locked.triwulan, "status": {"lama": old_state, "baru": to}, **(extra or {})})
    return locked


@transaction.atomic
def realisasi_submit(*, user, realisasi: Realisasi, day: date | None = None) -> Realisasi:
    """Diajukan by the unit responsible; needs a value and at least one piece of evidence.
    After the entry window closes it is still accepted, flagged late."""
    day = today_or(day)
    current = Realisasi.objects.select_related("indicator__renstra__office").get(pk=realisasi.pk)
    if current.value is None:
        raise ValidationError({"value": _("Isi nilai realisasi sebelum diajukan.")})
    if not current.evidence.exists():
        raise ValidationError(_("Tambahkan minimal satu bukti dukung (berkas, tautan atau catatan) sebelum diajukan."))
    if current.state == Realisasi.State.DIKEMBALIKAN and not _changed_since_sent_back(current):
        raise ValidationError(_("Realisasi ini dikembalikan dengan alasan: %(reason)s. Ubah nilai atau analisisnya, "
                                "atau tambahkan bukti dukung, sebelum mengajukannya lagi.")
                              % {"reason": current.return_reason or "-"})
    late = entry_window(current.indicator.renstra.office, current.year, current.triwulan).is_late(day)
    return _transition(user=user, realisasi=current, allowed=policies.can_submit, day=day,
                       refusal=_("Anda tidak dapat mengajukan realisasi ini."), to=Realisasi.State.DIAJUKAN,
                       kind="kinerja.realisasi.ajukan", extra={"terlambat": late},
                       from_states=policies.EDITABLE_STATES,
                       updates={"late": late, "submitted_at": timezone.now(), "submitted_by": user,
                                "return_reason": ""})


def _changed_since_sent_back(realisasi: Realisasi) -> bool:
    """Whether the trail holds a correction (a changed value or analysis, new evidence) of this
    realisation after its last send-back: the trail is where every such act is written."""
    entries = Entry.objects.filter(office=realisasi.indicator.renstra.office, data__realisasi=realisasi.pk)
    sent_back = (entries.filter(kind="kinerja.realisasi.kembalikan").order_by("-position")
                 .values_list("position", flat=True).first())
    if sent_back is None:
        return True
    return entries.filter(kind__in=("kinerja.realisasi.ubah", "kinerja.bukti.tambah"),
                          position__gt=sent_back).exists()


@transaction.atomic
def realisasi_verify(*, user, realisasi: Realisasi, day: date | None = None) -> Realisasi:
    return _transition(user=user, realisasi=realisasi, allowed=policies.can_verify, day=day,
                       refusal=_("Hanya unit perencanaan yang memverifikasi realisasi yang diajukan."),
                       to=Realisasi.State.DIVERIFIKASI, kind="kinerja.realisasi.verifikasi",
                       from_states=(Realisasi.State.DIAJUKAN,),
                       updates={"verified_at": timezone.now(), "verified_by": user})


@transaction.atomic
def realisasi_send_back(*, user, realisasi: Realisasi, reason: str, day: date | None = None) -> Realisasi:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pengembalian.")})
    if (problem := text_error(reason)) is not None:  # the one text rule (alur.core.text)
        raise ValidationError({"reason": problem})
    return _transition(user=user, realisasi=realisasi, allowed=policies.can_send_back, day=day,
                       refusal=_("Anda tidak dapat mengembalikan realisasi ini."),
                       to=Realisasi.State.DIKEMBALIKAN, kind="kinerja.realisasi.kembalikan",
                       from_states=(Realisasi.State.DIAJUKAN, Realisasi.State.DIVERIFIKASI),
                       extra={"alasan": reason},
                       updates={"return_reason": reason, "verified_at": None, "verified_by": None})


@transaction.atomic
def realisasi_approve(*, user, realisasi: Realisasi, day: date | None = None) -> Realisasi:
    return _approve(user=user, realisasi=realisasi, day=day)


def _approve(*, user, realisasi: Realisasi, day: date | None) -> Realisasi:
    return _transition(user=user, realisasi=realisasi, allowed=policies.can_approve, day=day,
                       refusal=_("Hanya kepala OPD (atau Plt/Plh) yang mengesahkan realisasi terverifikasi."),
                       to=Realisasi.State.DISAHKAN, kind="kinerja.realisasi.sahkan",
                       from_states=(Realisasi.State.DIVERIFIKASI,),
                       updates={"approved_at": timezone.now(), "approved_by": user})


@transaction.atomic
def realisasi_approve_many(*, user, realisasi_ids: list[int], day: date | None = None) -> list[Realisasi]:
    """Sahkan several verified realisations at once: each checked by the policy and written to the
    trail as its own act (one entry per row), all or nothing. The first refusal undoes the others
    and is raised naming the realisation, so nothing is half-approved."""
    if not realisasi_ids:
        raise ValidationError({"realisasi": _("Pilih minimal satu realisasi untuk disahkan.")})
    rows = list(Realisasi.objects.filter(pk__in=realisasi_ids).select_related("indicator")
                .order_by("year", "triwulan", "indicator__code"))
    if len(rows) != len(set(realisasi_ids)):
        raise ValidationError({"realisasi": _("Sebagian realisasi yang dipilih tidak ditemukan; muat ulang halaman.")})
    approved = []
    for row in rows:
        try:
            approved.append(_approve(user=user, realisasi=row, day=day))
        except (ValidationError, PermissionDenied) as error:
            detail = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            refused = _("Tidak ada yang disahkan: realisasi %(code)s %(tw)s %(year)s ditolak (%(why)s).")
            raise ValidationError(refused % {
                "code": row.indicator.code, "tw": row.get_triwulan_display(), "year": row.year,
                "why": detail}) from error
    return approved
