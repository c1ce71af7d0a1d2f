"""The run's trail as sentences a person reads: who (and in which SOP column) did what, at which
step, when — "Dewi Lestari (Perencana) mengunggah versi 3 dokumen utama pada langkah 6 — 24 Nov
15:26". The hash chain stays available, folded away, for whoever checks it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from alur.audit.sentences import describe, register
from alur.core.kinerja.periods import subject_label
from alur.org.models import Employee

from .models import Disposition, Run


@dataclass
class TrailRow:
    entry: object
    who: str
    text: str
    when: str


def trail_rows(run: Run, entries) -> list[TrailRow]:
    """One sentence per trail entry of the run (two statements beside the entries: people, tasks)."""
    entries = list(entries)
    people = {e.user_id: e for e in Employee.objects.filter(user_id__in={x.user_id for x in entries if x.user_id})}
    tasks = {t.engine_id: t for t in run.tasks.all()}
    core = run.revision.as_core()
    steps = {s.no: s for s in core.steps}
    rows = []
    for entry in entries:
        data = entry.data or {}
        action = data.get("action") or {}
        task = tasks.get(action.get("task_id") if action else data.get("task"))
        person = people.get(entry.user_id)
        who = person.name if person else (_("sistem") if entry.user_id is None else _("pengguna"))
        if task is not None:
            who = f"{who} ({task.actor})"
        step = steps.get(task.step_no) if task is not None else None
        rows.append(TrailRow(entry=entry, who=who, text=describe(entry.kind, data, step=step, steps=steps),
                             when=formats.date_format(timezone.localtime(entry.at), "j M Y H:i")))
    return rows


def step_text(step) -> str:
    """How a sentence names a step: "langkah 6 (Menyusun …)" (also used by the documents' sentence)."""
    if step is None:
        return ""
    kegiatan = step.kegiatan if len(step.kegiatan) <= 60 else step.kegiatan[:59] + "…"
    return _("langkah %(no)s (%(k)s)") % {"no": step.no, "k": kegiatan}


# The sentences of the kinds runs records; each gets the task's `step` and the SOP's `steps` (see trail_rows).

@register("alur.start")
def _start(data, **_context):
    sentence = _("memulai alur menurut SOP %(sop)s") % {"sop": data.get("sop", "")}
    period = data.get("about")
    if period:  # the subject chosen at start (issue 18): "… tentang Triwulan III 2026"
        sentence += " " + _("tentang %(what)s") % {"what": subject_label(period[0], period[1])}
    return sentence


@register("alur.cancel")
def _cancel(data, **_context):
    return _("membatalkan alur: “%(r)s”") % {"r": _action(data).get("reason", "")}


@register("alur.reassign")
def _reassign(data, *, step=None, **_context):
    return _("mengalihkan tugas %(step)s kepada pegawai NIP %(to)s: “%(r)s”") % {
        "step": step_text(step), "to": data.get("to", ""), "r": _action(data).get("reason", "")}


@register("alur.decide")
def _decide(data, *, step=None, steps=None, **_context):
    action = _action(data)
    if action.get("approve"):
        return _("menyetujui (Ya) %(step)s") % {"step": step_text(step)}
    target = (steps or {}).get(step.next_no) if step is not None and step.next_no else None
    return _("mengembalikan (Tidak) dari %(step)s ke %(to)s: “%(r)s”") % {
        "step": step_text(step), "to": step_text(target), "r": action.get("reason", "")}


@register("alur.return")
def _return(data, *, step=None, steps=None, **_context):
    action = _action(data)
    return _("mengembalikan dokumen dari %(step)s ke %(to)s: “%(r)s”") % {
        "step": step_text(step), "to": step_text((steps or {}).get(action.get("to_step"))),
        "r": action.get("reason", "")}


@register("alur.complete")
def _complete(data, *, step=None, **_context):
    return _completed(data, step_text(step))


@register("dokumen.diunggah")
def _uploaded(data, *, step=None, **_context):
    what = _("notulen") if data.get("role") == "notulen" else _("dokumen")
    return _("mengunggah versi %(v)s %(what)s pada %(step)s") % {"v": data.get("version"), "what": what,
                                                                 "step": step_text(step)}


@register("dokumen.paraf")
def _initialled(data, *, step=None, **_context):
    return _("memaraf versi %(v)s dokumen pada %(step)s") % {"v": data.get("version"), "step": step_text(step)}


@register("dokumen.tanda_tangan")
def _signed(data, **_context):
    sentence = _("menandatangani versi %(v)s dokumen sebagai %(t)s") % {"v": data.get("version"),
                                                                        "t": data.get("title", "")}
    gaps = data.get("confirmed_gaps")
    if gaps:  # signed over missing data, confirmed explicitly (issue 18 item 4)
        sentence += ", " + _("dengan konfirmasi walaupun %(n)s bagian tanpa data") % {"n": len(gaps)}
    return sentence


@register("nomor.diambil")
def _numbered(data, **_context):
    return _("mengambil nomor surat keluar %(n)s") % {"n": data.get("number", "")}


@register("disposisi.diterima")
def _disposition_received(data, **_context):
    return _("menandai diterima disposisi untuk %(p)s") % {"p": data.get("position", "")}


def _action(data: dict) -> dict:
    return data.get("action") or {}


def _completed(data: dict, at_step: str) -> str:
    if "disposisi" in data:
        sheet = data["disposisi"]
        labels = dict(Disposition.Instruction.choices)
        instructions = ", ".join(str(labels.get(code, code)).lower() for code in sheet.get("instruksi", []))
        return _("menulis disposisi kepada %(to)s (%(i)s) pada %(step)s") % {
            "to": ", ".join(sheet.get("to", [])), "i": instructions, "step": at_step}
    if "hadir" in data:
        present = _("hadir") if data["hadir"] else _("tidak hadir")
        return _("mengonfirmasi %(p)s dalam rapat %(step)s") % {"p": present, "step": at_step}
    if "dispatch" in data:
        return _("mencatat distribusi dan arsip pada %(step)s") % {"step": at_step}
    return _("menyelesaikan %(step)s") % {"step": at_step}
