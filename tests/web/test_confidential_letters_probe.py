"""Every page and export, probed for a Rahasia letter's perihal (issue 16 item 2).

The demo data gets two Rahasia letters whose perihal is a unique marker: one waiting (no run yet)
and one with a run, its tasks, dispositions and document versions. Every URL pattern of every app
(enumerated from the URL conf, not listed by hand; Django admin excepted, superusers only) is read
with arguments naming those rows, and with each `?unduh=`/`?format=` export variant, as a member
of the office who is not entitled to the letters and as another office's grant holder. The marker
must never appear: every list of letters goes through runs.policies.confidential_letters_visible.
The office head, who is entitled, does see it (so the probe is not looking at empty pages).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from alur.org.models import Office, OfficeGrant
from alur.runs import policies
from alur.runs.models import Disposition, DispositionCopy, DocumentVersion, IncomingLetter, Run
from alur.runs.services import letter_register
from tests.web.urlconf import url_patterns

pytestmark = pytest.mark.django_db

MARKER = "Perihalrahasia7Q4Z"
QUERY_VARIANTS = ["", "unduh=xlsx", "semua=1", "format=xlsx", "format=csv"]
# Path arguments that are not row ids, with values the app's URLs accept.
WORDS = {
    "fmt": ["pdf", "docx", "csv", "xes", "html", "svg"], "kind": ["lkjip", "verifikasi"], "level": ["program"],
    "parent_level": ["tujuan"], "action": ["verifikasi"],
}
NUMBERS = {"year": [date.today().year], "quarter": [1], "number": [1], "no": [1]}


def _patterns():
    """(name, its path arguments) of every URL pattern, Django admin excepted."""
    for name, _route, arguments in url_patterns():
        yield name, [argument for _converter, argument in arguments]


def _urls(name: str, arguments: list[str], office: Office, row_ids: list[int]):
    """Every URL of `name`: the office's code, each row id for an id, the known words otherwise."""
    choices = [[office.code] if argument == "code" else NUMBERS.get(argument) or WORDS.get(argument) or row_ids
               for argument in arguments]
    for values in itertools.product(*choices):
        yield reverse(name, kwargs=dict(zip(arguments, values, strict=True)))


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK\x03\x04"):  # xlsx, docx
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(member).decode("utf-8", "ignore") for member in archive.namelist())
    if body.startswith(b"%PDF"):
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", "ignore")


@pytest.fixture
def world(other_office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", quiet_logins=True)
    office = Office.objects.exclude(pk=other_office.pk).get()
    users = get_user_model().objects
    admin = users.get(username="admin")
    today = date.today()
    waiting = letter_register(office=office, user=admin, nomor_surat="800/1/RHS/2026", tanggal_surat=today,
                              asal="Inspektorat Provinsi", perihal=f"{MARKER} menunggu", sifat="rahasia",
                              received_on=today)
    run = Run.objects.filter(office=office, letter__isnull=False).get()
    IncomingLetter.objects.filter(pk=run.letter_id).update(sifat="rahasia", perihal=f"{MARKER} berjalan")
    row_ids = {waiting.pk, run.pk, run.letter_id, *run.tasks.values_list("pk", flat=True),
               *Disposition.objects.filter(task__run=run).values_list("pk", flat=True),
               *DispositionCopy.objects.filter(disposition__task__run=run).values_list("pk", flat=True),
               *DocumentVersion.objects.filter(document__run=run).values_list("pk", flat=True)}
    letters = list(IncomingLetter.objects.filter(perihal__startswith=MARKER))
    reader = users.get(username="kadisdik")
    OfficeGrant.objects.create(user=reader, office=office, note="Inspektorat")
    unentitled = [user for user in users.filter(employee__office=office).order_by("username")
                  if not policies.confidential_letters_visible(user, letters) and not user.is_superuser]
    assert unentitled, "the demo office needs a member who may not read the letters"
    return office, sorted(row_ids), {"member": unentitled[0], "grant holder": reader}


def _probe(client, office, row_ids) -> tuple[set[str], int]:
    """The URLs whose response shows the marker, and how many responses were read."""
    shown, read = set(), 0
    for name, arguments in _patterns():
        for url in _urls(name, arguments, office, row_ids):
            variants = QUERY_VARIANTS if not set(arguments) - {"code", *NUMBERS, *WORDS} else [""]
            for query in variants:
                target = f"{url}?{query}" if query else url
                response = client.get(target)
                read += 1
                if response.status_code == 200 and MARKER in _text(response):
                    shown.add(target)
    return shown, read


def test_no_page_or_export_shows_a_rahasia_perihal_to_the_unentitled(client, world):
    office, row_ids, users = world
    for who, user in users.items():
        client.force_login(user)
        shown, read = _probe(client, office, row_ids)
        assert read > 100
        assert not shown, f"{who} {user.username} reads the Rahasia perihal on {sorted(shown)}"


def test_the_probe_sees_the_perihal_where_the_head_may_read_it(client, world):
    office, row_ids, _users = world
    client.force_login(get_user_model().objects.get(username="kadis"))
    now = reverse("dashboard:now", args=[office.code])
    for url in (now, f"{now}?unduh=xlsx", reverse("letter_list")):
        assert MARKER in _text(client.get(url)), url


# Where a letter's perihal is read without the page's `hidden` mark, and why that is safe.
PERIHAL_WITHOUT_HIDDEN = {
    "runs/models.py": "the field itself and __str__ (Django admin, superusers only)",
    "runs/services/letters.py": "registering the letter: its own trail entry",
    "runs/services/runs.py": "a run's default name, which leaves out a Rahasia perihal",
    "runs/forms.py": "the run-start choice label, which leaves out a Rahasia perihal",
    "sim/generate.py": "measurement data written in bulk",
}


def test_every_reader_of_a_perihal_asks_the_policy():
    """The grep half of the probe: a template or module that shows `.perihal` also honours the
    `hidden` mark that runs.policies.hide_confidential sets (or is listed above with its reason)."""
    root = Path(__file__).resolve().parents[2] / "alur"
    unguarded = []
    for path in [*root.rglob("*.py"), *root.rglob("*.html")]:
        text = path.read_text()
        where = str(path.relative_to(root))
        if ".perihal" in text and ".hidden" not in text and where not in PERIHAL_WITHOUT_HIDDEN \
                and "migrations" not in where:
            unguarded.append(where)
    assert not unguarded, f"perihal shown without runs.policies.hide_confidential: {unguarded}"
