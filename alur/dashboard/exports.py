"""The event log of an SOP's runs (XES, IEEE 1849-2016, and CSV) and the pages' tables as XLSX.

Event log: one trace per run, one event per task start and per task completion, with the actor,
the position, the outcome of a decision and the lifecycle transition, so that process-mining tools
(ProM, pm4py, Disco) open it. The activity name of an event is its step: "3. <Kegiatan>". Rows
are streamed from the database run by run; memory stays flat however many runs there are.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import quoteattr

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl.utils import get_column_letter

from alur.kit.exports import csv_writer, new_workbook, workbook_bytes
from alur.runs.models import Run, Task
from alur.sop.models import Sop, SopRevision

XES_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
<global scope="trace"><string key="concept:name" value="__INVALID__"/></global>
<global scope="event"><string key="concept:name" value="__INVALID__"/>
<string key="lifecycle:transition" value="complete"/></global>
<classifier name="Activity" keys="concept:name"/>
<classifier name="Activity and transition" keys="concept:name lifecycle:transition"/>
"""

CSV_HEADER = ["case_id", "keperluan", "activity", "langkah", "lifecycle", "timestamp", "resource", "jabatan",
              "hasil", "iterasi"]


def activity_name(step_no: int, kegiatan: str) -> str:
    return f"{step_no}. {' '.join(kegiatan.split())}"


def events(sop: Sop, runs=None) -> Iterator[tuple[Run, list[dict]]]:
    """(run, its events in time order) for the SOP's runs (all, or the queryset `runs`)."""
    runs = runs if runs is not None else Run.objects.filter(revision__sop=sop)
    names: dict[int, dict[int, str]] = {}
    for revision in SopRevision.objects.filter(sop=sop):
        names[revision.pk] = {s.no: activity_name(s.no, s.kegiatan) for s in revision.as_core().steps}
    tasks = (Task.objects.filter(run__in=runs).exclude(status=Task.Status.DIBATALKAN)
             .select_related("run", "assignee", "position").order_by("run_id", "engine_id"))
    current, batch = None, []
    for task in tasks.iterator(chunk_size=2000):
        if current is not None and task.run_id != current.pk:
            yield current, sorted(batch, key=lambda e: (e["time"], e["order"]))
            batch = []
        current = task.run
        base = {"activity": names[current.revision_id].get(task.step_no, activity_name(task.step_no, "")),
                "step": task.step_no, "resource": task.assignee.name if task.assignee else "",
                "role": task.position.name if task.position else task.actor, "iteration": task.iteration}
        batch.append({**base, "lifecycle": "start", "time": task.opened_at, "outcome": "", "order": 2 * task.engine_id})
        if task.closed_at:
            batch.append({**base, "lifecycle": "complete", "time": task.closed_at, "outcome": task.outcome,
                          "order": 2 * task.engine_id + 1})
    if current is not None:
        yield current, sorted(batch, key=lambda e: (e["time"], e["order"]))


def _attr(kind: str, key: str, value) -> str:
    return f"<{kind} key={quoteattr(key)} value={quoteattr(str(value))}/>"


def xes_lines(sop: Sop, runs=None) -> Iterator[str]:
    yield XES_HEADER
    yield _attr("string", "concept:name", sop.current_revision().nama) + "\n"
    for run, run_events in events(sop, runs):
        yield "<trace>" + _attr("string", "concept:name", f"alur-{run.pk}") + _attr("string", "keperluan", run.purpose)
        for e in run_events:
            yield ("<event>" + _attr("string", "concept:name", e["activity"])
                   + _attr("string", "lifecycle:transition", e["lifecycle"])
                   + _attr("date", "time:timestamp", e["time"].isoformat())
                   + _attr("string", "org:resource", e["resource"]) + _attr("string", "org:role", e["role"])
                   + (_attr("string", "hasil", e["outcome"]) if e["outcome"] else "")
                   + _attr("int", "iterasi", e["iteration"]) + "</event>")
        yield "</trace>\n"
    yield "</log>\n"


def csv_lines(sop: Sop, runs=None) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv_writer(buffer)  # a purpose or a name typed as "=…" stays text (a leading ')

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADER)
    yield flush()
    for run, run_events in events(sop, runs):
        for e in run_events:
            writer.writerow([f"alur-{run.pk}", run.purpose, e["activity"], e["step"], e["lifecycle"],
                             e["time"].isoformat(), e["resource"], e["role"], e["outcome"], e["iteration"]])
        yield flush()


def event_log_response(sop: Sop, fmt: str, runs=None) -> StreamingHttpResponse:
    lines, content_type = ((xes_lines(sop, runs), "application/xml") if fmt == "xes"
                           else (csv_lines(sop, runs), "text/csv; charset=utf-8"))
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="log-{sop.slug}.{fmt}"'
    return response


def xlsx_response(filename: str, tables: Iterable[tuple[str, list[str], Iterable[Iterable]]]) -> HttpResponse:
    """One worksheet per (title, headers, rows); titles are cut to Excel's 31 characters."""
    workbook = new_workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in tables:
        sheet = workbook.create_sheet(_sheet_title(title, workbook.sheetnames))
        sheet.append(headers)
        for row in rows:
            sheet.append([_cell(value) for value in row])
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(header) + 4))
    if not workbook.sheetnames:
        workbook.create_sheet("Kosong")
    response = HttpResponse(workbook_bytes(workbook),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _sheet_title(title: str, taken: list[str]) -> str:
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Tabel"
    candidate, n = clean, 2
    while candidate in taken:
        candidate, n = f"{clean[:28]} {n}", n + 1
    return candidate


def _cell(value):
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: local wall clock
    return value
