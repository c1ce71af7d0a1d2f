"""Every act on a run goes through these functions: web views, commands and the benchmark alike.

Each public function is one transaction: it locks the run row, asks the pure engine for the next
state, writes the state, its task projection, the records of the act (documents, disposisi,
paraf, signature, numbers) and the trail entries together — or nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.services import record, record_many
from alur.core import engine
from alur.core.calendar import deadline
from alur.core.errors import ValidationError as CoreValidationError
from alur.core.sop.model import Act, Sop
from alur.org.models import Employee, Office, Position, PositionHolding, StandIn, active_on
from alur.org.selectors import employee_of, is_head, is_office_admin
from alur.sop.models import ActorMapping, SopRevision
from alur.workdays.selectors import calendar_for

from . import uploads
from .models import (
    Dispatch,
    Disposition,
    Document,
    DocumentVersion,
    IncomingLetter,
    NumberSequence,
    OutgoingNumber,
    Run,
    SignOff,
    Task,
)

NEEDS_DOCUMENT = {Act.PERIKSA, Act.PARAF, Act.TANDA_TANGAN, Act.AGENDA, Act.ARSIP}
TAKES_NUMBER = {Act.AGENDA, Act.ARSIP}  # nothing leaves the office without an agenda number


# -- letters ------------------------------------------------------------------------------------


@transaction.atomic
def letter_register(
    *, office: Office, user, nomor_surat: str, tanggal_surat: date, asal: str, perihal: str,
    sifat: str = IncomingLetter.Sifat.BIASA, received_on: date | None = None, scan: UploadedFile | None = None,
) -> IncomingLetter:
    employee = _member(user, office)
    received_on = received_on or timezone.localdate()
    if tanggal_surat > received_on:
        raise ValidationError({"tanggal_surat": _("Tanggal surat tidak boleh setelah tanggal diterima.")})
    letter = IncomingLetter(
        office=office, agenda_year=received_on.year, nomor_surat=nomor_surat.strip(), tanggal_surat=tanggal_surat,
        asal=asal.strip(), perihal=perihal.strip(), sifat=sifat, received_on=received_on, registered_by=user,
    )
    if scan is not None:
        letter.scan_sha256 = uploads.check_and_hash(scan, field="scan")
        letter.scan = scan
    letter.agenda_number = _next_in_sequence(office, NumberSequence.Kind.MASUK, received_on.year)
    letter.full_clean(exclude=["scan"])
    letter.save()
    record(office=office, kind="surat_masuk.dicatat", user=user, data={
        "letter": letter.pk, "agenda": f"{letter.agenda_number}/{letter.agenda_year}",
        "nomor_surat": letter.nomor_surat, "asal": letter.asal, "perihal": letter.perihal,
        "scan_sha256": letter.scan_sha256, "by": employee.nip,
    })
    return letter


# -- assignment ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    position: Position
    employee: Employee
    prefix: str = ""  # "Plt." / "Plh." for a stand-in


@dataclass
class Assignment:
    """Who fills each actor column of an SOP in an office on a day."""

    holders: dict[str, Holder] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # actor -> why nobody fills it

    def engine_map(self) -> dict[str, str]:
        return {actor: str(holder.employee.pk) for actor, holder in self.holders.items()}


def assignment_for(revision: SopRevision, day: date) -> Assignment:
    core = revision.as_core()
    mappings = {
        m.actor: m.position for m in ActorMapping.objects.filter(sop_id=revision.sop_id).select_related("position")
    }
    positions = [p.pk for p in mappings.values()]
    stand_ins = {
        s.position_id: s for s in StandIn.objects.filter(active_on(day), position_id__in=positions)
        .select_related("employee")
    }
    holdings = {
        h.position_id: h for h in PositionHolding.objects.filter(active_on(day), position_id__in=positions)
        .select_related("employee")
    }
    result = Assignment()
    for actor in core.actors:
        position = mappings.get(actor)
        if position is None:
            result.missing[actor] = _("belum dipetakan ke jabatan")
        elif position.pk in stand_ins:
            stand_in = stand_ins[position.pk]
            result.holders[actor] = Holder(position, stand_in.employee, stand_in.title_prefix)
        elif position.pk in holdings:
            result.holders[actor] = Holder(position, holdings[position.pk].employee)
        else:
            result.missing[actor] = _("jabatan %(name)s kosong") % {"name": position.name}
    return result


# -- runs ---------------------------------------------------------------------------------------


@transaction.atomic
def run_start(
    *, revision: SopRevision, user, letter: IncomingLetter | None = None, purpose: str = "",
    year: int | None = None, parent: Run | None = None, now: datetime | None = None,
) -> Run:
    office = revision.sop.office
    employee = _member(user, office)
    if revision.is_draft:
        raise ValidationError(_("Hanya SOP yang sudah disahkan yang dapat dijalankan."))
    if letter is not None and letter.office_id != office.pk:
        raise ValidationError(_("Surat masuk berasal dari OPD lain."))
    now = now or timezone.now()
    year = year or timezone.localdate(now).year
    purpose = (purpose or (letter.perihal if letter else "")).strip()
    if not purpose:
        raise ValidationError({"purpose": _("Isi keperluan alur, mis. 'Penyusunan LKjIP Tahun 2026'.")})
    assignment = assignment_for(revision, timezone.localdate(now))
    if assignment.missing:
        detail = "; ".join(f"{actor}: {why}" for actor, why in assignment.missing.items())
        raise ValidationError(_("Alur tidak dapat dimulai, pelaksana belum lengkap — %(detail)s.") % {"detail": detail})
    core = revision.as_core()
    action = engine.Start(assignees=assignment.engine_map(), at=now.isoformat())
    state, events = _engine_apply(core, None, action)
    run = Run.objects.create(
        office=office, revision=revision, letter=letter, parent=parent, purpose=purpose, year=year,
        state=state.to_dict(), started_by=user, started_at=now,
    )
    _project(run, core, state, events, assignment, now)
    _trail(run, user, action, events, extra={
        "sop": revision.nama, "revision": revision.number, "letter": letter.pk if letter else None,
        "parent": parent.pk if parent else None, "by": employee.nip,
    })
    return run


@dataclass
class Completion:
    """What a person hands in when completing a task; which parts are needed depends on the step."""

    note: str = ""
    upload: UploadedFile | None = None
    approve: bool | None = None  # decisions only
    reason: str = ""  # Tidak needs one
    disposition_to: list[Position] = field(default_factory=list)
    disposition_instructions: list[str] = field(default_factory=list)
    disposition_due: date | None = None
    recipients: list[str] = field(default_factory=list)
    copies: int = 1
    archive_location: str = ""


def task_complete(*, task: Task, user, completion: Completion, now: datetime | None = None) -> Task:
    """Complete (or decide) one task. Exactly one of two concurrent completions succeeds."""
    with transaction.atomic():
        run = Run.objects.select_for_update().select_related("revision", "office").get(pk=task.run_id)
        task = Task.objects.select_related("assignee", "position").get(pk=task.pk)
        if task.status != Task.Status.TERBUKA:
            who = task.completed_by.name if task.completed_by else _("orang lain")
            raise ValidationError(_("Tugas ini sudah diselesaikan oleh %(who)s.") % {"who": who}, code="task_not_open")
        now = now or timezone.now()
        employee = _may_act(user, task, timezone.localdate(now))
        core = run.revision.as_core()
        step = core.step(task.step_no)
        document = working_document(run)
        missing = missing_kelengkapan(run, core, step, document)
        if missing:
            raise ValidationError(_("Kelengkapan belum ada: %(items)s.") % {"items": "; ".join(missing)},
                                  code="kelengkapan")
        if step.is_decision:  # checked before any record (or uploaded file) is written
            if completion.approve is None:
                raise ValidationError(_("Pilih keputusan: Ya (setuju) atau Tidak (kembalikan untuk diperbaiki)."))
            if not completion.approve and not completion.reason.strip():
                raise ValidationError({"reason": _("Alasan wajib diisi bila dikembalikan (Tidak).")})
        acts: list[tuple[str, dict]] = []  # trail entries of this act's records, written with the action's
        records = _record_output(run, task, step, employee, completion, now, acts, document)
        if step.is_decision:
            action = engine.Decide(task_id=task.engine_id, actor=task.actor, approve=completion.approve,
                                   reason=completion.reason.strip(), assignees={}, at=now.isoformat())
        else:
            action = engine.Complete(task_id=task.engine_id, actor=task.actor, assignees={}, at=now.isoformat())
        _advance(run, core, action, user, now, acts=acts, done=(task.engine_id, employee, completion.note),
                 extra={"by": employee.nip, "note": completion.note, **records})
        task.refresh_from_db()
        return task


@transaction.atomic
def task_reassign(*, task: Task, user, to: Employee, reason: str, now: datetime | None = None) -> Task:
    run = Run.objects.select_for_update().select_related("revision", "office").get(pk=task.run_id)
    if not is_office_admin(user, run.office):
        raise PermissionDenied(_("Hanya admin OPD yang dapat mengalihkan tugas."))
    if to.office_id != run.office_id:
        raise ValidationError(_("Tugas hanya dapat dialihkan ke pegawai OPD yang sama."))
    now = now or timezone.now()
    action = engine.Reassign(task_id=task.engine_id, assignee=str(to.pk), reason=reason.strip(), at=now.isoformat())
    _advance(run, run.revision.as_core(), action, user, now, extra={"to": to.nip})
    return Task.objects.get(pk=task.pk)


@transaction.atomic
def run_cancel(*, run: Run, user, reason: str, now: datetime | None = None) -> Run:
    run = Run.objects.select_for_update().select_related("revision", "office").get(pk=run.pk)
    if not (is_office_admin(user, run.office) or is_head(employee_of(user))):
        raise PermissionDenied(_("Hanya admin OPD atau Kepala Dinas yang dapat membatalkan alur."))
    now = now or timezone.now()
    _advance(run, run.revision.as_core(), engine.Cancel(reason=reason.strip(), at=now.isoformat()), user, now)
    return run


# -- kelengkapan and outputs --------------------------------------------------------------------


def working_document(run: Run) -> Document | None:
    return run.documents.order_by("pk").first()


_UNSET = object()


def missing_kelengkapan(run: Run, core: Sop, step, document=_UNSET) -> list[str]:
    """What the step needs from earlier steps of this run that is not there yet."""
    missing = []
    if document is _UNSET:
        document = working_document(run)
    earlier_disposisi = any(s.act == Act.DISPOSISI for s in core.steps if s.no < step.no)
    if (earlier_disposisi and "disposisi" in step.kelengkapan.lower()
            and not Disposition.objects.filter(task__run=run).exists()):
        missing.append(_("lembar disposisi dari langkah sebelumnya"))
    if step.act in NEEDS_DOCUMENT:
        if document is None or not document.versions.exists():
            missing.append(_("dokumen '%(name)s' belum diunggah") % {"name": step.kelengkapan or _("kerja")})
    if step.act == Act.TANDA_TANGAN:
        latest = document.latest() if document else None
        parafs = SignOff.objects.filter(task__run=run, kind=SignOff.Kind.PARAF).values_list("version_id", "sha256")
        current = latest is not None and any(v == latest.pk and h == latest.sha256 for v, h in parafs)
        stale = bool(parafs) and not current
        has_paraf_step = any(s.act == Act.PARAF for s in core.steps if s.no < step.no)
        if has_paraf_step and not current:
            missing.append(
                _("paraf pada versi dokumen terakhir (paraf pada versi sebelumnya tidak berlaku lagi)") if stale
                else _("paraf pada dokumen")
            )
    return missing


def _record_output(run: Run, task: Task, step, employee: Employee, completion: Completion, now,
                   acts: list[tuple[str, dict]], document: Document | None) -> dict:
    """Store the step's output record; returns what the trail should say about it."""
    facts: dict = {}
    if step.act == Act.DISPOSISI:
        if not completion.disposition_to or not completion.disposition_instructions:
            raise ValidationError(_("Lembar disposisi perlu diisi: tujuan (kepada) dan minimal satu instruksi."))
        unknown = set(completion.disposition_instructions) - set(Disposition.Instruction.values)
        if unknown:
            raise ValidationError(_("Instruksi disposisi tidak dikenal: %(x)s.") % {"x": ", ".join(sorted(unknown))})
        disposition = Disposition.objects.create(
            task=task, instructions=completion.disposition_instructions, note=completion.note,
            due_on=completion.disposition_due, written_by=employee, written_at=now,
        )
        Disposition.to_positions.through.objects.bulk_create([
            Disposition.to_positions.through(disposition=disposition, position=p) for p in completion.disposition_to])
        facts["disposisi"] = {"to": [p.name for p in completion.disposition_to],
                              "instruksi": completion.disposition_instructions}
    if step.act in (Act.KERJA, Act.KOORDINASI) or (step.act == Act.PERIKSA and completion.upload):
        if completion.upload is None and step.act == Act.KERJA:
            raise ValidationError({"upload": _("Unggah dokumen hasil langkah ini (%(output)s).") % {
                "output": step.output or _("dokumen")}})
        if completion.upload is None and not completion.note.strip():
            raise ValidationError({"note": _("Isi catatan hasil koordinasi atau unggah notulen.")})
        if completion.upload is not None and completion.approve is not False and _would_skip_paraf(run, step):
            raise ValidationError({"upload": _(
                "Dokumen ini sudah diparaf; versi baru memerlukan paraf ulang. Pilih 'Tidak' untuk "
                "mengembalikannya dengan perbaikan Anda, atau selesaikan tanpa mengunggah.")})
        if completion.upload is not None:
            version = _store_version(run, task, step, employee, completion.upload, now, document)
            document = version.document
            facts["document"] = {"version": version.number, "sha256": version.sha256, "name": version.original_name}
            acts.append(("dokumen.diunggah", {"task": task.engine_id, "version": version.number,
                                              "sha256": version.sha256, "size": version.size, "by": employee.nip}))
    if step.act in (Act.PARAF, Act.TANDA_TANGAN):
        signoff = _sign(task, step, employee, now, document)
        facts["signoff"] = {"kind": signoff.kind, "sha256": signoff.sha256, "title": signoff.signer_title}
        acts.append((f"dokumen.{signoff.kind}", {
            "task": task.engine_id, "version": signoff.version.number, "sha256": signoff.sha256,
            "signer": signoff.signer_name, "nip": signoff.signer_nip, "title": signoff.signer_title}))
    if step.act in TAKES_NUMBER:
        if not completion.recipients:
            raise ValidationError({"recipients": _("Isi penerima distribusi (satu per baris).")})
        if not run.outgoing_number:
            number = take_outgoing_number(run=run, task=task, employee=employee, now=now)
            facts["number"] = number.number
            acts.append(("nomor.diambil", {"number": number.number, "sequence": number.sequence,
                                           "year": number.year, "task": task.engine_id}))
        Dispatch.objects.create(task=task, recipients=completion.recipients, copies=max(1, completion.copies),
                                archive_location=completion.archive_location, sent_at=now)
        facts["dispatch"] = {"recipients": completion.recipients, "copies": completion.copies,
                             "archive": completion.archive_location}
    return facts


def _would_skip_paraf(run: Run, step) -> bool:
    """True when a paraf exists and the flow from this step reaches the signature without a new one:
    a document changed there would be signed with a paraf that no longer counts."""
    if not SignOff.objects.filter(task__run=run, kind=SignOff.Kind.PARAF).exists():
        return False
    core = run.revision.as_core()
    seen, no = set(), step.next_yes if step.is_decision else next(iter(core.successors(step.no)), None)
    while no is not None and no not in seen:
        seen.add(no)
        ahead = core.step(no)
        if ahead.act == Act.PARAF:
            return False
        if ahead.act == Act.TANDA_TANGAN:
            return True
        no = ahead.next_yes if ahead.is_decision else next(iter(core.successors(no)), None)
    return False


def _store_version(run: Run, task: Task, step, employee: Employee, upload: UploadedFile, now,
                   document: Document | None) -> DocumentVersion:
    sha256 = uploads.check_and_hash(upload, field="upload")
    if document is None:
        document = Document.objects.create(run=run, name=run.revision.nama.replace("Penyusunan ", "Dokumen ", 1))
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return DocumentVersion.objects.create(
        document=document, number=number, label=step.output, file=upload, original_name=upload.name[:255],
        content_type=getattr(upload, "content_type", "") or "application/octet-stream", size=upload.size,
        sha256=sha256, task=task, uploaded_by=employee, uploaded_at=now,
    )


def _sign(task: Task, step, employee: Employee, now, document: Document) -> SignOff:
    version = document.latest()
    prefix = task.acting_prefix if task.assignee_id == employee.pk else _acting_prefix(employee, task)
    title = f"{prefix} {task.position.name if task.position else task.actor}".strip()
    return SignOff.objects.create(
        task=task, kind=SignOff.Kind.PARAF if step.act == Act.PARAF else SignOff.Kind.TANDA_TANGAN,
        version=version, sha256=version.sha256, signer=employee, signer_name=employee.name,
        signer_nip=employee.nip, signer_title=title, signed_at=now,
    )


def take_outgoing_number(*, run: Run, task: Task, employee: Employee, now) -> OutgoingNumber:
    """The next outgoing-letter number of the office for the year: never repeated, never skipped,
    because the counter row is locked and taken inside the completing transaction."""
    year = timezone.localdate(now).year
    sequence = _next_in_sequence(run.office, NumberSequence.Kind.KELUAR, year)
    text = run.office.letter_number_template.format(nomor=sequence, kode=run.office.short_code, tahun=year)
    number = OutgoingNumber.objects.create(office=run.office, year=year, sequence=sequence, number=text, run=run,
                                           task=task, taken_by=employee, taken_at=now)
    Run.objects.filter(pk=run.pk).update(outgoing_number=text)
    run.outgoing_number = text
    return number


def _next_in_sequence(office: Office, kind: str, year: int) -> int:
    try:
        with transaction.atomic():
            NumberSequence.objects.get_or_create(office=office, kind=kind, year=year)
    except IntegrityError:  # another transaction created the row first: it exists now
        pass
    counter = NumberSequence.objects.select_for_update().get(office=office, kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


# -- engine plumbing ----------------------------------------------------------------------------


def _engine_apply(core: Sop, state, action):
    try:
        return engine.apply(core, state, action)
    except CoreValidationError as exc:
        raise ValidationError(exc.message, code=exc.code) from None


def _advance(run: Run, core: Sop, action, user, now, extra: dict | None = None,
             acts: list[tuple[str, dict]] = (), done: tuple | None = None):
    """Apply `action`, store the state and its task projection, and append the trail entries.

    `done` = (engine task id, employee, note) of the task the action completes, written with it."""
    before = run.engine_state()
    state, events = _engine_apply(core, before, action)
    opens = any(e.type == "task_opened" for e in events)
    assignment = assignment_for(run.revision, timezone.localdate(now)) if opens else Assignment()
    if opens and not isinstance(action, engine.Reassign):
        # Tasks opened by this action go to today's holders: rebuild the action with them so the
        # trail (and a replay) carries exactly who was assigned.
        action = replace(action, assignees=assignment.engine_map())
        state, events = _engine_apply(core, before, action)
    run.state = state.to_dict()
    run.status = state.status
    if state.status != Run.Status.BERJALAN and run.finished_at is None:
        run.finished_at = now
    run.save(update_fields=["state", "status", "finished_at"])
    _project(run, core, state, events, assignment, now, done)
    _trail(run, user, action, events, extra=extra or {}, acts=acts)
    return state, events


def _project(run: Run, core: Sop, state, events, assignment: Assignment, now, done: tuple | None = None) -> None:
    """Write the engine's tasks to Task rows: new ones with their deadline, changed ones updated."""
    rows = {t.engine_id: t for t in run.tasks.all()} if run.pk else {}
    calendar = None
    for ts in state.tasks:
        row = rows.get(ts.id)
        closed_at = datetime.fromisoformat(ts.closed_at) if ts.closed_at else None
        assignee_id = int(ts.assignee) if ts.assignee else None
        if row is None:
            step = core.step(ts.step_no)
            holder = assignment.holders.get(ts.actor)
            opened_at = datetime.fromisoformat(ts.opened_at) if ts.opened_at else now
            due_at = None
            if step.waktu:
                calendar = calendar or calendar_for(run.office)
                due_at = deadline(opened_at, step.waktu.amount, step.waktu.unit, calendar)
            Task.objects.create(
                run=run, engine_id=ts.id, step_no=ts.step_no, actor=ts.actor, iteration=ts.iteration,
                status=ts.status, position=holder.position if holder else None, assignee_id=assignee_id,
                acting_prefix=holder.prefix if holder and str(holder.employee.pk) == ts.assignee else "",
                opened_at=opened_at, due_at=due_at, closed_at=closed_at, outcome=ts.outcome or "",
                reason=ts.reason or "",
            )
        elif (row.status, row.assignee_id, row.outcome, row.closed_at) != (
            ts.status, assignee_id, ts.outcome or "", closed_at
        ):
            if row.assignee_id != assignee_id:
                row.acting_prefix = ""
            row.status, row.assignee_id, row.closed_at = ts.status, assignee_id, closed_at
            row.outcome = ts.outcome or ""
            row.reason = ts.reason or row.reason
            fields = ["status", "assignee", "outcome", "closed_at", "reason", "acting_prefix"]
            if done and done[0] == ts.id:
                row.completed_by, row.note = done[1], done[2] or row.note
                fields += ["completed_by", "note"]
            row.save(update_fields=fields)


def _trail(run: Run, user, action, events, extra: dict, acts=()) -> None:
    data = engine.action_to_dict(action)
    items = [*acts, (f"alur.{data['type']}", {"action": data, "events": [e.to_dict() for e in events], **extra})]
    record_many(office=run.office, items=items, user=user, run_id=run.pk, at=datetime.fromisoformat(action.at))


def replayed_state(run: Run):
    """The run's state rebuilt from its trail alone, through the engine."""
    from alur.audit.models import Entry

    actions = [
        engine.action_from_dict(entry.data["action"])
        for entry in Entry.objects.filter(office=run.office_id, run_id=run.pk, kind__startswith="alur.")
        .order_by("position")
    ]
    return engine.replay(run.revision.as_core(), actions)


# -- permissions --------------------------------------------------------------------------------


def _member(user, office: Office) -> Employee:
    employee = employee_of(user)
    if employee is None or employee.office_id != office.pk:
        raise PermissionDenied(_("Anda bukan pegawai OPD ini."))
    return employee


def _acting_prefix(employee: Employee, task: Task) -> str:
    if task.position_id is None:
        return ""
    stand_in = StandIn.objects.filter(active_on(timezone.localdate()), position_id=task.position_id,
                                      employee=employee).first()
    return stand_in.title_prefix if stand_in else ""


def _may_act(user, task: Task, day: date) -> Employee:
    """The assignee acts; so does whoever stands in (Plt/Plh) for the task's position today."""
    employee = employee_of(user)
    if employee is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    if task.assignee_id == employee.pk:
        return employee
    if task.position_id and StandIn.objects.filter(active_on(day), position_id=task.position_id,
                                                   employee=employee).exists():
        return employee
    raise PermissionDenied(_("Tugas ini bukan untuk Anda."))


# -- child runs ---------------------------------------------------------------------------------


def linked_revisions(run: Run, step) -> list[tuple[str, SopRevision]]:
    """Approved SOPs of the office named in a step's Keterangan ("SOP Caraka"), with the link text."""
    found = []
    approved = SopRevision.objects.filter(sop__office=run.office_id, status=SopRevision.Status.APPROVED)
    for link in step.sop_links:
        name = link.removeprefix("SOP ").strip()
        revision = approved.filter(nama__icontains=name).order_by("-number").first()
        if revision and revision.pk != run.revision_id:
            found.append((link, revision))
    return found


@transaction.atomic
def child_run_start(*, task: Task, revision: SopRevision, user, now: datetime | None = None) -> Run:
    """Start the SOP a step's Keterangan links to as a child run (e.g. "SOP Pengagendaan Surat Keluar")."""
    run = Run.objects.select_for_update().select_related("revision", "office").get(pk=task.run_id)
    step = run.revision.as_core().step(task.step_no)
    if revision.pk not in {r.pk for _, r in linked_revisions(run, step)}:
        raise ValidationError(_("SOP ini tidak disebut dalam keterangan langkah %(no)s.") % {"no": step.no})
    _may_act(user, task, timezone.localdate(now or timezone.now()))
    return run_start(revision=revision, user=user, letter=run.letter, parent=run, year=run.year, now=now,
                     purpose=f"{revision.nama} — {run.purpose}")
