"""Years of history for many offices, written in bulk: the data behind `alur generate`.

Each office gets the demo office's organisation (units, positions, one employee and log-in per
position, an admin OPD), the six seed SOPs with their actors mapped, and incoming letters and runs
spread over the years. Every run is played by the pure engine (`alur.core.engine.apply`) in memory
— the same actions the services would record — and then stored in bulk (`bulk_create`, and
`executemany` for the millions of task rows and trail entries): the Run row with
the engine's final state, one Task row per engine task (as `services.progress.project` writes it),
and the office's hash-chained trail entries in time order (`surat_masuk.dicatat` for letters,
`alur.<action>` for every engine action), so `alur audit verify` and `alur runs verify-replay` pass
on the result. Runs started recently are still open; a few are cancelled; about one decision in
seven answers Tidak and sends the work back.

Not generated: documents and their files, paraf/signatures and outgoing numbers (the steps that
record them are completed with a note only). The agenda counter of incoming letters is set to the
last number generated, so letters registered later continue without a gap.

Deterministic: the same `seed` and arguments give the same rows (ids aside).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import DateTimeField, JSONField

from alur.audit import records
from alur.audit.locking import lock_rows
from alur.audit.models import Chain, Entry
from alur.core import engine
from alur.core.calendar import deadline
from alur.core.hashchain import GENESIS, entry_hash
from alur.core.sop.model import Sop, WaktuUnit
from alur.kinerja.demo import PPMEP
from alur.kinerja.setup import name_planning_unit
from alur.org.demo import DEMO_PASSWORD, PEOPLE, UNITS, require_demo_data_allowed
from alur.org.models import Employee, Office, OfficeGrant, Position, PositionHolding, StandIn, Unit
from alur.runs.models import IncomingLetter, NumberSequence, Run, Task
from alur.sop.demo import load_demo_sops
from alur.sop.models import ActorMapping, SopRevision
from alur.workdays.selectors import calendar_for

OFFICE_NAMES = [
    "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman", "Dinas Sosial", "Dinas Tenaga Kerja dan Transmigrasi",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Ketahanan Pangan", "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana", "Dinas Perhubungan", "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Mikro", "Dinas Penanaman Modal dan PTSP", "Dinas Kepemudaan dan Olahraga",
    "Dinas Perpustakaan dan Kearsipan", "Dinas Perikanan", "Dinas Pariwisata", "Dinas Pertanian",
    "Dinas Perdagangan dan Perindustrian", "Badan Perencanaan Pembangunan Daerah", "Badan Keuangan Daerah",
    "Badan Kepegawaian dan Pengembangan SDM", "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik", "Inspektorat Daerah", "Sekretariat Daerah", "Sekretariat DPRD",
    "Satuan Polisi Pamong Praja", "Dinas Pemadam Kebakaran", "Rumah Sakit Umum Daerah",
    "Kecamatan Tungkal Ilir", "Kecamatan Tungkal Ulu", "Kecamatan Betara", "Kecamatan Pengabuan",
    "Kecamatan Merlung", "Kecamatan Senyerang", "Kecamatan Seberang Kota",
]
GRANT_USERNAME = "inspektorat"  # reads every generated office (an OfficeGrant per office)
ASAL = ["Bupati Tanjung Jabung Barat", "Sekretariat Daerah", "Bappeda", "Inspektorat Daerah",
        "Gubernur Jambi", "Kementerian PANRB", "Kementerian Dalam Negeri", "BPKP Perwakilan Jambi"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
LETTER_SHARE = 0.5  # runs started from an incoming letter
SPARE_LETTERS = 0.05  # letters (per run) that never started a run
CANCEL_SHARE = 0.02
TIDAK_SHARE = 0.15
LATE_SHARE = 0.2
RECENT_SHARE, RECENT = 0.03, timedelta(days=30)  # runs started in the last month (mostly still open)


@dataclass
class Options:
    offices: int = 40
    years: int = 5
    runs_per_office: int = 100
    seed: int = 1
    prefix: str = "opd"
    now: datetime | None = None  # the end of history (default: now)


@dataclass
class Figures:
    offices: int = 0
    letters: int = 0
    runs: int = 0
    open_runs: int = 0
    tasks: int = 0
    entries: int = 0


@dataclass
class _Item:
    """One trail entry to be written: when, what, and the row it belongs to (filled in later)."""

    at: datetime
    order: int  # ties at the same instant keep the order they were made in
    kind: str
    user_id: int
    data: dict
    run: object = None  # _PlannedRun, for run_id
    letter: IncomingLetter | None = None


@dataclass
class _PlannedRun:
    run: Run
    tasks: list[tuple] = field(default_factory=list)  # TASK_FIELDS without the run


def generate(options: Options, *, progress: Callable[[str], None] = lambda text: None) -> Figures:
    """Create `options.offices` offices with their history; returns what was written."""
    require_demo_data_allowed()
    now = (options.now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    rng = random.Random(options.seed)
    codes = [f"{options.prefix}-{i:02d}" for i in range(1, options.offices + 1)]
    taken = set(Office.objects.filter(code__in=codes).values_list("code", flat=True))
    if taken:
        raise ValueError(f"OPD dengan kode {', '.join(sorted(taken))} sudah ada; "
                         "pakai database kosong atau --prefix lain.")
    password = make_password(DEMO_PASSWORD)
    figures = Figures()
    grant_user = _grant_user(password)
    serials = Employee.objects.count()  # NIPs stay unique when generating into a database with people
    for index, code in enumerate(codes):
        with transaction.atomic():
            office, people = _office(index, code, password, serials + index * len(PEOPLE), now)
            OfficeGrant.objects.create(user=grant_user, office=office, note="alur generate")
            _history(office, people, options, now, rng, figures)
            # the people, letters and grant were written in bulk, beside their hand-made trail
            records.baseline(office, reason="alur generate", kind="demo.dimuat")
        figures.offices += 1
        progress(f"{figures.offices}/{len(codes)} OPD: {figures.runs} alur, {figures.tasks} tugas, "
                 f"{figures.entries} entri jejak")
    with connection.cursor() as cursor:  # statistics for the planner, as after any bulk load
        cursor.execute("ANALYZE")
    return figures


def _grant_user(password: str):
    user, _ = get_user_model().objects.get_or_create(username=GRANT_USERNAME, defaults={"password": password})
    return user


def _nip(serial: int, female: bool) -> str:
    """A valid NIP, unique per serial: the birth date moves one day per serial."""
    born = date(1966, 1, 1) + timedelta(days=serial * 3)
    appointed = born.year + 25
    return f"{born:%Y%m%d}{appointed}{1 + serial % 12:02d}{2 if female else 1}{1 + serial % 997:03d}"


def _office(index: int, code: str, password: str, first_serial: int, now: datetime):
    """The demo office's structure under a new code; returns the office and {position code: Employee}."""
    name = OFFICE_NAMES[index % len(OFFICE_NAMES)]
    if index >= len(OFFICE_NAMES):
        name = f"{name} {index // len(OFFICE_NAMES) + 1}"
    office = Office.objects.create(name=name, code=code, short_code=code.upper(),
                                   government="Pemerintah Kabupaten Tanjung Jabung Barat")
    units: dict[str, Unit] = {}
    for unit_name, parent in UNITS:
        units[unit_name] = Unit.objects.create(office=office, name=unit_name, parent=units.get(parent))
    name_planning_unit(office, units[PPMEP])  # as the demo office: its PPMEP subbag plans
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"{p.username}-{code}", password=password) for p in PEOPLE])
    people: dict[str, Employee] = {}
    positions: dict[str, Position] = {}
    for serial, (person, user) in enumerate(zip(PEOPLE, users, strict=True)):
        positions[person.position_code] = Position.objects.create(
            office=office, unit=units[person.unit], name=person.position_name, code=person.position_code,
            is_head=person.is_head)
        people[person.position_code] = Employee(
            office=office, name=f"{person.name.split(',')[0]} ({code})", rank=person.rank, user=user,
            nip=_nip(first_serial + serial, female=serial % 2 == 1), is_office_admin=person.is_admin)
    Employee.objects.bulk_create(people.values())
    start = date(now.year - 30, 1, 2)
    PositionHolding.objects.bulk_create(
        [PositionHolding(employee=people[c], position=positions[c], start=start) for c in people])
    today = now.date()
    StandIn.objects.create(position=positions["kepala-dinas"], employee=people["sekretaris"],
                           kind=StandIn.Kind.PLH, start=today - timedelta(days=7), end=today + timedelta(days=7),
                           basis="Kepala Dinas cuti (data contoh)")
    load_demo_sops(office)
    return office, people


def _history(office: Office, people: dict[str, Employee], options: Options, now: datetime, rng: random.Random,
             figures: Figures) -> None:
    """Letters and runs of one office, then its trail in time order."""
    sops = _runnable(office, people)
    calendar = calendar_for(office)
    begin = now - timedelta(days=365 * options.years)
    span = (now - begin).total_seconds()
    admin = next(e for e in people.values() if e.is_office_admin)
    items: list[_Item] = []
    planned: list[_PlannedRun] = []
    letters: list[tuple[IncomingLetter, _Item]] = []
    order = iter(range(1 << 62))

    n_letters = int(options.runs_per_office * (LETTER_SHARE + SPARE_LETTERS))
    for _ in range(n_letters):
        received = (begin + timedelta(seconds=rng.random() * span)).replace(microsecond=0)
        letter = IncomingLetter(
            office=office, agenda_year=received.year, agenda_number=0,
            nomor_surat=f"{rng.randint(1, 999):03d}/{rng.choice(['UM', 'PR', 'KEP'])}/{received.year}",
            tanggal_surat=received.date() - timedelta(days=rng.randint(0, 10)), asal=rng.choice(ASAL),
            perihal=f"Permintaan data kinerja {MONTHS[received.month - 1]} {received.year} ({rng.randint(1, 9999)})",
            received_on=received.date(), registered_by_id=admin.user_id)
        letters.append((letter, _Item(received, 0, "surat_masuk.dicatat", admin.user_id, {})))
    letters.sort(key=lambda pair: pair[1].at)
    counters: dict[int, int] = {}
    for letter, item in letters:
        counters[letter.agenda_year] = letter.agenda_number = counters.get(letter.agenda_year, 0) + 1
        item.order = next(order)
    IncomingLetter.objects.bulk_create([letter for letter, _ in letters])
    for letter, item in letters:
        item.letter = letter
        item.data = {"letter": letter.pk, "agenda": f"{letter.agenda_number}/{letter.agenda_year}",
                     "nomor_surat": letter.nomor_surat, "asal": letter.asal, "perihal": letter.perihal,
                     "scan_sha256": "", "by": admin.nip}
        items.append(item)
    NumberSequence.objects.bulk_create([NumberSequence(office=office, kind=NumberSequence.Kind.MASUK, year=year,
                                                       last=last) for year, last in counters.items()])
    pool = list(letters)
    rng.shuffle(pool)
    pool = pool[: int(options.runs_per_office * LETTER_SHARE)]  # the rest never start a run
    positions = dict(Position.objects.filter(office=office).values_list("code", "pk"))
    for number in range(options.runs_per_office):
        revision, core, assignees = sops[number % len(sops)]
        letter = None
        if pool and rng.random() < LETTER_SHARE * 1.05:
            letter, registered = pool.pop()
            started = registered.at + timedelta(minutes=rng.randint(10, 60 * 48))
        elif rng.random() < RECENT_SHARE:  # work in progress, whatever the number of runs
            started = now - timedelta(seconds=rng.random() * RECENT.total_seconds())
        else:
            started = begin + timedelta(seconds=rng.random() * span)
        started = min(started, now).replace(microsecond=0)
        plan = _play(office, positions, revision, core, assignees, people, letter, started, now, rng, calendar,
                     items, order)
        planned.append(plan)

    Run.objects.bulk_create([p.run for p in planned])
    tasks = [row for plan in planned for row in plan.tasks]
    insert_rows(Task, TASK_FIELDS, [(plan.run.pk, *row) for plan in planned for row in plan.tasks])
    figures.letters += len(letters)
    figures.runs += len(planned)
    figures.open_runs += sum(p.run.status == Run.Status.BERJALAN for p in planned)
    figures.tasks += len(tasks)
    figures.entries += _write_trail(office, items)


def _runnable(office: Office, people: dict[str, Employee]) -> list[tuple[SopRevision, Sop, dict[str, str]]]:
    """The office's approved SOPs whose every actor is mapped, with the engine's assignee map."""
    by_position = {e_code: e for e_code, e in people.items()}
    codes = dict(Position.objects.filter(office=office).values_list("pk", "code"))
    result = []
    for revision in SopRevision.objects.filter(sop__office=office, status=SopRevision.Status.APPROVED).order_by("pk"):
        mapped: dict[str, list[tuple[int, str]]] = {}
        for actor, position_id, mode in (ActorMapping.objects.filter(sop_id=revision.sop_id).order_by("pk")
                                         .values_list("actor", "position_id", "mode")):
            mapped.setdefault(actor, []).append((position_id, mode))
        core = revision.as_core()
        if all(actor in mapped for actor in core.actors):
            assignees = {actor: _assignee(mapped[actor], by_position, codes) for actor in core.actors}
            result.append((revision, core, assignees))
    if not result:
        raise ValueError(f"OPD {office.code}: tidak ada SOP yang semua pelaksananya terpetakan.")
    return result


def _assignee(rows: list[tuple[int, str]], by_position: dict[str, Employee], codes: dict[int, str]):
    """What the services give the engine for one column: its holder, or for a column of several
    positions each position's holder as a seat ("semua"; "dipilih": the first, as if chosen at start)."""
    if len(rows) > 1 and rows[0][1] == ActorMapping.Mode.SEMUA:
        return [(str(position_id), str(by_position[codes[position_id]].pk)) for position_id, _mode in rows]
    return str(by_position[codes[rows[0][0]]].pk)


def _play(office, positions, revision, core: Sop, assignees, people, letter, started, now, rng, calendar, items,
          order) -> _PlannedRun:
    """Run one SOP through the engine until it ends, `now` is reached, or it is cancelled; the trail
    items go to `items`, the Run and Task rows (not saved yet) to the returned plan."""
    by_id = {str(e.pk): e for e in people.values()}
    position_of = {str(e.pk): code for code, e in people.items()}
    starter = by_id[next(a for a in assignees.values() if isinstance(a, str))]
    plan = _PlannedRun(run=Run(
        office=office, revision=revision, letter=letter, purpose=(letter.perihal if letter else
                                                                  f"{revision.nama} Tahun {started.year}"),
        year=started.year, started_by_id=starter.user_id, started_at=started))
    dues: dict[int, datetime | None] = {}
    action = engine.Start(assignees=assignees, at=started.isoformat())
    state, events = engine.apply(core, None, action)
    items.append(_run_item(plan, action, events, starter, next(order), {
        "sop": revision.nama, "revision": revision.number, "letter": letter.pk if letter else None,
        "parent": None, "subject": None, "by": starter.nip}))
    cancel_at = rng.random() < CANCEL_SHARE
    tidak_count = 0
    clock = started
    while state.status == engine.RUN_BERJALAN:
        for ts in state.tasks:
            if ts.id not in dues:
                dues[ts.id] = _due(core, ts, calendar)
        task = next(t for t in state.tasks if t.is_open)
        due = dues[task.id]
        opened = datetime.fromisoformat(task.opened_at)
        if due is None or rng.random() < LATE_SHARE:
            at = (due or opened) + timedelta(minutes=rng.randint(30, 60 * 24 * 4))
        else:
            at = opened + (due - opened) * (0.1 + 0.8 * rng.random())
        at = max(at, clock).replace(microsecond=0)
        if at >= now:
            break
        clock = at
        actor_employee = by_id[task.assignee]
        if cancel_at and rng.random() < 0.3:
            action = engine.Cancel(reason="Kegiatan ditunda (data contoh)", at=at.isoformat())
            state, events = engine.apply(core, state, action)
            items.append(_run_item(plan, action, events, people["pranata-komputer"], next(order), {}))
            break
        step = core.step(task.step_no)
        if step.is_decision:
            approve = step.next_no is None or tidak_count >= 2 or rng.random() >= TIDAK_SHARE
            tidak_count += not approve
            action = engine.Decide(task_id=task.id, actor=task.actor, approve=approve,
                                   reason="" if approve else "Perlu perbaikan (data contoh)", assignees=assignees,
                                   at=at.isoformat())
        else:
            action = engine.Complete(task_id=task.id, actor=task.actor, assignees=assignees, at=at.isoformat())
        state, events = engine.apply(core, state, action)
        opens = any(e.type == "task_opened" for e in events)
        if not opens:  # the services record {} when the act opened nothing (no holder look-up)
            action = engine.Complete(task_id=action.task_id, actor=action.actor, at=action.at) if isinstance(
                action, engine.Complete) else engine.Decide(task_id=action.task_id, actor=action.actor,
                                                            approve=action.approve, reason=action.reason,
                                                            at=action.at)
        items.append(_run_item(plan, action, events, actor_employee, next(order),
                               {"by": actor_employee.nip, "note": ""}))
    plan.run.set_state(state, clock)
    for ts in state.tasks:
        step = core.step(ts.step_no)
        plan.tasks.append((
            ts.id, ts.step_no, ts.actor, step.act.value, step.is_decision, _minutes(step, calendar), ts.iteration,
            ts.status, positions[position_of[ts.assignee]], int(ts.assignee), "",
            datetime.fromisoformat(ts.opened_at), dues[ts.id],
            datetime.fromisoformat(ts.closed_at) if ts.closed_at else None,
            int(ts.assignee) if ts.status == engine.TASK_SELESAI else None, ts.outcome or "", ts.reason or "", ""))
    return plan


def _run_item(plan, action, events, employee, order: int, extra: dict) -> _Item:
    data = {"action": engine.action_to_dict(action), "events": [e.to_dict() for e in events], **extra}
    kind = f"alur.{data['action']['type']}"
    return _Item(datetime.fromisoformat(action.at), order, kind, employee.user_id, data, run=plan)


def _due(core: Sop, ts: engine.TaskState, calendar) -> datetime | None:
    step = core.step(ts.step_no)
    if not step.waktu:
        return None
    return deadline(datetime.fromisoformat(ts.opened_at), step.waktu.amount, step.waktu.unit, calendar)


def _minutes(step, calendar) -> int | None:
    if not step.waktu:
        return None
    per_unit = {WaktuUnit.MENIT: 1, WaktuUnit.JAM: 60,
                WaktuUnit.HARI: calendar.standard_day.total_seconds() / 60}[step.waktu.unit]
    return round(step.waktu.amount * per_unit)


def _write_trail(office: Office, items: list[_Item]) -> int:
    """The office's chain in time order, hashed as `alur.audit.services.record_many` hashes it."""
    items.sort(key=lambda item: (item.at, item.order))
    chain = lock_rows(Chain.objects).filter(office=office).first()  # the SOP set-up is recorded
    if chain is None:
        chain = Chain(office=office, length=0, head_hash=GENESIS)
    prev, rows = chain.head_hash, []
    for position, item in enumerate(items, start=chain.length + 1):
        run_id = item.run.run.pk if item.run is not None else None
        entry = Entry(office=office, position=position, kind=item.kind, run_id=run_id, user_id=item.user_id,
                      at=item.at, data=item.data, prev_hash=prev)
        entry.hash = entry_hash(prev, entry.content())
        rows.append((office.pk, position, item.kind, run_id, item.user_id, item.at, item.data, prev, entry.hash))
        prev = entry.hash
    insert_rows(Entry, ENTRY_FIELDS, rows)
    written = len(rows)
    chain.length += written
    chain.head_hash = prev
    chain.save()
    return written


TASK_FIELDS = ("run_id", "engine_id", "step_no", "actor", "act", "is_decision", "waktu_minutes", "iteration", "status",
               "position_id", "assignee_id", "acting_prefix", "opened_at", "due_at", "closed_at", "completed_by_id",
               "outcome", "reason", "note")
ENTRY_FIELDS = ("office_id", "position", "kind", "run_id", "user_id", "at", "data", "prev_hash", "hash")


def insert_rows(model, attnames: tuple[str, ...], rows: list[tuple], *, batch: int = 5000) -> None:
    """INSERT many rows with `executemany`, skipping the ORM's per-value compilation (10x faster than
    bulk_create for millions of rows). Only date-times and JSON need adapting for the database."""
    fields = [next(f for f in model._meta.concrete_fields if f.attname == name) for name in attnames]
    adapters = []
    for f in fields:
        if isinstance(f, DateTimeField):
            adapters.append(connection.ops.adapt_datetimefield_value)
        elif isinstance(f, JSONField):
            adapters.append(lambda value: json.dumps(value, ensure_ascii=False))
        else:
            adapters.append(None)
    q = connection.ops.quote_name
    columns = ", ".join(q(f.column) for f in fields)
    values = ", ".join("%s::jsonb" if isinstance(f, JSONField) and connection.vendor == "postgresql" else "%s"
                       for f in fields)
    sql = f"INSERT INTO {q(model._meta.db_table)} ({columns}) VALUES ({values})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = [tuple(value if adapt is None or value is None else adapt(value)
                           for adapt, value in zip(adapters, row, strict=True)) for row in rows[start:start + batch]]
            cursor.executemany(sql, chunk)
