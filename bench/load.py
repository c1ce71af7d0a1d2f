"""Load and fault probe: a real server on 127.0.0.1, real sessions, mixed work, then the books checked.

    .venv/bin/python -m bench.load --db postgres --clients 16 --seconds 60
    .venv/bin/python -m bench.load --db sqlite --clients 8 --seconds 60
    .venv/bin/python -m bench.load --db sqlite --kill-rounds 10          # kill -9 during bursts
    .venv/bin/python -m bench.load --db postgres --kill-rounds 10 --json

A throw-away database (a SQLite file in a temporary folder, WAL; or `--database-url`'s server with a
database of its own, `alur_load` by default, dropped and created) is migrated and loaded with the
demo office, its six SOPs, its performance data (alur.kinerja.demo: Renstra, targets, PKs, the
realisations of 2026 in flight) and `--clients` x 3 runs in progress (about 2025, see RUN_YEAR);
uploads go to a temporary MEDIA_ROOT.
The server is gunicorn (gthread: 2 workers x `--clients` threads, bounded) on 127.0.0.1 only, with
`alur.settings.dev` and DEBUG off. Every client is a thread with its own HTTP connection and the
session cookie of a real log-in (sessions created for the office's people), and does for
`--seconds` seconds one kind of work:

- half do kinerja writes on the realisations of 2026 triwulan III, each as the person entitled:
  `entry` clients correct a realisation (the entry form), add a note or a PDF as evidence (the htmx
  form) or submit it; `decide` clients verify or send back what was submitted (a planner) and
  approve or send back what was verified (the head); an `import` client downloads the realisation
  XLSX template, types one value and uploads it (applied); a `pk` client drafts a PK perubahan
  (planner) and signs it (head). A redirect's act is judged by the message the next page shows;
  two clients may act on the same realisation (the loser is told who did it, never a 500);
- of the other half, half complete tasks: read the inbox of the assignee of a random open task,
  then POST the task form with what the step asks for (alur.sim.simulate's sample completion: an
  upload, a disposisi, a decision, recipients...); two clients may pick the same task (the loser
  must be told, not a 500); a quarter register incoming letters (the letter form), a quarter start
  runs (the run-start form).

Printed afterwards: requests by outcome, server errors (5xx), "database is locked" seen in any
response or in the server log, transitions lost or duplicated (acts the clients saw succeed vs.
trail entries vs. rows: completions vs. `alur.complete`/`alur.decide` entries, letters vs. rows
vs. `surat_masuk.dicatat`, runs vs. rows vs. `alur.start`; every kinerja act vs. its trail kind,
evidence and PKs vs. their rows), every run replayed against its Task rows and state, and gaps in
agenda and outgoing numbers.

`--kill-rounds K`: K times, `--clients` completers (and half as many kinerja clients, at least two)
start a burst and, once they have completed as many tasks as there are clients (or after 5 x
`--burst` seconds), the server's process group is killed with SIGKILL at a random instant while
requests are in flight; then `alur audit verify`, `alur runs verify-replay` and `alur files orphans
--min-age 0` run and their results are printed; the server is restarted for the next round. Exit
status 1 when any figure is not zero or a check fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LOCKED = "database is locked"
# The runs are about the year before the kinerja clients' quarter (KINERJA_YEAR): a data-kinerja
# collection run then gathers 2025's triwulan IV, all approved in the demo, so the units'
# simulated hand-in (alur.sim.simulate) writes nothing and every kinerja act on the trail is one
# a client saw succeed (the books below count them exactly).
RUN_YEAR = 2025


@dataclass
class Tally:
    outcomes: Counter = field(default_factory=Counter)
    ok: Counter = field(default_factory=Counter)  # acts the client saw succeed, by kind
    errors: list = field(default_factory=list)  # (kind, status, excerpt) of 5xx
    locked: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, outcome: str, *, ok: bool = False, error=None, locked=False) -> None:
        with self.lock:
            self.outcomes[f"{kind}: {outcome}"] += 1
            if ok:
                self.ok[kind] += 1
            if error is not None and len(self.errors) < 20:
                self.errors.append(error)
            self.locked += locked


# -- set-up (this process is a Django process on the same database as the server) ---------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_recreate(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    admin = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(args, workdir: Path) -> dict:
    if args.db == "postgres":
        url = args.database_url
        _pg_recreate(url)
    else:
        url = f"sqlite:///{workdir / 'load.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(workdir / "media"), DJANGO_SETTINGS_MODULE="alur.settings.dev",
               DEBUG="0", ALLOWED_HOSTS="127.0.0.1,localhost", LOG_LEVEL="WARNING")
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from alur.kinerja.demo import load_demo_kinerja
    from alur.org.demo import load_demo_office
    from alur.runs import services
    from alur.sop.demo import load_demo_sops
    from alur.sop.models import SopRevision

    call_command("migrate", interactive=False, verbosity=0)
    office, _ = load_demo_office()
    load_demo_sops(office)
    load_demo_kinerja(office)
    admin = get_user_model().objects.get(username="admin")
    revisions = list(SopRevision.objects.filter(sop__office=office, status=SopRevision.Status.APPROVED))
    for i in range(args.clients * 3):
        services.run_start(revision=revisions[i % len(revisions)], user=admin, purpose=f"Uji beban {i + 1}",
                           year=RUN_YEAR)
    return env


def sessions() -> dict[str, str]:
    """A real log-in session (cookie value) for every person of the office."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    result = {}
    for user in get_user_model().objects.filter(employee__isnull=False):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        result[user.username] = store.session_key
    return result


class Server:
    def __init__(self, env: dict, port: int, threads: int, log: Path):
        self.env, self.port, self.threads, self.log = env, port, threads, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [str(BIN / "gunicorn"), "alur.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
                   "--worker-class", "gthread", "--workers", "2", "--threads", str(self.threads),
                   "--timeout", "120", "--graceful-timeout", "5"]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log,
                                            start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/akun/masuk/")
                if conn.getresponse().status < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start; see " + str(self.log))

    def kill9(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()


# -- clients ------------------------------------------------------------------------------------


class Browser:
    """One HTTP connection with a session cookie and the CSRF cookie, as a browser holds them."""

    def __init__(self, port: int, session: str):
        self.port, self.cookies = port, {"sessionid": session}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.used = 0.0

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "", extra: dict | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": f"http://127.0.0.1:{self.port}{path}", "Host": f"127.0.0.1:{self.port}",
                   **(extra or {})}
        if content_type:
            headers["Content-Type"] = content_type
        if time.monotonic() - self.used > 1.0:  # gunicorn closes idle keep-alive connections after 2 s
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.used = time.monotonic()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if name in ("csrftoken", "sessionid"):
                self.cookies[name] = value
            elif name == "messages":  # Django's messages (cookie storage): shown on the next page
                if value in ("", '""') or "max-age=0" in rest.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return response.status, response.headers.get("Location", ""), text

    def get(self, path):
        return self.request("GET", path)

    def get_bytes(self, path) -> tuple[int, bytes]:
        """A download (an XLSX template): status and body bytes."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": f"127.0.0.1:{self.port}"}
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.conn.request("GET", path, headers=headers)
        response = self.conn.getresponse()
        self.used = time.monotonic()
        return response.status, response.read()

    def post(self, path: str, fields: list[tuple[str, str]], files: list[tuple] = (), extra: dict | None = None):
        """`files`: (field, filename, bytes[, content type])."""
        fields = [("csrfmiddlewaretoken", self.cookies.get("csrftoken", "")), *fields]
        if not files:
            return self.request("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded", extra)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, data, *kind in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: {kind[0] if kind else 'application/pdf'}\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}", extra)


def _record(tally: Tally, kind: str, status: int, location: str, text: str, success: re.Pattern,
            refused: str | None = None) -> None:
    """A redirect matching `success` (or, with `refused`, any redirect not back to `refused`) is an act done."""
    locked = LOCKED in text
    done = success.search(location) if refused is None else not location.endswith(refused)
    if status >= 500:
        tally.add(kind, f"HTTP {status}", error=(kind, status, text[:300]), locked=locked)
    elif status in (301, 302, 303) and done:
        tally.add(kind, "ok", ok=True, locked=locked)
    elif status in (301, 302, 303):
        tally.add(kind, "refused (redirect with a message)", locked=locked)
    elif status == 200:
        tally.add(kind, "refused (form error)", locked=locked)
    else:
        tally.add(kind, f"HTTP {status}", locked=locked)


def complete_fields(task) -> tuple[list, list]:
    """The task form's fields for what alur.sim.simulate would hand in for this task."""
    from alur.core.sop.model import Act
    from alur.sim.simulate import completion_for

    step = task.run.revision.as_core().step(task.step_no)
    c = completion_for(task, Act(task.act), approve=random.random() > 0.2, version_tag=uuid.uuid4().hex[:6])
    fields = [("note", c.note or "uji beban")]
    if c.approve is not None and step.is_decision:
        fields += [("decision", "ya" if c.approve else "tidak"), ("reason", c.reason or "perlu perbaikan")]
    fields += [("disposition_to", str(p.pk)) for p in c.disposition_to]
    fields += [("disposition_instructions", i) for i in c.disposition_instructions]
    if c.disposition_due:
        fields.append(("disposition_due", c.disposition_due.isoformat()))
    if c.recipients:
        fields.append(("recipients", "\n".join(c.recipients)))
    fields += [("copies", str(c.copies)), ("archive_location", c.archive_location or "Lemari arsip 1")]
    if c.attended is not None:
        fields.append(("attendance", "hadir" if c.attended else "tidak_hadir"))
    fields += [(k, "" if v is None else str(v)) for k, v in (c.extra or {}).items()]
    files = []
    if c.upload is not None:
        c.upload.seek(0)
        files.append(("upload", c.upload.name, c.upload.read()))
    return fields, files


def completer(port, tokens, tally, stop: threading.Event):
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import close_old_connections

    from alur.runs.models import Task

    browsers = {}
    try:
        while not stop.is_set():
            task = (Task.objects.filter(status=Task.Status.TERBUKA).select_related("run__revision", "assignee__user",
                                                                                   "position")
                    .order_by("?").first())
            if task is None:
                time.sleep(0.05)
                continue
            user = task.assignee.user.username
            browser = browsers.setdefault(user, Browser(port, tokens[user]))
            try:
                status, _, text = browser.get("/tugas/")
                tally.add("inbox", "ok" if status == 200 else f"HTTP {status}", locked=LOCKED in text,
                          error=("inbox", status, text[:300]) if status >= 500 else None)
                browser.get(f"/tugas/{task.pk}/")  # the page and its CSRF cookie
                try:
                    fields, files = complete_fields(task)
                except (ValidationError, PermissionDenied):  # the simulated others' part lost a race
                    tally.add("complete", "skipped (simulated hand-in refused)")
                    continue
                status, location, text = browser.post(f"/tugas/{task.pk}/", fields, files)
                # done: on to the run or the next task; the loser of a race comes back to this task
                _record(tally, "complete", status, location, text, re.compile(""), refused=f"/tugas/{task.pk}/")
            except (http.client.HTTPException, OSError):
                tally.add("complete", "connection failed")
                if stop.is_set():
                    break
                time.sleep(0.1)
    finally:
        close_old_connections()


def registrar(port, tokens, tally, stop):
    browser = Browser(port, tokens["admin"])
    n = 0
    while not stop.is_set():
        n += 1
        try:
            browser.get("/surat-masuk/baru/")
            today = date.today().isoformat()
            status, location, text = browser.post("/surat-masuk/baru/", [
                ("nomor_surat", f"{n}/UJI/{uuid.uuid4().hex[:6]}"), ("tanggal_surat", today),
                ("asal", "Bupati Tanjung Jabung Barat"), ("perihal", f"Uji beban {n}"), ("sifat", "biasa"),
                ("received_on", today)])
            _record(tally, "letter", status, location, text, re.compile(r"/alur/mulai/\?letter=\d+"))
        except (http.client.HTTPException, OSError):
            tally.add("letter", "connection failed")
            time.sleep(0.1)


def starter(port, tokens, tally, stop, revisions):
    browser = Browser(port, tokens["admin"])
    n = 0
    while not stop.is_set():
        n += 1
        try:
            browser.get("/alur/mulai/")
            status, location, text = browser.post("/alur/mulai/", [
                ("revision", str(random.choice(revisions))), ("letter", ""), ("purpose", f"Uji beban mulai {n}"),
                ("year", str(RUN_YEAR))])
            _record(tally, "start", status, location, text, re.compile(r"/alur/\d+/$"))
        except (http.client.HTTPException, OSError):
            tally.add("start", "connection failed")
            time.sleep(0.1)


# -- kinerja clients (the office's performance data, through its pages) -------------------------

KINERJA_YEAR, KINERJA_QUARTER = 2026, 3  # the demo's quarter in flight: drafts, submissions, verifications
EDITABLE = ("draft", "dikembalikan")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINERJA_ROLES = ("entry", "decide", "import", "pk", "entry", "decide", "entry", "entry")
KINERJA_KINDS = {  # client act -> trail kind it must leave (exactly one entry per act)
    "correction": "kinerja.realisasi.ubah", "import": "kinerja.realisasi.ubah", "evidence": "kinerja.bukti.tambah",
    "upload": "kinerja.bukti.tambah", "submit": "kinerja.realisasi.ajukan", "verify": "kinerja.realisasi.verifikasi",
    "approve": "kinerja.realisasi.sahkan", "send back": "kinerja.realisasi.kembalikan",
    "pk draft": "kinerja.pk.susun", "pk sign": "kinerja.pk.tandatangani"}


@dataclass
class KinerjaPlan:
    """Who may do what in the demo office (read once at set-up)."""

    code: str
    responsible: dict  # indicator pk -> username of someone who enters its realisations
    planners: list
    head: str
    pdf: bytes
    typed: int = 0  # every value typed is new, so every correction changes the realisation
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_value(self, client: str) -> str:
        with self.lock:
            self.typed += 1
            return str(self.typed)


def kinerja_plan() -> KinerjaPlan:
    from io import BytesIO

    from django.contrib.auth import get_user_model
    from pypdf import PdfWriter

    from alur.kinerja import policies
    from alur.kinerja.models import Indicator
    from alur.org.models import Office

    office = Office.objects.get(code="dpmptsp-tanjabbar")
    users = list(get_user_model().objects.filter(employee__office=office).order_by("pk"))
    responsible = {}
    for indicator in Indicator.objects.filter(renstra__office=office).select_related("renstra__office"):
        who = next((u for u in users if policies.is_responsible(u, indicator)), None)
        if who is not None:
            responsible[indicator.pk] = who.username
    planners = [u.username for u in users if policies.is_planner(u, office)]
    head = next(u.username for u in users if policies.is_head(u, office))
    writer, out = PdfWriter(), BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return KinerjaPlan(code=office.code, responsible=responsible, planners=planners, head=head, pdf=out.getvalue())


def _realisations(states) -> list[dict]:
    from alur.kinerja.models import Realisasi

    return list(Realisasi.objects.filter(year=KINERJA_YEAR, triwulan=KINERJA_QUARTER, state__in=states)
                .values("pk", "indicator_id", "state"))


def _open_indicator(plan: KinerjaPlan):
    """An indicator whose realisation of the quarter can be entered now (editable or not yet made)."""
    from alur.kinerja.models import Realisasi

    taken = dict(Realisasi.objects.filter(year=KINERJA_YEAR, triwulan=KINERJA_QUARTER)
                 .values_list("indicator_id", "state"))
    choices = [pk for pk in plan.responsible if taken.get(pk, "draft") in EDITABLE]
    return random.choice(choices) if choices else None


def _message_after(browser: Browser, status: int, location: str, success: str) -> bool:
    """A redirect whose next page shows `success` (Django's messages): the act was done."""
    if status not in (301, 302, 303) or not location:
        return False
    _status, _loc, page = browser.get(urlsplit(location).path + (f"?{urlsplit(location).query}"
                                                                  if urlsplit(location).query else ""))
    return success in page


def _tally_message(tally: Tally, kind: str, status: int, text: str, done: bool) -> None:
    if status >= 500:
        tally.add(kind, f"HTTP {status}", error=(kind, status, text[:300]), locked=LOCKED in text)
    elif done:
        tally.add(kind, "ok", ok=True, locked=LOCKED in text)
    elif status in (301, 302, 303):
        tally.add(kind, "refused (redirect with a message)", locked=LOCKED in text)
    else:
        tally.add(kind, f"refused (HTTP {status})", locked=LOCKED in text)


def kinerja_entry(port, tokens, tally, stop, plan: KinerjaPlan, name: str):
    """The unit responsible: corrects a realisation, adds a note or a PDF as evidence, submits it."""
    from django.db import close_old_connections

    from alur.kinerja.models import Realisasi

    browsers = {}
    try:
        while not stop.is_set():
            indicator = _open_indicator(plan)
            if indicator is None:
                time.sleep(0.1)
                continue
            user = plan.responsible[indicator]
            browser = browsers.setdefault(user, Browser(port, tokens[user]))
            row = Realisasi.objects.filter(indicator_id=indicator, year=KINERJA_YEAR,
                                           triwulan=KINERJA_QUARTER).values("pk").first()
            act = "correction" if row is None else random.choice(["correction", "evidence", "upload", "submit"])
            entry = f"/kinerja/saya/{indicator}/{KINERJA_YEAR}/{KINERJA_QUARTER}/"
            try:
                browser.get(entry)  # the page and its CSRF cookie
                if act == "correction":
                    status, location, text = browser.post(entry, [
                        ("value", plan.next_value(name)), ("faktor_pendorong", f"Uji beban {uuid.uuid4().hex[:6]}")])
                    _record(tally, "kinerja correction", status, location, text, re.compile(re.escape(entry) + "$"))
                elif act in ("evidence", "upload"):
                    token = uuid.uuid4().hex
                    files = [("file", f"bukti-{token[:8]}.pdf", plan.pdf)] if act == "upload" else []
                    fields = [] if files else [("note", f"Catatan uji beban {token}")]
                    status, _location, text = browser.post(f"/kinerja/realisasi/{row['pk']}/bukti/", fields, files,
                                                           extra={"HX-Request": "true"})
                    shown = (f"bukti-{token[:8]}.pdf" if files else token) in text and "alert-danger" not in text
                    _tally_message(tally, f"kinerja {act}", status, text, status == 200 and shown)
                else:
                    status, location, text = browser.post(f"/kinerja/realisasi/{row['pk']}/ajukan/", [])
                    done = _message_after(browser, status, location, "Realisasi diajukan untuk diverifikasi.")
                    _tally_message(tally, "kinerja submit", status, text, done)
            except (http.client.HTTPException, OSError):
                tally.add(f"kinerja {act}", "connection failed")
                time.sleep(0.1)
    finally:
        close_old_connections()


def kinerja_decide(port, tokens, tally, stop, plan: KinerjaPlan):
    """The planning unit verifies or sends back what was submitted; the head approves or sends back
    what was verified (mostly back, so the quarter keeps moving). Two clients may pick the same row:
    the loser is told who did it (a redirect with a message), never a 500."""
    from django.db import close_old_connections

    browsers = {}
    try:
        while not stop.is_set():
            rows = _realisations(("diajukan", "diverifikasi"))
            if not rows:
                time.sleep(0.1)
                continue
            row = random.choice(rows)
            if row["state"] == "diajukan":
                user = random.choice(plan.planners)
                act = "verify" if random.random() < 0.7 else "send back"
            else:
                user = plan.head
                act = "approve" if random.random() < 0.35 else "send back"
            path, success = {"verify": ("verifikasi", "Realisasi diverifikasi."),
                             "approve": ("sahkan", "Realisasi disahkan."),
                             "send back": ("kembalikan", "Realisasi dikembalikan ke unit penanggung jawab.")}[act]
            browser = browsers.setdefault(user, Browser(port, tokens[user]))
            try:
                queue = "verifikasi" if row["state"] == "diajukan" else "pengesahan"
                browser.get(f"/kinerja/{plan.code}/antrean/{queue}/")
                status, location, text = browser.post(f"/kinerja/realisasi/{row['pk']}/{path}/",
                                                      [("reason", "Lengkapi rekap bulanan (uji beban)")])
                _tally_message(tally, f"kinerja {act}", status, text, _message_after(browser, status, location,
                                                                                      success))
            except (http.client.HTTPException, OSError):
                tally.add(f"kinerja {act}", "connection failed")
                time.sleep(0.1)
    finally:
        close_old_connections()


def kinerja_import(port, tokens, tally, stop, plan: KinerjaPlan, name: str):
    """The realisation XLSX: download the template, type one value, upload it (applied at once)."""
    from io import BytesIO

    from django.db import close_old_connections
    from openpyxl import load_workbook

    from alur.kinerja.models import Indicator

    browsers = {}
    base = f"/kinerja/{plan.code}/realisasi/{KINERJA_YEAR}/{KINERJA_QUARTER}"
    try:
        while not stop.is_set():
            indicator = _open_indicator(plan)
            if indicator is None:
                time.sleep(0.1)
                continue
            user = plan.responsible[indicator]
            code = Indicator.objects.values_list("code", flat=True).get(pk=indicator)
            browser = browsers.setdefault(user, Browser(port, tokens[user]))
            try:
                status, data = browser.get_bytes(f"{base}/templat/")
                if status != 200:
                    tally.add("kinerja import", f"template HTTP {status}", error=("template", status, "")
                              if status >= 500 else None)
                    continue
                book = load_workbook(BytesIO(data))
                sheet = book.active
                header = [c.value for c in sheet[1]]
                rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code]
                if not rows:  # submitted meanwhile: no longer the user's to enter
                    tally.add("kinerja import", "refused (not in the template)")
                    continue
                for r in range(sheet.max_row, 1, -1):  # one row, one value: exactly one change
                    if r != rows[0]:
                        sheet.delete_rows(r)
                sheet.cell(2, header.index("Realisasi") + 1).value = int(plan.next_value(name))
                out = BytesIO()
                book.save(out)
                browser.get(f"{base}/impor/")
                status, location, text = browser.post(f"{base}/impor/", [("confirm", "on"), ("reason", "")],
                                                      [("file", "realisasi.xlsx", out.getvalue(), XLSX_TYPE)])
                _record(tally, "kinerja import", status, location, text, re.compile(r"/kinerja/saya/\?tahun="))
            except (http.client.HTTPException, OSError):
                tally.add("kinerja import", "connection failed")
                time.sleep(0.1)
    finally:
        close_old_connections()


def kinerja_pk(port, tokens, tally, stop, plan: KinerjaPlan):
    """A PK perubahan: the planner drafts it, the head signs it (its snapshot frozen)."""
    from django.db import close_old_connections

    from alur.kinerja.models import PerjanjianKinerja

    planner = Browser(port, tokens[plan.planners[0]])
    head = Browser(port, tokens[plan.head])
    page = f"/kinerja/{plan.code}/pk/{KINERJA_YEAR}/"
    try:
        while not stop.is_set():
            try:
                planner.get(f"{page}susun/")
                status, location, text = planner.post(f"{page}susun/", [
                    ("pihak_kedua_name", "H. Rahmat Hidayat (uji beban)"),
                    ("pihak_kedua_title", "Bupati Tanjung Jabung Barat")])
                _record(tally, "kinerja pk draft", status, location, text, re.compile(re.escape(page) + "$"))
                draft = (PerjanjianKinerja.objects.filter(office__code=plan.code, year=KINERJA_YEAR,
                                                          signed_at__isnull=True).values_list("pk", flat=True).first())
                if draft is None:
                    continue
                head.get(page)
                status, location, text = head.post(f"/kinerja/{plan.code}/pk/tandatangani/{draft}/", [("confirm", "1")])
                _tally_message(tally, "kinerja pk sign", status, text,
                               _message_after(head, status, location, "PK ditandatangani; isinya dibekukan."))
            except (http.client.HTTPException, OSError):
                tally.add("kinerja pk", "connection failed")
                time.sleep(0.1)
    finally:
        close_old_connections()


def kinerja_threads(n: int, port, tokens, tally, stop, plan: KinerjaPlan) -> list[threading.Thread]:
    threads = []
    for index, role in enumerate((KINERJA_ROLES * 8)[:n]):
        name = f"{role}-{index}"
        target, extra = {"entry": (kinerja_entry, (name,)), "decide": (kinerja_decide, ()),
                         "import": (kinerja_import, (name,)), "pk": (kinerja_pk, ())}[role]
        threads.append(threading.Thread(target=target, args=(port, tokens, tally, stop, plan, *extra)))
    return threads


# -- the books ----------------------------------------------------------------------------------


def snapshot() -> dict:
    from django.db.models import Count

    from alur.audit.models import Entry
    from alur.kinerja.models import Evidence, PerjanjianKinerja
    from alur.runs.models import IncomingLetter, Run

    kinds = Counter(dict(Entry.objects.values("kind").annotate(n=Count("pk")).values_list("kind", "n")))
    return {"complete": kinds["alur.complete"] + kinds["alur.decide"], "letter_entries": kinds["surat_masuk.dicatat"],
            "start_entries": kinds["alur.start"], "letters": IncomingLetter.objects.count(),
            "runs": Run.objects.count(), "evidence": Evidence.objects.count(),
            "pk": PerjanjianKinerja.objects.count(),
            "pk_signed": PerjanjianKinerja.objects.filter(signed_at__isnull=False).count(),
            **{kind: kinds[kind] for kind in sorted(set(KINERJA_KINDS.values()))}}


def books(before: dict, tally: Tally) -> dict:
    from alur.org.models import Office
    from alur.runs.models import IncomingLetter, OutgoingNumber
    from alur.runs.verify import iter_runs, verify_runs

    after = snapshot()
    delta = {k: after[k] - before[k] for k in after}
    mismatches = {
        "completions (client ok vs trail)": tally.ok["complete"] - delta["complete"],
        "letters (client ok vs rows)": tally.ok["letter"] - delta["letters"],
        "letters (rows vs trail)": delta["letters"] - delta["letter_entries"],
        "runs started (client ok vs rows)": tally.ok["start"] - delta["runs"],
        "runs started (rows vs trail)": delta["runs"] - delta["start_entries"],
        **kinerja_mismatches(delta, tally),
    }
    codes = dict(Office.objects.values_list("pk", "code"))
    replay = [str(p) for _run, problems in verify_runs(iter_runs(), office_codes=codes) for p in problems]
    gaps = []
    for label, rows in (("agenda", IncomingLetter.objects.values_list("office_id", "agenda_year", "agenda_number")),
                        ("keluar", OutgoingNumber.objects.values_list("office_id", "year", "sequence"))):
        seen: dict = {}
        for office, year, number in rows:
            seen.setdefault((office, year), []).append(number)
        for key, numbers in seen.items():
            if sorted(numbers) != list(range(1, len(numbers) + 1)):
                gaps.append(f"{label} {key}: {len(numbers)} nomor, maks {max(numbers)}, ganda/lompat")
    return {"delta": delta, "mismatches": mismatches, "replay_problems": replay[:20], "replay_count": len(replay),
            "gaps": gaps}


def kinerja_mismatches(delta: dict, tally: Tally) -> dict:
    """Kinerja acts the clients saw succeed vs. their trail entries vs. their rows."""
    ok = {act: tally.ok[f"kinerja {act}"] for act in KINERJA_KINDS}
    by_kind = Counter()
    for act, kind in KINERJA_KINDS.items():
        by_kind[kind] += ok[act]
    result = {f"{kind} (client ok vs trail)": by_kind[kind] - delta[kind] for kind in sorted(by_kind)}
    result.update({
        "kinerja evidence (client ok vs rows)": ok["evidence"] + ok["upload"] - delta["evidence"],
        "kinerja PK drafts (client ok vs rows)": ok["pk draft"] - delta["pk"],
        "kinerja PK signed (client ok vs rows)": ok["pk sign"] - delta["pk_signed"],
    })
    return result


def run_checks(env: dict) -> dict:
    results = {}
    for name, command in (("audit verify", ["audit", "verify"]),
                          ("runs verify-replay", ["runs", "verify-replay", "--progress", "0"]),
                          ("files orphans", ["files", "orphans", "--min-age", "0"])):
        done = subprocess.run([sys.executable, "-m", "alur.cli", *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)
        out = (done.stdout + done.stderr).strip().splitlines()
        results[name] = {"exit": done.returncode, "tail": out[-3:]}
    return results


# -- main ---------------------------------------------------------------------------------------


def mixed(args, env, port, tokens, revisions, log, plan: KinerjaPlan) -> dict:
    tally, stop = Tally(), threading.Event()
    before = snapshot()
    n_kinerja = args.clients // 2
    others = args.clients - n_kinerja
    n_complete = max(1, others // 2)
    n_letter = max(1, (others - n_complete) // 2)
    n_start = max(1, others - n_complete - n_letter)
    threads = [threading.Thread(target=completer, args=(port, tokens, tally, stop)) for _ in range(n_complete)]
    threads += [threading.Thread(target=registrar, args=(port, tokens, tally, stop)) for _ in range(n_letter)]
    threads += [threading.Thread(target=starter, args=(port, tokens, tally, stop, revisions)) for _ in range(n_start)]
    threads += kinerja_threads(n_kinerja, port, tokens, tally, stop, plan)
    began = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(args.seconds)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    seconds = time.monotonic() - began
    result = books(before, tally)
    log_locked = log.read_text(errors="replace").count(LOCKED) if log.exists() else 0
    clients = (f"{n_complete} completing, {n_letter} letters, {n_start} starting, "
               f"{n_kinerja} kinerja ({', '.join((KINERJA_ROLES * 8)[:n_kinerja])})")
    result.update(mode="mixed", db=args.db, clients=clients,
                  seconds=round(seconds, 1), outcomes=dict(sorted(tally.outcomes.items())), ok=dict(tally.ok),
                  server_errors=sum(v for k, v in tally.outcomes.items() if "HTTP 5" in k),
                  error_samples=tally.errors[:5], locked=tally.locked + log_locked)
    return result


def kill_rounds(args, env, server: Server, port, tokens, plan: KinerjaPlan) -> dict:
    rounds = []
    for number in range(1, args.kill_rounds + 1):
        tally, stop = Tally(), threading.Event()
        threads = [threading.Thread(target=completer, args=(port, tokens, tally, stop)) for _ in range(args.clients)]
        threads += kinerja_threads(max(2, args.clients // 2), port, tokens, tally, stop, plan)  # kinerja rows too
        for t in threads:
            t.start()
        began = time.monotonic()  # kill once the burst is under way: after `clients` completions, at a random instant
        while tally.ok["complete"] < args.clients and time.monotonic() - began < args.burst * 5:
            time.sleep(0.05)
        time.sleep(random.uniform(0, 0.5))
        server.kill9()
        stop.set()
        for t in threads:
            t.join(timeout=60)
        checks = run_checks(env)
        rounds.append({"round": number, "completed before kill": tally.ok["complete"],
                       "kinerja acts before kill": sum(v for k, v in tally.ok.items() if k.startswith("kinerja")),
                       "cut off by the kill": tally.outcomes["complete: connection failed"],
                       "server errors": sum(v for k, v in tally.outcomes.items() if "HTTP 5" in k),
                       "error samples": tally.errors[:3], "outcomes": dict(tally.outcomes),
                       "checks": checks, "passed": all(c["exit"] == 0 for c in checks.values())})
        server.start()
    return {"mode": "kill", "db": args.db, "rounds": rounds,
            "all passed": all(r["passed"] and r["server errors"] == 0 for r in rounds)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/alur_load",
                        help="PostgreSQL: this database is dropped and created (default alur_load)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-rounds", type=int, default=0)
    parser.add_argument("--burst", type=float, default=4.0,
                        help="each kill waits for a burst of completions at most 5 x this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 64 and 0 < args.seconds <= 3600 and 0 <= args.kill_rounds <= 100):
        parser.error("--clients 1..64, --seconds up to 3600, --kill-rounds up to 100")
    workdir = Path(tempfile.mkdtemp(prefix="alur-load-"))
    env = prepare(args, workdir)
    from alur.sop.models import SopRevision

    revisions = list(SopRevision.objects.filter(status=SopRevision.Status.APPROVED).values_list("pk", flat=True))
    tokens = sessions()
    plan = kinerja_plan()
    port = _free_port()
    log = workdir / "server.log"
    server = Server(env, port, max(4, args.clients), log)
    server.start()
    try:
        result = kill_rounds(args, env, server, port, tokens, plan) if args.kill_rounds else mixed(
            args, env, port, tokens, revisions, log, plan)
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        if args.db == "postgres" and not args.keep:
            from django.db import connections

            connections.close_all()
    print(json.dumps(result, default=str) if args.json else _text(result))
    return 0 if _clean(result) else 1


def _clean(result: dict) -> bool:
    if result["mode"] == "kill":
        return result["all passed"]
    return (result["server_errors"] == 0 and result["locked"] == 0 and not any(result["mismatches"].values())
            and result["replay_count"] == 0 and not result["gaps"])


def _text(result: dict) -> str:
    lines = []
    if result["mode"] == "kill":
        lines.append(f"kill -9 rounds on {result['db']}:")
        for r in result["rounds"]:
            lines.append(f"  round {r['round']}: {r['completed before kill']} completions and "
                         f"{r['kinerja acts before kill']} kinerja acts before kill, "
                         f"{r['cut off by the kill']} cut off, "
                         f"{r['server errors']} server errors, checks {'pass' if r['passed'] else 'FAIL'}")
            for sample in r["error samples"]:
                lines.append(f"    error: {sample}")
            for name, check in r["checks"].items():
                lines.append(f"    {name}: exit {check['exit']}: {' | '.join(check['tail'])}")
        lines.append(f"all rounds passed: {result['all passed']}")
        return "\n".join(lines)
    lines.append(f"mixed load on {result['db']}, {result['clients']}, {result['seconds']} s")
    for outcome, n in result["outcomes"].items():
        lines.append(f"  {outcome:45} {n}")
    lines.append(f"server errors (5xx): {result['server_errors']}")
    for sample in result["error_samples"]:
        lines.append(f"  {sample}")
    lines.append(f"'database is locked' seen: {result['locked']}")
    lines.append(f"acts recorded: {result['delta']}")
    lines.append("lost or duplicated: " + ", ".join(f"{k} {v}" for k, v in result["mismatches"].items()))
    lines.append(f"runs replayed with problems: {result['replay_count']} {result['replay_problems'][:3]}")
    lines.append(f"number gaps: {len(result['gaps'])} {result['gaps'][:3]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
