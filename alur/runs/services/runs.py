"""Starting runs (from a letter, by hand, or as a child of a step's Keterangan link) and cancelling them."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.core import engine
from alur.org.selectors import employee_of
from alur.runs import about, policies, subjects
from alur.runs.models import IncomingLetter, Run, Task
from alur.sop import selectors as sop_selectors
from alur.sop.models import SopRevision

from .assignment import HoldersToday, columns_of
from .progress import advance, engine_apply, lock_run, project, steps_opened, trail


def run_start(
    *, revision: SopRevision, user, letter: IncomingLetter | None = None, purpose: str = "",
    year: int | None = None, parent: Run | None = None, subject=None, now: datetime | None = None,
    triwulan: int | None = None, chosen: dict | None = None,
) -> Run:
    """Start a run of an approved SOP; `subject` is what the run is about (see alur.runs.subjects);
    `chosen`: {actor: Position} for each column mapped to several positions "dipilih saat alur dimulai".

    For an SOP that reports on a period (alur.runs.about: a bound document kind, a data collection)
    `year` (and `triwulan`) is that period, the need's default when not given; it is stored on the run
    and its start entry; a title naming another triwulan is refused (the run page shows the subject)."""
    with transaction.atomic():
        return _start(revision=revision, user=user, letter=letter, purpose=purpose, year=year, parent=parent,
                      subject=subject, now=now, triwulan=triwulan, chosen=chosen)


def unconfirmed_actors(revision: SopRevision) -> list[tuple[int, str]]:
    """(step no, its actor columns) of each step whose inferred actor still awaits confirmation."""
    return [(step.get("no"), ", ".join(step.get("actors") or ()))
            for step in sop_selectors.unconfirmed_steps(revision)]


def unconfirmed_refusal(revision: SopRevision) -> str:
    """Why a run of `revision` cannot start yet, naming the steps and actors, or "" when it can."""
    waiting = unconfirmed_actors(revision)
    if not waiting:
        return ""
    listed = "; ".join(_("langkah %(no)s (%(actors)s)") % {"no": no, "actors": actors} for no, actors in waiting)
    return _("Alur tidak dapat dimulai: pelaksana SOP “%(sop)s” masih perlu dikonfirmasi — %(steps)s. "
             "Konfirmasi di halaman SOP, bagian Pelaksana perlu dikonfirmasi.") % {
        "sop": revision.nama, "steps": listed}


def _chosen_positions(revision: SopRevision, chosen: dict | None) -> dict[str, int]:
    """{actor: position id} for the columns chosen at start; refuses a missing or foreign choice."""
    result, problems = {}, []
    for actor, column in columns_of(revision).items():
        if not column.chosen_at_start:
            continue
        position = (chosen or {}).get(actor)
        if position is None or position.pk not in {p.pk for p in column.positions}:
            problems.append(_("pilih jabatan pelaksana “%(actor)s”: salah satu dari %(names)s") % {
                "actor": actor, "names": ", ".join(p.name for p in column.positions)})
        else:
            result[actor] = position.pk
    if problems:
        raise ValidationError(_("Alur tidak dapat dimulai — %(what)s.") % {"what": "; ".join(problems)},
                              code="chosen_positions")
    return result


def _start(*, revision, user, letter, purpose, year, parent, subject, now, triwulan=None,
           chosen=None) -> Run:
    office = revision.sop.office
    policies.require(policies.can_start_run(user, revision), _("Anda bukan pegawai OPD ini."))
    employee = employee_of(user)
    if revision.is_draft:
        raise ValidationError(_("Hanya SOP yang sudah disahkan yang dapat dijalankan."))
    if letter is not None and letter.office_id != office.pk:
        raise ValidationError(_("Surat masuk berasal dari OPD lain."))
    refusal = unconfirmed_refusal(revision)
    if refusal:
        raise ValidationError(refusal, code="unconfirmed_actors")
    chosen_ids = _chosen_positions(revision, chosen)
    subject_type, subject_id = "", None
    if subject is not None:
        kind = subjects.kind_of(subject)
        subjects.check_office(kind, subject, office.pk)
        subject_type, subject_id = kind.key, subject.pk
    now = now or timezone.now()
    need = about.need_of(revision)
    period = about.choose(need, timezone.localdate(now), year, triwulan) if need else None
    if period is None and triwulan is not None:
        raise ValidationError({"triwulan": _("SOP ini tidak mengumpulkan data per triwulan; kosongkan triwulan.")})
    year = period.year if period else (year or timezone.localdate(now).year)
    purpose = (purpose or (_letter_purpose(letter) if letter else "")).strip()
    if not purpose and period:
        purpose = f"{revision.nama} {period.label}"
    if not purpose:
        raise ValidationError({"purpose": _("Isi keperluan alur, mis. 'Penyusunan LKjIP Tahun 2026'.")})
    if period:
        about.check_title(purpose, period)
    holders = HoldersToday(revision, timezone.localdate(now), chosen_ids)
    if holders.assignment.missing:
        detail = "; ".join(f"{actor}: {why}" for actor, why in holders.assignment.missing.items())
        raise ValidationError(_("Alur tidak dapat dimulai, pelaksana belum lengkap — %(detail)s.") % {"detail": detail})
    core = revision.as_core()
    action = engine.Start(assignees=holders.snapshot(), at=now.isoformat())
    state, events = engine_apply(core, None, action)
    run = Run(office=office, revision=revision, letter=letter, parent=parent, purpose=purpose, year=year,
              subject_type=subject_type, subject_id=subject_id, started_by=user, started_at=now,
              about_year=period.year if period else None, about_triwulan=period.triwulan if period else None,
              chosen_positions=chosen_ids)
    run.set_state(state, now)
    run.save()
    opened = project(run, core, state, events, holders.assignment, now)
    trail(run, user, action, events, extra={
        "sop": revision.nama, "revision": revision.number, "letter": letter.pk if letter else None,
        "parent": parent.pk if parent else None, "subject": [subject_type, subject_id] if subject_type else None,
        "about": [period.year, period.triwulan] if period else None,
        "by": employee.nip, **({"dipilih": chosen_ids} if chosen_ids else {}),
    }, after=steps_opened(run, core, state, opened, now))
    return run


def _letter_purpose(letter: IncomingLetter) -> str:
    """A run named after its letter; a Rahasia letter's perihal is not copied where others read it."""
    if letter.sifat == IncomingLetter.Sifat.RAHASIA:
        return _("Tindak lanjut surat rahasia agenda %(n)s/%(y)s") % {"n": letter.agenda_number,
                                                                     "y": letter.agenda_year}
    return letter.perihal


@transaction.atomic
def run_cancel(*, run: Run, user, reason: str, now: datetime | None = None) -> Run:
    run = lock_run(run.pk)
    now = now or timezone.now()
    policies.require(policies.can_cancel_run(user, run, timezone.localdate(now)),
                     _("Hanya admin OPD atau Kepala Dinas (atau Plt/Plh-nya) OPD ini yang dapat membatalkan alur."))
    reason = reason.strip()
    if not reason or len(reason) > 300:
        raise ValidationError({"reason": _("Alasan pembatalan wajib diisi (maksimum 300 karakter).")})
    advance(run, run.revision.as_core(), engine.Cancel(reason=reason, at=now.isoformat()), user, now)
    return run


def linked_revisions(run: Run, step) -> list[tuple[str, SopRevision]]:
    """The SOPs a step's Keterangan links to ("SOP Caraka") as a person confirmed them on the run's
    revision (alur.sop.selectors.linked_revisions), each in its approved revision in force."""
    return [(text, revision) for text, revision in sop_selectors.linked_revisions(run.revision, step.no)
            if revision.pk != run.revision_id]


@transaction.atomic
def child_run_start(*, task: Task, revision: SopRevision, user, now: datetime | None = None) -> Run:
    """Start the SOP a step's Keterangan links to as a child run (e.g. "SOP Pengagendaan Surat Keluar").
    Locks the parent run first, then takes the child's own locks in the usual order."""
    run = lock_run(task.run_id)
    task.run = run
    now = now or timezone.now()
    policies.require(policies.can_start_child_run(user, task, timezone.localdate(now)),
                     _("Tugas ini bukan untuk Anda."))
    step = run.revision.as_core().step(task.step_no)
    if revision.pk not in {r.pk for _, r in linked_revisions(run, step)}:
        raise ValidationError(_("SOP ini tidak disebut dalam keterangan langkah %(no)s.") % {"no": step.no})
    return _start(revision=revision, user=user, letter=run.letter, parent=run, year=run.year, now=now,
                  subject=None, purpose=f"{revision.nama} — {run.purpose}", chosen=_inherited_choice(run, revision))


def _inherited_choice(parent: Run, revision: SopRevision) -> dict:
    """A child run keeps the parent's chosen position for a column of the same name, when the child
    SOP maps that column to it too."""
    positions = {p.pk: p for column in columns_of(revision).values() for p in column.positions}
    return {actor: positions[pk] for actor, pk in (parent.chosen_positions or {}).items() if pk in positions}
