"""The flow table: header rows, actor columns, step rows and their Mutu Baku cells.

The header's column positions are not trusted for Mutu Baku (the seed's headers are misaligned
with the cells): the Waktu cell is found by parsing, Kelengkapan is the cell before it, and the
cells after it are Output then Keterangan. Header positions are only used to read marks in the
actor columns when a row has exactly the header's width (a .docx where a step's actor cell holds
text such as "X" or "√").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alur.core.errors import ValidationError
from alur.core.sop.importer.identity import EMPTY_MARKS
from alur.core.sop.importer.lines import Line
from alur.core.sop.waktu import parse_waktu

_NO_CELL = re.compile(r"^(?:no\.?|nomor|no\s*urut)$", re.I)
_KEGIATAN_CELL = re.compile(
    r"^(?:kegiatan|aktivitas|aktifitas|uraian\s+kegiatan|uraian\s+prosedur|prosedur|uraian)$", re.I
)
_STEP_NO = re.compile(r"^(\d{1,3})\s*[.)]?$")
_STEP_NO_INLINE = re.compile(r"^(\d{1,3})\s*[.)]?\s+(\S.*)$", re.S)
_GROUP_HEADERS = re.compile(r"^(?:pelaksana|mutu\s*baku|keterangan|ket\.?|no\.?|kegiatan|aktivitas)$", re.I)
_KELENGKAPAN = re.compile(r"^(?:kelengkapan|persyaratan(?:\s*/\s*kelengkapan)?)$", re.I)
_WAKTU_HEAD = re.compile(r"^waktu$", re.I)
_OUTPUT_HEAD = re.compile(r"^(?:output|keluaran|hasil)$", re.I)
_MUTU_HEAD = re.compile(r"^mutu\s*baku$", re.I)
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$")
_WAKTU_MAX = 40  # parse_waktu is only tried on short cells


def is_step_header(line: Line) -> bool:
    cells = line.nonempty
    if len(cells) < 2 or len(cells) > 60:
        return False
    return bool(_NO_CELL.match(cells[0])) and any(_KEGIATAN_CELL.match(c) for c in cells[1:4])


@dataclass
class Header:
    line: int
    actors: list[str] = field(default_factory=list)
    actor_cols: dict[int, str] = field(default_factory=dict)  # column index -> actor (row 2)
    width: int = 0
    second_row: bool = False


def read_header(row1: Line, row2: Line | None) -> Header:
    """Actors = non-empty header names between Kegiatan and Mutu Baku/Kelengkapan, both rows."""
    header = Header(line=row1.no, width=len(row1.cells))
    found: list[tuple[int, int, str]] = []  # (column, row, name)
    keg = next((i for i, c in enumerate(row1.cells) if _KEGIATAN_CELL.match(c)), 1)
    end1 = next(
        (i for i, c in enumerate(row1.cells) if _MUTU_HEAD.match(c) or _KELENGKAPAN.match(c)),
        len(row1.cells),
    )
    for i in range(keg + 1, end1):
        name = row1.cells[i]
        if name and not _GROUP_HEADERS.match(name):
            found.append((i, 0, name))
    if row2 is not None:
        header.second_row = True
        header.width = max(header.width, len(row2.cells))
        end2 = next(
            (i for i, c in enumerate(row2.cells) if _KELENGKAPAN.match(c) or _WAKTU_HEAD.match(c)),
            len(row2.cells),
        )
        for i in range(0, end2):
            name = row2.cells[i]
            if name and not _GROUP_HEADERS.match(name):
                found.append((i, 1, name))
                header.actor_cols[i] = name
    for _, _, name in sorted(found, key=lambda t: (t[0], t[1])):
        if name not in header.actors:
            header.actors.append(name)
    if row2 is None:
        header.actor_cols = {i: n for i, _, n in found}
    return header


def is_second_header(line: Line) -> bool:
    cells = [c.lower() for c in line.nonempty]
    return any(_KELENGKAPAN.match(c) or _WAKTU_HEAD.match(c) or _OUTPUT_HEAD.match(c) for c in cells)


def is_numbering_row(line: Line) -> bool:
    cells = line.nonempty
    return len(cells) >= 3 and all(_NUMBERING_CELL.match(c) for c in cells)


def _empty(value: str) -> str:
    value = (value or "").strip()
    return "" if value in EMPTY_MARKS else value


def try_waktu(text: str):
    if not text or len(text) > _WAKTU_MAX:
        return None
    try:
        return parse_waktu(text)
    except (ValidationError, ValueError, OverflowError):
        return None


_WAKTU_LIKE = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*[^\d\s]")


@dataclass
class RawStep:
    no: int
    line: int
    kegiatan: str
    kelengkapan: str = ""
    waktu: dict | None = None
    waktu_text: str = ""
    waktu_line: int = 0
    output: str = ""
    keterangan: str = ""
    has_mutu: bool = False
    marked_actors: list[str] = field(default_factory=list)
    mutu_width: int = 0  # cells in the row that held the Mutu Baku, for continuation rows
    waktu_index: int = -1


def fill_mutu(step: RawStep, cells: list[str], start: int, line_no: int, warn) -> bool:
    """Read Kelengkapan/Waktu/Output/Keterangan from cells[start:]; False when there are none."""
    tail = cells[start:]
    if not any(tail):
        return False
    index = next((start + j for j, c in enumerate(tail) if try_waktu(c) is not None), None)
    parsed = index is not None
    if index is None:
        index = next(
            (start + j for j, c in enumerate(tail) if c and len(c) <= _WAKTU_MAX and _WAKTU_LIKE.match(c)),
            None,
        )
    if index is None:
        filled = [start + j for j, c in enumerate(tail) if c]
        if len(filled) >= 3:
            index = filled[1]
        else:
            values = [cells[i] for i in filled]
            step.kelengkapan = _empty(values[0]) if values else step.kelengkapan
            if len(values) > 1:
                step.output = _empty(values[1])
            step.has_mutu = True
            warn(line_no, f"steps.{step.no}.waktu", f"Langkah {step.no}: kolom Waktu tidak ditemukan.")
            return True
    step.waktu_text = cells[index]
    step.waktu_line = line_no
    step.waktu_index = index
    step.mutu_width = len(cells)
    waktu = try_waktu(cells[index]) if parsed else None
    step.waktu = waktu.to_dict() if waktu is not None else None
    if waktu is None:
        shown = cells[index] if len(cells[index]) <= 60 else cells[index][:60] + "…"
        warn(
            line_no,
            f"steps.{step.no}.waktu",
            f"Langkah {step.no}: Waktu {shown!r} tidak dapat dibaca; tulis mis. '30 Menit', '2 Jam', "
            "'1 Hari'.",
        )
    step.kelengkapan = _empty(cells[index - 1]) if index - 1 >= start else ""
    stray = [c for c in cells[start : index - 1] if len(c) > 3]
    if stray:
        shown = stray[0] if len(stray[0]) <= 60 else stray[0][:60] + "…"
        warn(
            line_no,
            f"steps.{step.no}",
            f"Langkah {step.no}: teks di kolom pelaksana diabaikan: {shown!r}.",
        )
    after = cells[index + 1 :]
    step.output = _empty(after[0]) if after else ""
    step.keterangan = _empty(after[1]) if len(after) > 1 else ""
    extra = [c for c in after[2:] if _empty(c)]
    if extra:
        step.keterangan = " ".join([step.keterangan, *extra]).strip()
        warn(
            line_no,
            f"steps.{step.no}.keterangan",
            f"Langkah {step.no}: ada sel tambahan setelah Keterangan; isinya digabung ke Keterangan.",
        )
    step.has_mutu = True
    return True


def read_steps(lines: list[Line], header: Header, warn) -> list[RawStep]:
    """Read the step rows of one SOP's table (the lines after its header rows)."""
    steps: list[RawStep] = []
    last: RawStep | None = None
    for line in lines:
        if line.blank or is_numbering_row(line) or is_step_header(line) or is_second_header(line):
            continue
        cells = list(line.cells)
        m = _STEP_NO.match(cells[0]) if cells and len(cells[0]) <= 8 else None
        if m is None and len(cells) == 1:
            inline = _STEP_NO_INLINE.match(cells[0]) if len(cells[0]) < 100_000 else None
            if inline:
                split = re.split(r"\s{2,}", inline.group(2).strip())
                cells = [inline.group(1), *split]
                m = _STEP_NO.match(cells[0])
                if len(split) < 3:
                    no = int(inline.group(1))
                    step = RawStep(no=no, line=line.no, kegiatan=split[0].strip() if split else "")
                    steps.append(step)
                    last = step
                    if len(split) > 1:
                        fill_mutu(step, cells, 2, line.no, warn)
                    else:
                        warn(
                            line.no,
                            f"steps.{no}",
                            f"Langkah {no}: kolom Mutu Baku tidak terbaca (baris tanpa pemisah tab).",
                        )
                    continue
        if m is not None:
            no = int(m.group(1))
            step = RawStep(no=no, line=line.no, kegiatan=cells[1] if len(cells) > 1 else "")
            _read_marks(step, cells, header)
            fill_mutu(step, cells, 2, line.no, warn)
            steps.append(step)
            last = step
            continue
        # a line without a step number: the rest of a row split by a page break, or noise
        if last is not None and len(cells) > 1:
            if cells[1] and not any(cells[2:]):
                last.kegiatan = f"{last.kegiatan} {cells[1]}".strip()
                continue
            if not last.has_mutu:
                if cells[1]:
                    last.kegiatan = f"{last.kegiatan} {cells[1]}".strip()
                if fill_mutu(last, cells, 2, line.no, warn):
                    continue
            elif _append_wrapped(last, cells):
                continue
        shown = line.text if len(line.text) <= 80 else line.text[:80] + "…"
        warn(line.no, "steps", f"Baris tabel langkah tidak dapat dibaca: {shown!r}.")
    return steps


def _append_wrapped(step: RawStep, cells: list[str]) -> bool:
    """Cells of a row that continued on the next line: append them by the row's Waktu column."""
    if step.waktu_index < 0 or len(cells) != step.mutu_width or cells[step.waktu_index]:
        return False
    targets = {
        step.waktu_index - 1: "kelengkapan",
        step.waktu_index + 1: "output",
        step.waktu_index + 2: "keterangan",
    }
    used = False
    for i, value in enumerate(cells):
        value = _empty(value)
        if not value:
            continue
        name = targets.get(i)
        if name is None:
            return False
        setattr(step, name, f"{getattr(step, name)} {value}".strip())
        used = True
    return used


def _read_marks(step: RawStep, cells: list[str], header: Header) -> None:
    if not header.actor_cols or len(cells) != header.width:
        return
    for index, actor in header.actor_cols.items():
        if index < len(cells) and index > 1 and cells[index] and len(cells[index]) <= 3:
            step.marked_actors.append(actor)
