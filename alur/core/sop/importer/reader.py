"""Split the lines into SOPs and read each one into the importer's dict shape."""

from __future__ import annotations

import logging
import re

from alur.core.sop.importer.actors import ActorGuesser, may_send_back
from alur.core.sop.importer.checks import cross_sop_approver, find_typos, nip_problem
from alur.core.sop.importer.identity import (
    APPROVER,
    FIELD_LABELS,
    LIST,
    LIST_FIELDS,
    NIP_RE,
    SCALAR,
    is_title,
    match_label,
    parse_approver,
    parse_tanggal,
    split_items,
)
from alur.core.sop.importer.lines import Line
from alur.core.sop.importer.steps import (
    RawStep,
    is_second_header,
    is_step_header,
    read_header,
    read_steps,
)

INTERNAL = "kesalahan internal importer"
_SOP_LINK = re.compile(r"\bSOP\b.*?(?=\s+(?:dan|serta|&)\s+SOP\b|[,;]|$)", re.I)
_MAX_KOP = 10


logger = logging.getLogger(__name__)

def warning(line: int, field: str, message: str) -> dict:
    return {"line": int(line or 0), "field": field, "message": message}


# -- segmentation ------------------------------------------------------------------------------


def _is_nomor_line(line: Line) -> bool:
    for cell in line.cells[:6]:
        if cell and len(cell) < 400:
            m = match_label(cell)
            if m and m[0] == "nomor":
                return True
    return False


def _is_kop(line: Line) -> bool:
    cells = line.nonempty
    if len(cells) != 1:
        return False
    text = cells[0]
    if len(text) > 120 or ":" in text or text[:1].isdigit():
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _kop_start(lines: list[Line], index: int, floor: int) -> int:
    """First line of the office header block right above line `index` (not below `floor`)."""
    start = index
    kop = 0
    i = index - 1
    while i >= floor and kop < _MAX_KOP:
        line = lines[i]
        if line.blank:
            i -= 1
            continue
        if not _is_kop(line):
            break
        kop += 1
        start = i
        i -= 1
    return start


def segments(lines: list[Line]) -> tuple[list[tuple[int, int]], list[dict]]:
    """[(start, end)) line-index ranges, one per SOP, and file-level warnings."""
    starts = [i for i, line in enumerate(lines) if _is_nomor_line(line)]
    notes: list[dict] = []
    if not starts:
        header = next((i for i, line in enumerate(lines) if is_step_header(line)), None)
        if header is None:
            first = next((line.no for line in lines if not line.blank), 1)
            notes.append(
                warning(
                    first,
                    "",
                    "Tidak ditemukan SOP dalam berkas: tidak ada label 'Nomor SOP' maupun tabel langkah "
                    "(No | Kegiatan …).",
                )
            )
            return [], notes
        return [(0, len(lines))], notes
    bounds: list[int] = []
    floor = 0
    for s in starts:
        bounds.append(_kop_start(lines, s, floor))
        floor = s + 1
    preamble = [line for line in lines[: bounds[0]] if not line.blank]
    if preamble:
        notes.append(
            warning(
                preamble[0].no,
                "",
                f"{len(preamble)} baris sebelum SOP pertama diabaikan (bukan bagian identitas maupun kop).",
            )
        )
    ranges = [(bounds[k], bounds[k + 1] if k + 1 < len(bounds) else len(lines)) for k in range(len(bounds))]
    return ranges, notes


# -- one SOP ------------------------------------------------------------------------------------


class SopReader:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.warnings: list[dict] = []
        self.values: dict[str, str] = {}
        self.label_line: dict[str, int] = {}
        self.lists: dict[str, list[str]] = {f: [] for f in LIST_FIELDS}
        self.list_lines: dict[str, list[int]] = {f: [] for f in LIST_FIELDS}
        self.last_numbered: dict[str, bool] = {}
        self.section: tuple | None = None
        self.orphans: list[tuple[int, str]] = []
        self.approver_parts: list[tuple[int, str]] = []
        self.first_line = next((line.no for line in lines if not line.blank), lines[0].no if lines else 1)
        self.approver_info: dict = {}

    def warn(self, line: int, field: str, message: str) -> None:
        self.warnings.append(warning(line, field, message))

    # -- identity ------------------------------------------------------------------------------
    def read_identity(self, lines: list[Line]) -> None:
        for line in lines:
            if line.blank:
                continue
            if is_title(line):
                self._flush_orphans()
                self.section = None
                continue
            cells = line.cells
            if any(c and len(c) < 400 and NIP_RE.match(c) for c in cells) and self.section != (APPROVER,):
                self.approver_parts.extend(self.orphans)
                self.orphans = []
                self.approver_parts.append((line.no, line.text))
                continue
            labels = []
            for i, cell in enumerate(cells[:20]):
                if cell:
                    m = match_label(cell)
                    if m:
                        labels.append((i, m))
            if labels:
                self._flush_orphans()
                self._labels(line, labels)
            else:
                self._content(line)
        self._flush_orphans()

    def _labels(self, line: Line, labels: list) -> None:
        list_cols = []
        self.section = None
        for k, (i, (field, kind, value)) in enumerate(labels):
            end = labels[k + 1][0] if k + 1 < len(labels) else len(line.cells)
            value_paras = [p for j in range(i + 1, end) for p in line.paras[j]]
            if value_paras and value_paras[0].startswith(":"):
                value_paras[0] = value_paras[0][1:].strip()
            value_paras = [p for p in value_paras if p]
            if field not in self.label_line:
                self.label_line[field] = line.no
            elif kind != LIST or self.lists.get(field):
                self.warn(line.no, field, f"Label {FIELD_LABELS.get(field, field)} muncul lebih dari sekali.")
            if kind == SCALAR:
                full = value or " ".join(value_paras)
                if full:
                    self.values[field] = full
                self.section = (SCALAR, field, bool(full))
            elif kind == APPROVER:
                self.approver_parts = [(line.no, value)] if value else []
                self.approver_parts += [(line.no, p) for p in value_paras]
                self.section = (APPROVER,)
            else:
                self._add_items(field, ([value] if value else []) + value_paras, line.no)
                list_cols.append((field, i))
        if list_cols:
            if len(list_cols) == 1:
                list_cols = [(list_cols[0][0], None)]
            self.section = (LIST, list_cols)

    def _content(self, line: Line) -> None:
        section = self.section
        text = line.text
        if section is None:
            if self.label_line:  # before the first label: the office header (kop), ignored
                self.orphans.append((line.no, text))
        elif section[0] == SCALAR:
            if section[2]:
                self.orphans.append((line.no, text))
            else:
                self.values[section[1]] = text
                self.section = (SCALAR, section[1], True)
        elif section[0] == APPROVER:
            if any(len(p) > 1 for p in line.paras):
                self.approver_parts += [(line.no, p) for ps in line.paras for p in ps]
            else:
                self.approver_parts.append((line.no, text))
        else:
            cols = section[1]
            if cols[0][1] is None:
                if any(len(p) > 1 for p in line.paras):
                    texts = [p for ps in line.paras for p in ps]
                else:
                    texts = [text]
                self._add_items(cols[0][0], texts, line.no)
                return
            for j, cell in enumerate(line.cells):
                if not cell:
                    continue
                owner = cols[0][0]
                for field, index in cols:
                    if index <= j:
                        owner = field
                self._add_items(owner, line.paras[j] or [cell], line.no)

    def _add_items(self, field: str, texts: list[str], line_no: int) -> None:
        items = self.lists[field]
        for text in texts:
            for numbered, item in split_items(text):
                if not numbered and items and self.last_numbered.get(field) and item[:1].islower():
                    items[-1] = f"{items[-1]} {item}"
                    continue
                items.append(item)
                self.list_lines[field].append(line_no)
                self.last_numbered[field] = numbered

    def _flush_orphans(self) -> None:
        for line_no, text in self.orphans:
            shown = text if len(text) <= 80 else text[:80] + "…"
            self.warn(line_no, "", f"Baris tidak dikenali pada bagian identitas SOP, diabaikan: {shown!r}.")
        self.orphans = []

    # -- the whole SOP ---------------------------------------------------------------------------
    def read(self) -> dict:
        lines = self.lines
        header_at = next((i for i, line in enumerate(lines) if is_step_header(line)), None)
        identity = lines if header_at is None else lines[:header_at]
        self.read_identity(identity)
        sop = self._identity_dict()
        steps: list[RawStep] = []
        actors: list[str] = []
        header_line = self.first_line
        if header_at is None:
            self.warn(
                self.first_line, "steps", "Tabel langkah (No | Kegiatan | … | Mutu Baku) tidak ditemukan."
            )
        else:
            row1 = lines[header_at]
            header_line = row1.no
            rest = lines[header_at + 1 :]
            row2 = None
            nonblank = next((k for k, line in enumerate(rest) if not line.blank), None)
            if nonblank is not None and is_second_header(rest[nonblank]):
                row2 = rest[nonblank]
                rest = rest[nonblank + 1 :]
            header = read_header(row1, row2)
            actors = header.actors
            if not actors:
                self.warn(row1.no, "actors", "Kolom pelaksana tidak ditemukan pada kepala tabel langkah.")
            steps = read_steps(rest, header, self.warn)
            if not steps:
                self.warn(row1.no, "steps", "Tabel langkah tidak berisi langkah bernomor.")
        sop["actors"] = actors
        sop["steps"] = self._steps(steps, actors)
        self._check(sop, header_line)
        sop["warnings"] = sorted(self.warnings, key=lambda w: w["line"])
        return sop

    def _identity_dict(self) -> dict:
        sop: dict = {
            "nomor": self.values.get("nomor", ""),
            "nama": self.values.get("nama", ""),
        }
        dates = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan")
        if "tanggal_efektif" in self.values:  # only where the source has the row
            dates += ("tanggal_efektif",)
        for field in dates:
            value, error = parse_tanggal(self.values.get(field, ""))
            sop[field] = value.isoformat() if value else None
            if error:
                self.warn(
                    self.label_line.get(field, self.first_line), field, f"{FIELD_LABELS[field]}: {error}"
                )
        office = {w for w in re.findall(r"[A-Z]{2,}", sop["nomor"])}
        approver = parse_approver(self.approver_parts, office)
        for line_no, field, message in approver.notes:
            self.warn(line_no, field, message)
        sop["disahkan_oleh"] = {"jabatan": approver.jabatan, "nama": approver.nama, "nip": approver.nip}
        self.approver_info = {
            "nama": approver.nama,
            "nama_key": approver.nama[len(approver.stamp) :].strip() if approver.stamp else approver.nama,
            "nip": approver.nip,
            "nip_text": approver.nip_text,
            "name_line": approver.name_line or approver.line or self.label_line.get("disahkan_oleh", 0),
            "nip_line": approver.nip_line or approver.line or self.label_line.get("disahkan_oleh", 0),
        }
        for field in LIST_FIELDS:
            sop[field] = list(self.lists[field])
        return sop

    def _steps(self, raws: list[RawStep], actors: list[str]) -> list[dict]:
        guesser = ActorGuesser(actors)
        out = []
        expected = 1
        seen: set[int] = set()
        for k, raw in enumerate(raws):
            if raw.no in seen:
                self.warn(raw.line, f"steps.{raw.no}", f"Nomor langkah {raw.no} ganda.")
            elif raw.no != expected:
                self.warn(
                    raw.line,
                    f"steps.{raw.no}",
                    f"Nomor langkah {raw.no} tidak berurutan (seharusnya {expected}).",
                )
            seen.add(raw.no)
            expected = raw.no + 1
            next_no = raws[k + 1].no if k + 1 < len(raws) else None
            guess = guesser.guess(raw.no, raw.kegiatan, k == 0, k == len(raws) - 1, next_no)
            step_actors = guess.actors
            reason = guess.reason
            if raw.marked_actors:
                step_actors = list(raw.marked_actors)
                reason = "Ditandai pada kolom pelaksana di tabel: " + ", ".join(step_actors) + "."
            if guess.kind != "decision" and may_send_back(raw.kegiatan):
                self.warn(
                    raw.line,
                    f"steps.{raw.no}.kind",
                    f"Langkah {raw.no} memungkinkan pengembalian untuk diperbaiki, tetapi tanpa cabang "
                    "Ya/Tidak yang jelas; pertimbangkan menjadikannya keputusan.",
                )
            if not raw.has_mutu:
                self.warn(raw.line, f"steps.{raw.no}", f"Langkah {raw.no}: kolom Mutu Baku tidak ditemukan.")
            out.append(
                {
                    "no": raw.no,
                    "kegiatan": raw.kegiatan,
                    "kind": guess.kind,
                    "actors": step_actors,
                    "act": guess.act,
                    "actor_reason": reason,
                    "actor_confirmed": False,
                    "kelengkapan": raw.kelengkapan,
                    "waktu": raw.waktu,
                    "output": raw.output,
                    "keterangan": raw.keterangan,
                    "sop_links": sop_links(raw.keterangan),
                    "next_yes": guess.next_yes,
                    "next_no": guess.next_no,
                    "_line": raw.line,
                }
            )
        return out

    def _check(self, sop: dict, header_line: int) -> None:
        first = self.first_line
        for field in ("nomor", "nama", "tanggal_pembuatan", "tanggal_pengesahan"):
            if not sop[field] and not any(w["field"] == field for w in self.warnings):
                self.warn(self.label_line.get(field, first), field, f"{FIELD_LABELS[field]} tidak ada.")
        approver = sop["disahkan_oleh"]
        approver_line = self.label_line.get("disahkan_oleh", first)
        for key in ("jabatan", "nama", "nip"):
            if not approver[key]:
                field = f"disahkan_oleh.{key}"
                if key == "nip" and self.approver_info.get("nip_text"):
                    self.warn(
                        self.approver_info["nip_line"],
                        field,
                        f"NIP {self.approver_info['nip_text']!r} tidak terbaca.",
                    )
                else:
                    self.warn(approver_line, field, f"{FIELD_LABELS[field]} tidak ada.")
        if approver["nip"]:
            problem = nip_problem(approver["nip"])
            if problem:
                self.warn(self.approver_info["nip_line"], "disahkan_oleh.nip", problem)
        for field in LIST_FIELDS:
            if not sop[field]:
                self.warn(self.label_line.get(field, first), field, f"{FIELD_LABELS[field]} kosong.")
        # known typos, reported where they stand
        checks: list[tuple[int, str, str]] = [
            (self.label_line.get("nomor", first), "nomor", sop["nomor"]),
            (self.label_line.get("nama", first), "nama", sop["nama"]),
            (approver_line, "disahkan_oleh.jabatan", approver["jabatan"]),
        ]
        for field in LIST_FIELDS:
            for index, item in enumerate(sop[field]):
                checks.append((self.list_lines[field][index], f"{field}.{index + 1}", item))
        for name in sop["actors"]:
            checks.append((header_line, "actors", name))
        for step in sop["steps"]:
            for key in ("kegiatan", "kelengkapan", "output", "keterangan"):
                checks.append((step["_line"], f"steps.{step['no']}.{key}", step[key]))
            if not step["kegiatan"]:
                self.warn(
                    step["_line"], f"steps.{step['no']}.kegiatan", f"Langkah {step['no']}: Kegiatan kosong."
                )
        found: dict[str, list] = {}  # typo (lower case) -> [written, meant, [(line, field)]]
        for line_no, field, text in checks:
            for written, meant in find_typos(text):
                entry = found.setdefault(written.lower(), [written, meant, []])
                entry[2].append((line_no, field))
        for written, meant, places in found.values():
            line_no, field = places[0]
            where = _field_name(field)
            if len(places) > 1:
                where += f" dan {len(places) - 1} tempat lain"
            self.warn(
                line_no, field, f"Kemungkinan salah ketik {written!r} (maksudnya {meant!r}?) pada {where}."
            )
        for step in sop["steps"]:
            step.pop("_line", None)


def _field_name(field: str) -> str:
    parts = field.split(".")
    if parts[0] == "steps" and len(parts) == 3:
        return f"langkah {parts[1]} ({parts[2].capitalize()})"
    if parts[0] in FIELD_LABELS and len(parts) == 2 and parts[1].isdigit():
        return f"{FIELD_LABELS[parts[0]]} no. {parts[1]}"
    if field == "actors":
        return "nama kolom pelaksana"
    return FIELD_LABELS.get(field, field)


def sop_links(keterangan: str) -> list[str]:
    if not keterangan or len(keterangan) > 2000:
        return []
    return [m.group(0).strip() for m in _SOP_LINK.finditer(keterangan) if len(m.group(0).strip()) > 4]


# -- all SOPs of a file ---------------------------------------------------------------------------


def read_lines(lines: list[Line]) -> tuple[list[dict], list[dict]]:
    """(sops, file-level warnings); never raises."""
    notes: list[dict] = []
    try:
        ranges, notes = segments(lines)
    except Exception as error:  # noqa: BLE001 - the importer reports, it never raises; a bug is logged
        logger.exception("SOP file segmentation failed unexpectedly")
        return [], [warning(1, "", f"Berkas tidak dapat dibaca ({INTERNAL}: {type(error).__name__}).")]
    sops: list[dict] = []
    infos: list[dict] = []
    for start, end in ranges:
        chunk = lines[start:end]
        first = next((line.no for line in chunk if not line.blank), chunk[0].no if chunk else 1)
        try:
            reader = SopReader(chunk)
            sop = reader.read()
            info = dict(reader.approver_info)
        except Exception as error:  # noqa: BLE001 - one unreadable SOP must not lose the others; logged
            logger.exception("SOP starting at line %s could not be read", first)
            sop = empty_sop()
            sop["warnings"] = [
                warning(
                    first,
                    "",
                    f"SOP mulai baris {first} tidak dapat dibaca ({INTERNAL}: {type(error).__name__}).",
                )
            ]
            info = {"nama": "", "nip": "", "name_line": first, "nip_line": first}
        info.update(index=len(sops), nomor=sop.get("nomor", ""))
        infos.append(info)
        sops.append(sop)
    try:
        for index, note in cross_sop_approver(infos):
            sops[index]["warnings"].append(note)
            sops[index]["warnings"].sort(key=lambda w: w["line"])
    except Exception as error:  # noqa: BLE001 - a report, never a reason to lose the SOPs read; logged
        logger.exception("cross-SOP approver check failed")
        notes.append(
            warning(1, "disahkan_oleh", f"Pemeriksaan antar-SOP gagal ({INTERNAL}: {type(error).__name__}).")
        )
    return sops, notes


def empty_sop() -> dict:
    return {
        "nomor": "",
        "nama": "",
        "tanggal_pembuatan": None,
        "tanggal_revisi": None,
        "tanggal_pengesahan": None,
        "disahkan_oleh": {"jabatan": "", "nama": "", "nip": ""},
        **{f: [] for f in LIST_FIELDS},
        "actors": [],
        "steps": [],
        "warnings": [],
    }
