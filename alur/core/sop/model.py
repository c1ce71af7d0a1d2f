"""The SOP as plain data (PermenPAN-RB 35/2012 SOP AP), with no framework import.

An `Sop` is the process *spec*: immutable once approved, knowing nothing of runs. The dict form
(`to_dict` / `from_dict`) is the contract shared by the YAML files, the importer's `--json`
output, the database (stored as JSON per revision) and the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .kinds import Act, KindValue, act_of


class StepKind(StrEnum):
    TERMINATOR = "terminator"  # capsule: first and last step
    PROCESS = "process"  # rectangle
    DECISION = "decision"  # diamond, with Ya / Tidak exits


class WaktuUnit(StrEnum):
    MENIT = "menit"
    JAM = "jam"
    HARI = "hari"  # working days


@dataclass(frozen=True)
class Waktu:
    amount: float
    unit: WaktuUnit

    def __str__(self) -> str:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return f"{amount} {self.unit.value.capitalize()}"

    def to_dict(self) -> dict:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return {"amount": amount, "unit": self.unit.value}


@dataclass(frozen=True)
class Approver:
    jabatan: str = ""
    nama: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Step:
    no: int
    kegiatan: str
    kind: StepKind = StepKind.PROCESS
    actors: tuple[str, ...] = ()
    act: Act | KindValue = Act.KERJA  # a registered kind (alur.core.sop.kinds)
    kelengkapan: str = ""
    waktu: Waktu | None = None
    output: str = ""
    keterangan: str = ""
    sop_links: tuple[str, ...] = ()  # other SOPs named in Keterangan ("SOP Caraka")
    next_yes: int | None = None  # decisions only: the step reached on "Ya"
    next_no: int | None = None  # decisions only: the step reached on "Tidak"
    actor_reason: str = ""  # why this actor column was chosen (the seed lost its symbols)
    actor_confirmed: bool = False  # False: shown as "perlu dikonfirmasi"
    corrections: tuple[tuple[str, str], ...] = ()  # (field, original text) of corrected typos

    @property
    def is_decision(self) -> bool:
        return self.kind == StepKind.DECISION


@dataclass(frozen=True)
class Sop:
    nomor: str
    nama: str
    tanggal_pembuatan: date | None = None
    tanggal_revisi: date | None = None
    tanggal_pengesahan: date | None = None
    disahkan_oleh: Approver = field(default_factory=Approver)
    dasar_hukum: tuple[str, ...] = ()
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # ordered actor columns, as headed in the SOP
    steps: tuple[Step, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()  # (field path e.g. "dasar_hukum[2]", original text)
    tanggal_efektif: date | None = None  # only where the source names one ("Tgl Efektif")

    def step(self, no: int) -> Step:
        for step in self.steps:
            if step.no == no:
                return step
        raise KeyError(no)

    def successors(self, no: int) -> tuple[int, ...]:
        """Steps reached from step `no`: Ya then Tidak for a decision, else the next step."""
        step = self.step(no)
        if step.is_decision:
            return tuple(n for n in (step.next_yes, step.next_no) if n is not None)
        following = [s.no for s in self.steps if s.no > no]
        return (min(following),) if following else ()

    def with_steps(self, steps) -> Sop:
        return replace(self, steps=tuple(steps))

    # -- dict contract -----------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "nomor": self.nomor,
            "nama": self.nama,
            "tanggal_pembuatan": _iso(self.tanggal_pembuatan),
            "tanggal_revisi": _iso(self.tanggal_revisi),
            "tanggal_pengesahan": _iso(self.tanggal_pengesahan),
            "disahkan_oleh": {
                "jabatan": self.disahkan_oleh.jabatan,
                "nama": self.disahkan_oleh.nama,
                "nip": self.disahkan_oleh.nip,
            },
            "dasar_hukum": list(self.dasar_hukum),
            "kualifikasi_pelaksana": list(self.kualifikasi_pelaksana),
            "keterkaitan": list(self.keterkaitan),
            "peralatan": list(self.peralatan),
            "peringatan": list(self.peringatan),
            "pencatatan": list(self.pencatatan),
            "actors": list(self.actors),
            "steps": [_step_to_dict(s) for s in self.steps],
            "corrections": [{"field": f, "original": o} for f, o in self.corrections],
            # only when set: the stored SOPs without one keep their exact data
            **({"tanggal_efektif": _iso(self.tanggal_efektif)} if self.tanggal_efektif else {}),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Sop:
        """Build from the dict contract. Expects already-validated data (see validate.py)."""
        approver = data.get("disahkan_oleh") or {}
        return cls(
            nomor=data.get("nomor") or "",
            nama=data.get("nama") or "",
            tanggal_pembuatan=_date(data.get("tanggal_pembuatan")),
            tanggal_revisi=_date(data.get("tanggal_revisi")),
            tanggal_pengesahan=_date(data.get("tanggal_pengesahan")),
            disahkan_oleh=Approver(
                jabatan=approver.get("jabatan") or "",
                nama=approver.get("nama") or "",
                nip=approver.get("nip") or "",
            ),
            dasar_hukum=tuple(data.get("dasar_hukum") or ()),
            kualifikasi_pelaksana=tuple(data.get("kualifikasi_pelaksana") or ()),
            keterkaitan=tuple(data.get("keterkaitan") or ()),
            peralatan=tuple(data.get("peralatan") or ()),
            peringatan=tuple(data.get("peringatan") or ()),
            pencatatan=tuple(data.get("pencatatan") or ()),
            actors=tuple(data.get("actors") or ()),
            steps=tuple(_step_from_dict(s) for s in data.get("steps") or ()),
            corrections=tuple((c["field"], c["original"]) for c in data.get("corrections") or ()),
            tanggal_efektif=_date(data.get("tanggal_efektif")),
        )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _step_to_dict(step: Step) -> dict:
    return {
        "no": step.no,
        "kegiatan": step.kegiatan,
        "kind": step.kind.value,
        "actors": list(step.actors),
        "act": step.act.value,
        "actor_reason": step.actor_reason,
        "actor_confirmed": step.actor_confirmed,
        "kelengkapan": step.kelengkapan,
        "waktu": step.waktu.to_dict() if step.waktu else None,
        "output": step.output,
        "keterangan": step.keterangan,
        "sop_links": list(step.sop_links),
        "next_yes": step.next_yes,
        "next_no": step.next_no,
        "corrections": [{"field": f, "original": o} for f, o in step.corrections],
    }


def _step_from_dict(data: dict) -> Step:
    waktu = data.get("waktu")
    return Step(
        no=int(data["no"]),
        kegiatan=data.get("kegiatan") or "",
        kind=StepKind(data.get("kind") or "process"),
        actors=tuple(data.get("actors") or ()),
        act=act_of(data.get("act") or "kerja"),
        kelengkapan=data.get("kelengkapan") or "",
        waktu=Waktu(float(waktu["amount"]), WaktuUnit(waktu["unit"])) if waktu else None,
        output=data.get("output") or "",
        keterangan=data.get("keterangan") or "",
        sop_links=tuple(data.get("sop_links") or ()),
        next_yes=data.get("next_yes"),
        next_no=data.get("next_no"),
        actor_reason=data.get("actor_reason") or "",
        actor_confirmed=bool(data.get("actor_confirmed", False)),
        corrections=tuple((c["field"], c["original"]) for c in data.get("corrections") or ()),
    )
