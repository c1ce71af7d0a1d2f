"""Every write to an office's performance data. Keyword-only, atomic, permission-checked through
`policies`, and appended to the office's trail (`alur.audit`) with the old and new values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.core.text import text_error
from alur.files.validators import check_and_hash, display_name

from .. import locks, policies, taken
from ..changes import apply_changes, trail_value
from ..models import (
    CapaianScaleRow,
    Evidence,
    IkuSet,
    Indicator,
    IndicatorTarget,
    PerjanjianKinerja,
    PredikatRow,
    QuarterTarget,
    Realisasi,
    Renstra,
    RenstraRevision,
)
from ..snapshots import renstra_snapshot, year_snapshot
from ..spreadsheets import INDICATOR_SHEET, PROGRAM_SHEET, REALISASI_SHEET
from ..windows import entry_window
from . import structure

ANALYSIS_FIELDS = ("faktor_pendorong", "faktor_penghambat", "langkah_perbaikan")
# Indicator fields a planner may change; each change is recorded with its old value.
INDICATOR_FIELDS = ("name", "definisi", "formula", "kind", "satuan", "sumber_data", "unit", "position", "polarity",
                    "turun_formula", "band_low", "band_high", "band_falloff", "aggregation", "is_iku", "baseline",
                    "sasaran", "national_standard", "national_standard_source")
SCALE_FIELDS = ("label", "lower", "lower_inclusive", "upper", "upper_inclusive", "colour", "caps_at", "order")


def _office_of_indicator(indicator: Indicator):
    return indicator.renstra.office


def _today(day: date | None) -> date:
    return day or timezone.localdate()


def _lock_indicators(pks) -> None:
    """Level 2 of the lock order (alur/audit/locking.py) for every act on an indicator's
    realisations and targets: the indicator rows, in key order, before their realisations or
    targets (level 3) — so an import, which records an entry per row, never waits for a row after
    holding the chain."""
    list(lock_rows(Indicator.objects.filter(pk__in=list(pks)).order_by("pk")).values_list("pk", flat=True))


# -- realisations --------------------------------------------------------------------------------------

@transaction.atomic
def realisasi_save(*, user, indicator: Indicator, year: int, triwulan: int, value: Decimal | None,
                   faktor_pendorong: str = "", faktor_penghambat: str = "", langkah_perbaikan: str = "",
                   day: date | None = None, reason: str = "") -> Realisasi:
    """Create or correct the realisation of one triwulan (draft or sent back only). After the data
    kinerja report of the period is signed, a change needs `reason` (see `locks`)."""
    day = _today(day)
    office = _office_of_indicator(indicator)
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError({"triwulan": _("Triwulan harus 1, 2, 3 atau 4.")})
    if year not in indicator.renstra.years:
        raise ValidationError({"year": _("Tahun %(year)s di luar periode Renstra %(start)s–%(end)s.") % {
            "year": year, "start": indicator.renstra.start_year, "end": indicator.renstra.end_year}})
    window = entry_window(office, year, triwulan)
    if day < window.opens:
        raise ValidationError({"triwulan": _("Pengisian realisasi Triwulan %(tw)s %(year)s baru dibuka %(opens)s.") % {
            "tw": triwulan, "year": year, "opens": window.opens.strftime("%d-%m-%Y")}})
    _lock_indicators([indicator.pk])
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
    """One piece of evidence: an uploaded file (type/size checked, SHA-256 kept), a link, or a note.
    After the data kinerja report of the period is signed, it needs `reason` (see `locks`)."""
    _lock_indicators([realisasi.indicator_id])
    realisasi = lock_rows(Realisasi.objects).select_related("indicator__renstra__office").get(pk=realisasi.pk)
    taken.name_who_moved_it(lambda u, r, d: policies.can_enter_realisasi(u, r.indicator, r, d), user, realisasi,
                            policies.EDITABLE_STATES)
    policies.require(policies.can_enter_realisasi(user, realisasi.indicator, realisasi),
                     _("Anda tidak dapat menambah bukti dukung realisasi ini."))
    revision = locks.require_reason(locks.locks_on(realisasi.indicator.renstra.office, kind="data_kinerja",
                                                   year=realisasi.year, triwulan=realisasi.triwulan), reason)
    given = [kind for kind, present in (("file", file), ("url", url.strip()), ("note", note.strip())) if present]
    if len(given) != 1:
        raise ValidationError(_("Isi salah satu bukti dukung: berkas, tautan, atau catatan."))
    evidence = Evidence(realisasi=realisasi, added_by=user)
    if file:
        evidence.sha256 = check_and_hash(file, field="file")
        evidence.kind = Evidence.Kind.FILE
        evidence.original_name = display_name(file.name)
        evidence.size = file.size
        evidence.content_type = getattr(file, "content_type", "") or ""
        evidence.file = file
    elif url.strip():
        evidence.kind, evidence.url = Evidence.Kind.LINK, url.strip()
        evidence.full_clean(exclude=["realisasi", "added_by", "file"])
    else:
        evidence.kind, evidence.note = Evidence.Kind.NOTE, note.strip()
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
    _lock_indicators([realisasi.indicator_id])
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
    day = _today(day)
    current = Realisasi.objects.select_related("indicator__renstra__office").get(pk=realisasi.pk)
    if current.value is None:
        raise ValidationError({"value": _("Isi nilai realisasi sebelum diajukan.")})
    if not current.evidence.exists():
        raise ValidationError(_("Tambahkan minimal satu bukti dukung (berkas, tautan atau catatan) sebelum diajukan."))
    late = entry_window(current.indicator.renstra.office, current.year, current.triwulan).is_late(day)
    return _transition(user=user, realisasi=current, allowed=policies.can_submit, day=day,
                       refusal=_("Anda tidak dapat mengajukan realisasi ini."), to=Realisasi.State.DIAJUKAN,
                       kind="kinerja.realisasi.ajukan", extra={"terlambat": late},
                       from_states=policies.EDITABLE_STATES,
                       updates={"late": late, "submitted_at": timezone.now(), "submitted_by": user,
                                "return_reason": ""})


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
    return _transition(user=user, realisasi=realisasi, allowed=policies.can_approve, day=day,
                       refusal=_("Hanya kepala OPD (atau Plt/Plh) yang mengesahkan realisasi terverifikasi."),
                       to=Realisasi.State.DISAHKAN, kind="kinerja.realisasi.sahkan",
                       from_states=(Realisasi.State.DIVERIFIKASI,),
                       updates={"approved_at": timezone.now(), "approved_by": user})


# -- plans ---------------------------------------------------------------------------------------------

def _require_plan_editable(user, renstra: Renstra) -> None:
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang mengubah rencana kinerja."))
    if renstra.status == Renstra.Status.DITETAPKAN:
        raise ValidationError(_("Renstra sudah ditetapkan; buka revisi baru untuk mengubahnya."))


@transaction.atomic
def indicator_update(*, user, indicator: Indicator, reason: str = "", **fields) -> Indicator:
    """Change an indicator's definition (draft Renstra only). After a Dokumen IKU covering it is
    signed, a change to an IKU definition needs `reason` (see `locks`)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"indicator_update: unknown fields {sorted(unknown)}")
    indicator = lock_rows(Indicator.objects).select_related("renstra__office").get(pk=indicator.pk)
    _require_plan_editable(user, indicator.renstra)
    changed = apply_changes(indicator, fields)
    if changed:
        indicator.full_clean(validate_unique=False)
        revision = locks.require_reason(locks.indicator_locks(indicator, changed), reason)
        indicator.save()
        record(office=indicator.renstra.office, kind="kinerja.indikator.ubah", user=user,
               data={"indikator": indicator.pk, "kode": indicator.code, "perubahan": changed, **revision})
    return indicator


@transaction.atomic
def target_set(*, user, indicator: Indicator, year: int, value: Decimal | None, triwulan: int | None = None,
               reason: str = ""):
    """Set the annual target (triwulan None) or a quarter's target (rencana aksi). After the
    Perjanjian Kinerja document of the year is signed, a change needs `reason` (see `locks`)."""
    renstra = Renstra.objects.select_related("office").get(pk=indicator.renstra_id)
    _require_plan_editable(user, renstra)
    if year not in renstra.years:
        raise ValidationError({"year": _("Tahun %(year)s di luar periode Renstra.") % {"year": year}})
    _lock_indicators([indicator.pk])
    if triwulan is None:
        row, _created = lock_rows(IndicatorTarget.objects).get_or_create(indicator=indicator, year=year)
    else:
        row, _created = lock_rows(QuarterTarget.objects).get_or_create(
            indicator=indicator, year=year, triwulan=triwulan)
    old = row.value
    if old != value or _created:
        revision = locks.require_reason(locks.locks_on(renstra.office, kind="pk", year=year), reason)
        row.value = value
        row.save()
        record(office=renstra.office, kind="kinerja.target.ubah", user=user,
               data={"indikator": indicator.pk, "tahun": year, "triwulan": triwulan,
                     "lama": trail_value(old), "baru": trail_value(value), **revision})
    return row


@transaction.atomic
def renstra_tetapkan(*, user, renstra: Renstra, reason: str = "") -> RenstraRevision:
    renstra = lock_rows(Renstra.objects).get(pk=renstra.pk)
    policies.require(policies.can_tetapkan_renstra(user, renstra.office),
                     _("Hanya unit perencanaan atau kepala OPD yang menetapkan Renstra."))
    if renstra.status == Renstra.Status.DITETAPKAN:
        raise taken.renstra_ditetapkan(renstra)
    renstra.status = Renstra.Status.DITETAPKAN
    renstra.save(update_fields=["status"])
    revision = RenstraRevision.objects.create(renstra=renstra, number=renstra.revision, ditetapkan_at=timezone.now(),
                                              ditetapkan_by=user, reason=reason, snapshot=renstra_snapshot(renstra))
    record(office=renstra.office, kind="kinerja.renstra.tetapkan", user=user,
           data={"renstra": renstra.pk, "revisi": renstra.revision, "status": {"lama": "draft", "baru": "ditetapkan"}})
    return revision


@transaction.atomic
def renstra_open_revision(*, user, renstra: Renstra, reason: str) -> Renstra:
    """A change after penetapan: the ditetapkan content stays in RenstraRevision; editing reopens."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan revisi Renstra.")})
    renstra = lock_rows(Renstra.objects).get(pk=renstra.pk)
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang membuka revisi Renstra."))
    if renstra.status != Renstra.Status.DITETAPKAN:
        raise ValidationError(_("Renstra masih draf; ubah langsung tanpa revisi."))
    renstra.status, renstra.revision = Renstra.Status.DRAFT, renstra.revision + 1
    renstra.save(update_fields=["status", "revision"])
    record(office=renstra.office, kind="kinerja.renstra.revisi", user=user,
           data={"renstra": renstra.pk, "revisi": renstra.revision, "alasan": reason.strip(),
                 "status": {"lama": "ditetapkan", "baru": "draft"}})
    return renstra


def _head_of(office):
    """Who acts as the office's head today (holder, or Plt/Plh standing in), or None."""
    from alur.org.models import Position
    from alur.org.selectors import holders_on

    positions = list(Position.objects.filter(office=office, is_head=True))
    acting = holders_on(positions)
    return next((acting[p] for p in positions if p in acting), None)


@transaction.atomic
def pk_create(*, user, office, year: int, pihak_kedua_name: str, pihak_kedua_title: str) -> PerjanjianKinerja:
    """A draft PK of `year`; when a version is already signed, the new one is a PK perubahan. PIHAK
    PERTAMA is whoever acts as head today (a Plt is titled as such)."""
    from ..selectors import renstra_for

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


# -- scales --------------------------------------------------------------------------------------------

@transaction.atomic
def scale_row_update(*, user, row: CapaianScaleRow | PredikatRow, **fields):
    policies.require(policies.can_change_scale(user), _("Hanya superuser yang mengubah skala."))
    unknown = set(fields) - set(SCALE_FIELDS)
    if unknown:
        raise TypeError(f"scale_row_update: unknown fields {sorted(unknown)}")
    row = lock_rows(type(row).objects).get(pk=row.pk)
    changed = {}
    for field, value in fields.items():
        if getattr(row, field) != value:
            changed[field] = {"lama": trail_value(getattr(row, field)), "baru": trail_value(value)}
            setattr(row, field, value)
    if changed:
        row.full_clean()
        row.save()
        record(office=row.office, kind="kinerja.skala.ubah", user=user,
               data={"tabel": row._meta.model_name, "baris": row.pk, "perubahan": changed})
    return row


# -- spreadsheet import ----------------------------------------------------------------------------------

def _refuse_forbidden_text(parsed, sheet: str) -> None:
    """The one text rule of every form (alur.core.text) on every text cell an import would store,
    named by sheet and row (a new row) or by the indicator's code and column (a change)."""
    for creation in parsed.creations:
        for column, value in (("Uraian", creation.name), *creation.fields.items()):
            problem = text_error(value) if isinstance(value, str) else None
            if problem:
                parsed.errors.append(_("Sheet %(sheet)s, baris %(row)s, kolom %(column)s: %(problem)s") % {
                    "sheet": sheet, "row": creation.row, "column": column, "problem": problem})
    for change in parsed.changes:
        problem = text_error(change.new) if isinstance(change.new, str) else None
        if problem:
            parsed.errors.append(_("Sheet %(sheet)s, kode %(code)s, kolom %(column)s: %(problem)s") % {
                "sheet": sheet, "code": change.indicator.code, "column": change.column, "problem": problem})


def _apply_plan_file(*, user, renstra: Renstra, data: bytes, apply: bool, parse, store, sheet: str):
    """A plan spreadsheet (Renstra matrix, programmes): `parse` reads it against the Renstra; a dry
    run (apply=False) lists creations and changes; apply=True creates the new rows and passes each
    change to `store`, all or nothing. Returns `imports.Parsed`."""
    renstra = Renstra.objects.select_related("office").get(pk=renstra.pk)
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang mengimpor rencana kinerja."))
    parsed = parse(renstra, data)
    _refuse_forbidden_text(parsed, sheet)
    if apply and not parsed.errors and (parsed.changes or parsed.creations):
        try:
            with transaction.atomic():
                # Every lock before the first trail entry (alur/audit/locking.py): the Renstra, then
                # its indicators, whose targets and definitions `store` changes.
                lock_rows(Renstra.objects.filter(pk=renstra.pk)).get()
                _lock_indicators(Indicator.objects.filter(renstra=renstra).values_list("pk", flat=True))
                structure.import_creations(user=user, renstra=renstra, creations=parsed.creations)
                for change in parsed.changes:
                    store(change)
        except ValidationError as error:  # nothing was kept; the dry run's list is not what happened
            parsed.errors.extend(error.messages)
    return parsed


def renstra_matrix_import(*, user, renstra: Renstra, data: bytes, apply: bool, reason: str = ""):
    """Baselines and yearly targets (and, on a draft Renstra, new tujuan/sasaran/indicators) from
    `spreadsheets.renstra_workbook`. `reason` is what a change to targets fixed by a signed document
    needs (locks)."""
    from ..imports import parse_renstra_matrix

    def store(change):
        if change.year is None:
            indicator_update(user=user, indicator=change.indicator, baseline=change.new, reason=reason)
        else:
            target_set(user=user, indicator=change.indicator, year=change.year, value=change.new, reason=reason)

    return _apply_plan_file(user=user, renstra=renstra, data=data, apply=apply, parse=parse_renstra_matrix,
                            store=store, sheet=INDICATOR_SHEET)


# -- IKU -----------------------------------------------------------------------------------------------

def _iku_rows(renstra: Renstra) -> list[dict]:
    """The IKU indicators with their definitions and yearly targets, as the IKU document lists them."""
    from ..snapshots import indicator_rows, targets_by_indicator

    indicators = [i for i in indicator_rows([renstra.pk]) if i.is_iku]
    annual, _quarters = targets_by_indicator([i.pk for i in indicators], renstra.years)
    return [{"indikator": i.pk, "kode": i.code, "sasaran": i.sasaran.name, "nama": i.name, "definisi": i.definisi,
             "formula": i.formula, "satuan": i.satuan, "sumber_data": i.sumber_data,
             "penanggung_jawab": i.position.name if i.position else i.unit.name,
             "target": {str(y): trail_value(annual.get((i.pk, y))) for y in renstra.years}} for i in indicators]


@transaction.atomic
def iku_set_propose(*, user, renstra: Renstra, run_id: int | None = None) -> IkuSet:
    """A new IKU version (draft) holding today's IKU indicators; the IKU SOP run approves it."""
    renstra = Renstra.objects.select_related("office").get(pk=renstra.pk)
    policies.require(policies.can_propose_iku(user, renstra.office), _("Hanya unit perencanaan yang menyusun IKU."))
    last = renstra.iku_sets.order_by("-version").first()
    iku = IkuSet.objects.create(renstra=renstra, version=(last.version + 1) if last else 1, run_id=run_id,
                                snapshot=_iku_rows(renstra))
    record(office=renstra.office, kind="kinerja.iku.susun", user=user, run_id=run_id,
           data={"iku": iku.pk, "versi": iku.version, "indikator": [row["indikator"] for row in iku.snapshot]})
    return iku


@transaction.atomic
def iku_set_approve(*, user, iku: IkuSet) -> IkuSet:
    iku = lock_rows(IkuSet.objects).select_related("renstra__office").get(pk=iku.pk)
    if iku.status == IkuSet.Status.DISETUJUI:
        raise taken.iku_approved(iku)
    policies.require(policies.can_approve_iku(user, iku), _("Hanya kepala OPD (atau Plt) yang menetapkan IKU."))
    iku.status, iku.approved_at, iku.approved_by = IkuSet.Status.DISETUJUI, timezone.now(), user
    iku.save(update_fields=["status", "approved_at", "approved_by"])
    record(office=iku.renstra.office, kind="kinerja.iku.setujui", user=user, run_id=iku.run_id,
           data={"iku": iku.pk, "versi": iku.version, "status": {"lama": "draft", "baru": "disetujui"}})
    return iku


class _ImportRefused(Exception):
    """Unwinds the import transaction when a row is refused while storing (nothing is kept)."""


def realisasi_import(*, user, office, year: int, triwulan: int, data: bytes, apply: bool,
                     day: date | None = None, reason: str = ""):
    """The realisations of one period from `spreadsheets.realisasi_template`: a dry run lists the
    changes; apply=True saves them as draft through `realisasi_save` (its policy, entry-window and
    lock checks: `reason` for a period a signed report fixed), all or nothing. Returns `imports.Parsed`."""
    from ..imports import parse_realisasi

    # Reading the office comes first; each row is then checked by realisasi_save's own policy.
    policies.require(policies.can_read(user, office), _("Anda tidak berhak membaca data kinerja OPD ini."))
    day = _today(day)
    parsed = parse_realisasi(user=user, office=office, year=year, triwulan=triwulan, data=data, day=day)
    _refuse_forbidden_text(parsed, REALISASI_SHEET)
    if not (apply and parsed.changes and not parsed.errors):
        return parsed
    by_indicator: dict[int, list] = {}
    for change in parsed.changes:
        by_indicator.setdefault(change.indicator.pk, []).append(change)
    try:
        with transaction.atomic():
            # Every lock before the first trail entry (alur/audit/locking.py): the indicators, then
            # their realisations of the period, each in key order.
            _lock_indicators(by_indicator)
            list(lock_rows(Realisasi.objects.filter(indicator__in=list(by_indicator), year=year, triwulan=triwulan)
                           .order_by("pk")).values_list("pk", flat=True))
            for changes in by_indicator.values():
                indicator = changes[0].indicator
                current = Realisasi.objects.filter(indicator=indicator, year=year, triwulan=triwulan).first()
                fields = {field: getattr(current, field) if current else ("" if field != "value" else None)
                          for field in ("value", *ANALYSIS_FIELDS)}
                fields.update({change.field: change.new for change in changes})
                try:
                    realisasi_save(user=user, indicator=indicator, year=year, triwulan=triwulan, day=day,
                                   reason=reason, **fields)
                except (ValidationError, PermissionDenied) as error:
                    messages = getattr(error, "messages", None) or [str(error)]
                    parsed.errors.append(_("%(code)s: %(messages)s") % {"code": indicator.code,
                                                                        "messages": " ".join(messages)})
                    raise _ImportRefused from error
    except _ImportRefused:
        pass
    return parsed


@transaction.atomic
def pagu_set(*, user, node, year: int, amount: Decimal):
    """The pagu indikatif of one programme, kegiatan or sub-kegiatan in one Renstra year."""
    from ..models import Kegiatan, PaguIndikatif, Program

    renstra = node.renstra if isinstance(node, Program) else (
        node.program.renstra if isinstance(node, Kegiatan) else node.kegiatan.program.renstra)
    _require_plan_editable(user, renstra)
    if year not in renstra.years:
        raise ValidationError({"year": _("Tahun %(year)s di luar periode Renstra.") % {"year": year}})
    key = {{"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub_kegiatan"}[node._meta.model_name]: node}
    row = lock_rows(PaguIndikatif.objects).filter(year=year, **key).first()
    old = row.amount if row else None
    if old == amount:
        return row
    if row is None:
        row = PaguIndikatif(year=year, amount=amount, **key)
    row.amount = amount
    row.save()
    record(office=renstra.office, kind="kinerja.pagu.ubah", user=user,
           data={"baris": node._meta.model_name, "id": node.pk, "kode": node.code, "tahun": year,
                 "lama": trail_value(old), "baru": trail_value(amount)})
    return row


def program_import(*, user, renstra: Renstra, data: bytes, apply: bool):
    """Pagu indikatif (and, on a draft Renstra, new programmes/kegiatan/sub-kegiatan) from
    `spreadsheets.program_workbook`."""
    from ..imports import parse_programs

    return _apply_plan_file(user=user, renstra=renstra, data=data, apply=apply, parse=parse_programs,
                            store=lambda change: pagu_set(user=user, node=change.indicator, year=change.year,
                                                          amount=change.new), sheet=PROGRAM_SHEET)
