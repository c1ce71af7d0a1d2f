"""The run's trail as sentences a person reads: who (and in which SOP column) did what, at which
step, when — "Dewi Lestari (Perencana) mengunggah versi 3 dokumen utama pada langkah 6 — 24 Nov
15:26". The hash chain stays available, folded away, for whoever checks it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

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
        rows.append(TrailRow(entry=entry, who=who, text=_sentence(entry.kind, data, action, step, steps, people),
                             when=formats.date_format(timezone.localtime(entry.at), "j M Y H:i")))
    return rows


def _step_text(step) -> str:
    if step is None:
        return ""
    kegiatan = step.kegiatan if len(step.kegiatan) <= 60 else step.kegiatan[:59] + "…"
    return _("langkah %(no)s (%(k)s)") % {"no": step.no, "k": kegiatan}


def _sentence(kind: str, data: dict, action: dict, step, steps, people) -> str:
    at_step = _step_text(step)
    if kind == "alur.start":
        return _("memulai alur menurut SOP %(sop)s") % {"sop": data.get("sop", "")}
    if kind == "alur.cancel":
        return _("membatalkan alur: “%(r)s”") % {"r": action.get("reason", "")}
    if kind == "alur.reassign":
        return _("mengalihkan tugas %(step)s kepada pegawai NIP %(to)s: “%(r)s”") % {
            "step": at_step, "to": data.get("to", ""), "r": action.get("reason", "")}
    if kind == "alur.decide":
        if action.get("approve"):
            return _("menyetujui (Ya) %(step)s") % {"step": at_step}
        target = steps.get(step.next_no) if step is not None and step.next_no else None
        return _("mengembalikan (Tidak) dari %(step)s ke %(to)s: “%(r)s”") % {
            "step": at_step, "to": _step_text(target), "r": action.get("reason", "")}
    if kind == "alur.return":
        return _("mengembalikan dokumen dari %(step)s ke %(to)s: “%(r)s”") % {
            "step": at_step, "to": _step_text(steps.get(action.get("to_step"))), "r": action.get("reason", "")}
    if kind == "alur.complete":
        return _completed(data, at_step)
    if kind == "dokumen.diunggah":
        what = _("notulen") if data.get("role") == "notulen" else _("dokumen")
        return _("mengunggah versi %(v)s %(what)s pada %(step)s") % {"v": data.get("version"), "what": what,
                                                                     "step": at_step}
    if kind == "dokumen.paraf":
        return _("memaraf versi %(v)s dokumen pada %(step)s") % {"v": data.get("version"), "step": at_step}
    if kind == "dokumen.tanda_tangan":
        return _("menandatangani versi %(v)s dokumen sebagai %(t)s") % {"v": data.get("version"),
                                                                        "t": data.get("title", "")}
    if kind == "nomor.diambil":
        return _("mengambil nomor surat keluar %(n)s") % {"n": data.get("number", "")}
    if kind == "pengumpulan.dibuka":
        return _("membuka pengisian realisasi triwulan %(tw)s %(y)s sejak %(d)s (%(n)s indikator, %(u)s unit)") % {
            "tw": data.get("triwulan"), "y": data.get("tahun"), "d": data.get("dibuka"),
            "n": data.get("indikator"), "u": data.get("unit")}
    if kind == "pengumpulan.permintaan":
        return _("meminta %(unit)s mengisi realisasi triwulan %(tw)s %(y)s (%(n)s indikator)") % {
            "unit": data.get("unit"), "tw": data.get("triwulan"), "y": data.get("tahun"),
            "n": len(data.get("indikator") or [])}
    if kind == "disposisi.diterima":
        return _("menandai diterima disposisi untuk %(p)s") % {"p": data.get("position", "")}
    return kind


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
