"""Every record of a run checked against the trail that recorded it.

`verify_run` rebuilds the run's state from its `alur.*` entries and compares it with the stored
state and with every Task row; compares DocumentVersion rows (and the bytes of their files),
SignOff rows and OutgoingNumber rows with the `dokumen.*` and `nomor.diambil` entries that
recorded them. `verify_letters` does the same for incoming letters and their scans. Problems name
the run, what differs and where. Runs are read one at a time (`iter_runs`), so memory does not
grow with their number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime

from alur.audit.models import Entry
from alur.audit.verification import Problem, register
from alur.core import engine
from alur.core.errors import ValidationError as CoreValidationError
from alur.files.hashing import file_sha256

from .models import DocumentVersion, IncomingLetter, OutgoingNumber, Run, SignOff, Task

SIGNOFF_KINDS = {"dokumen.paraf": SignOff.Kind.PARAF, "dokumen.tanda_tangan": SignOff.Kind.TANDA_TANGAN}
RUN_FIELDS = ("pk", "office_id", "revision_id", "state", "outgoing_number", "about_year", "about_triwulan")


class _Cores:
    """SOP revisions parsed once each (there are few revisions and many runs)."""

    def __init__(self):
        self._cores: dict[int, object] = {}

    def __call__(self, run: Run):
        if run.revision_id not in self._cores:
            self._cores[run.revision_id] = run.revision.as_core()
        return self._cores[run.revision_id]


def iter_runs(queryset=None, *, chunk_size: int = 500) -> Iterator[Run]:
    """Runs in id order, fetched in chunks with only the columns verification reads."""
    queryset = Run.objects.all() if queryset is None else queryset
    return queryset.order_by("pk").only(*RUN_FIELDS).iterator(chunk_size=chunk_size)


class _Trail:
    """What a run's trail says, read once in position order."""

    def __init__(self, run: Run):
        self.actions: list = []
        self.versions: Counter = Counter()  # (number, sha256)
        self.signoffs: Counter = Counter()  # (kind, version number, sha256, nip)
        self.numbers: Counter = Counter()  # (number, sequence, year)
        self.last_number = ""
        self.about: list | None = None  # the start entry's subject period [year, triwulan], if it has one
        self.unreadable: list[tuple[int, str]] = []
        rows = (Entry.objects.filter(office_id=run.office_id, run_id=run.pk).order_by("position")
                .values_list("position", "kind", "data"))
        for position, kind, data in rows.iterator(chunk_size=500):
            self._read(position, kind, data if isinstance(data, dict) else {})

    def _read(self, position: int, kind: str, data: dict) -> None:
        if kind == "alur.start" and data.get("about"):
            self.about = list(data["about"])
        if kind.startswith("alur.") and "action" in data:
            try:
                self.actions.append(engine.action_from_dict(data["action"]))
            except (CoreValidationError, TypeError, ValueError) as error:
                self.unreadable.append((position, str(error)))
        elif kind in SIGNOFF_KINDS:
            self.signoffs[(SIGNOFF_KINDS[kind], data.get("version"), data.get("sha256"), data.get("nip"))] += 1
        elif kind.startswith("dokumen.") and "sha256" in data and "version" in data:
            self.versions[(data["version"], data["sha256"])] += 1
        elif kind == "nomor.diambil":
            self.numbers[(data.get("number"), data.get("sequence"), data.get("year"))] += 1
            self.last_number = data.get("number") or ""


def verify_run(run: Run, *, core=None, office_code: str = "", files: bool = True) -> list[Problem]:
    """Everything about one run that differs from its trail (an empty list: it all matches)."""
    code = office_code or run.office.code
    problems: list[Problem] = []

    def problem(what: str, where: str) -> None:
        problems.append(Problem(office=code, run_id=run.pk, what=what, where=where))

    trail = _Trail(run)
    for position, error in trail.unreadable:
        problem(f"aksi di jejak tidak terbaca: {error}", f"entri jejak #{position}")
    core = core or run.revision.as_core()
    try:
        replayed = engine.replay(core, trail.actions)
    except CoreValidationError as error:
        problem(f"jejak tidak dapat diputar ulang: {error.message}", "jejak alur")
        replayed = None
    if replayed is not None:
        _compare_state(replayed, run.engine_state(), problem)
        _compare_tasks(replayed, run, problem)
    _compare_versions(trail, run, problem, files=files)
    _compare_signoffs(trail, run, problem)
    _compare_numbers(trail, run, problem)
    _compare_about(trail, run, problem)
    return problems


def _compare_about(trail: _Trail, run: Run, problem) -> None:
    """The period the run is about, as stored, against its start entry (a run from before subjects were
    stored has neither)."""
    stored = [run.about_year, run.about_triwulan] if run.about_year is not None else None
    if stored != trail.about:
        problem(f"periode alur tersimpan {stored}, menurut jejak {trail.about}", "Run.about_year/about_triwulan")


def _compare_state(replayed, stored, problem) -> None:
    if replayed == stored:
        return
    if replayed.status != stored.status:
        problem(f"status alur tersimpan '{stored.status}', menurut jejak '{replayed.status}'", "Run.state")
        return
    stored_tasks = {t.id: t for t in stored.tasks}
    for ts in replayed.tasks:
        if stored_tasks.get(ts.id) != ts:
            problem("status mesin tersimpan berbeda dari hasil putar ulang", f"Run.state, tugas #{ts.id}")
            return
    problem("status mesin tersimpan berbeda dari hasil putar ulang", "Run.state")


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _compare_tasks(replayed, run: Run, problem) -> None:
    rows = {row[1]: row for row in Task.objects.filter(run_id=run.pk).values_list(
        "pk", "engine_id", "step_no", "status", "assignee_id", "outcome", "closed_at")}
    for ts in replayed.tasks:
        row = rows.pop(ts.id, None)
        if row is None:
            problem(f"baris tugas #{ts.id} (langkah {ts.step_no}) tidak ada", "Task")
            continue
        pk, _engine_id, step_no, status, assignee_id, outcome, closed_at = row
        expected = {
            "langkah": (step_no, ts.step_no),
            "status": (status, ts.status),
            "pelaksana": (assignee_id, int(ts.assignee) if ts.assignee else None),
            "keputusan": (outcome or "", ts.outcome or ""),
            "waktu selesai": (closed_at, _when(ts.closed_at)),
        }
        for label, (stored, recorded) in expected.items():
            if stored != recorded:
                problem(f"{label} tugas #{ts.id} tersimpan {stored!s}, menurut jejak {recorded!s}",
                        f"Task id {pk}, langkah {ts.step_no}")
    for engine_id, row in rows.items():
        problem(f"baris tugas #{engine_id} tidak pernah dibuka menurut jejak", f"Task id {row[0]}")


def _compare_versions(trail: _Trail, run: Run, problem, *, files: bool) -> None:
    recorded = Counter(trail.versions)
    rows = DocumentVersion.objects.filter(document__run_id=run.pk).order_by("pk").values_list(
        "pk", "number", "sha256", "file")
    for pk, number, sha256, name in rows.iterator(chunk_size=500):
        where = f"DocumentVersion id {pk}, versi {number}"
        if recorded[(number, sha256)] > 0:
            recorded[(number, sha256)] -= 1
        else:
            problem(f"SHA-256 versi {number} ({sha256[:12]}…) tidak tercatat di jejak", where)
        if files:
            actual = file_sha256(name)
            if actual is None:
                problem(f"berkas versi {number} hilang", f"{where}, berkas {name}")
            elif actual != sha256:
                problem(f"isi berkas versi {number} diganti (SHA-256 berkas {actual[:12]}…, tercatat "
                        f"{sha256[:12]}…)", f"{where}, berkas {name}")
    for (number, sha256), count in recorded.items():
        if count > 0:
            problem(f"versi {number} ({str(sha256)[:12]}…) tercatat di jejak tetapi barisnya tidak ada",
                    "DocumentVersion")


def _compare_signoffs(trail: _Trail, run: Run, problem) -> None:
    recorded = Counter(trail.signoffs)
    rows = SignOff.objects.filter(task__run_id=run.pk).order_by("pk").values_list(
        "pk", "kind", "version__number", "sha256", "signer_nip")
    for pk, kind, number, sha256, nip in rows:
        key = (kind, number, sha256, nip)
        if recorded[key] > 0:
            recorded[key] -= 1
        else:
            problem(f"{kind} oleh NIP {nip} pada versi {number} (SHA-256 {sha256[:12]}…) tidak sesuai jejak",
                    f"SignOff id {pk}")
    for (kind, number, _sha256, nip), count in recorded.items():
        if count > 0:
            problem(f"{kind} oleh NIP {nip} pada versi {number} tercatat di jejak tetapi barisnya tidak ada",
                    "SignOff")


def _compare_numbers(trail: _Trail, run: Run, problem) -> None:
    recorded = Counter(trail.numbers)
    rows = OutgoingNumber.objects.filter(run_id=run.pk).order_by("pk").values_list(
        "pk", "number", "sequence", "year")
    for pk, number, sequence, year in rows:
        if recorded[(number, sequence, year)] > 0:
            recorded[(number, sequence, year)] -= 1
        else:
            problem(f"nomor surat keluar {number} tidak tercatat di jejak", f"OutgoingNumber id {pk}")
    for (number, _sequence, _year), count in recorded.items():
        if count > 0:
            problem(f"nomor surat keluar {number} tercatat di jejak tetapi barisnya tidak ada (dihapus)",
                    "OutgoingNumber")
    if (run.outgoing_number or "") != trail.last_number:
        problem(f"nomor surat keluar alur '{run.outgoing_number}', menurut jejak '{trail.last_number}'",
                "Run.outgoing_number")


def verify_letters(office, *, files: bool = True) -> Iterator[Problem]:
    """Incoming letters of the office against their `surat_masuk.dicatat` entries, scans re-hashed."""
    recorded: dict[int, str] = {}
    entries = Entry.objects.filter(office=office, kind="surat_masuk.dicatat").values_list("data", flat=True)
    for data in entries.iterator(chunk_size=2000):
        if isinstance(data, dict) and "letter" in data:
            recorded[data["letter"]] = data.get("scan_sha256") or ""
    rows = IncomingLetter.objects.filter(office=office).order_by("pk").values_list("pk", "scan", "scan_sha256")
    for pk, scan, scan_sha256 in rows.iterator(chunk_size=2000):
        where = f"IncomingLetter id {pk}"
        if pk not in recorded:
            yield Problem(office.code, "surat masuk tidak tercatat di jejak", where)
            continue
        if recorded.pop(pk) != (scan_sha256 or ""):
            yield Problem(office.code, "SHA-256 pindaian tidak sama dengan yang tercatat di jejak", where)
        if files and scan:
            actual = file_sha256(scan)
            if actual is None:
                yield Problem(office.code, "berkas pindaian hilang", f"{where}, berkas {scan}")
            elif actual != scan_sha256:
                yield Problem(office.code, "isi berkas pindaian diganti", f"{where}, berkas {scan}")
    for pk in recorded:
        yield Problem(office.code, "surat masuk tercatat di jejak tetapi barisnya tidak ada", f"IncomingLetter id {pk}")


def verify_runs(runs: Iterable[Run], *, office_codes: dict[int, str], files: bool = True) -> Iterator[
        tuple[Run, list[Problem]]]:
    cores = _Cores()
    for run in runs:
        yield run, verify_run(run, core=cores(run), office_code=office_codes.get(run.office_id, "?"), files=files)


@register
def check_office(office, *, files: bool = True) -> Iterator[Problem]:
    """The records check `alur audit verify` runs for each office."""
    yield from verify_letters(office, files=files)
    for _run, problems in verify_runs(iter_runs(Run.objects.filter(office=office)),
                                      office_codes={office.pk: office.code}, files=files):
        yield from problems
