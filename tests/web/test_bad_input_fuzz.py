"""Bad input at every form and query parameter of every app: never a server error (issue 16 item 11).

The pages come from the URL conf (tests/web/urlconf.py), not a hand-made list. Each pattern is
filled with real ids of the demo data and, separately, with an id beyond 64 bits. Each page read
as an entitled user is parsed for its <form>s; every <input>/<select>/<textarea> of a GET form, and
the query parameters the views read, are sent with each bad value one at a time; every field of a
POST form is posted with a sample of the bad values (the others keep the page's own values). Done
as an office admin and as a plain staf; on PostgreSQL too (NUL in a text is a DataError only there).
"""

from __future__ import annotations

import inspect
import itertools
import re
import traceback
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.urls import resolve, reverse

from alur.org.models import Office
from alur.runs.models import Disposition, DocumentVersion, Run, Task
from tests.web.urlconf import url_patterns

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
BAD_VALUES = ["\x00", HUGE, "a\x07b", "\x1b[31m", "-1", "<script>alert(1)</script>", "=1+1", "x" * 10_000,
              "2026-02-31", "31/12/2026"]
GET_READ = re.compile(r"""GET(?:\.get\(|\[)["'](\w+)["']""")
WORDS = {"fmt": ["pdf", "docx", "svg"], "kind": ["lkjip", "verifikasi"], "level": ["program"],
         "parent_level": ["tujuan"], "action": ["verifikasi"]}
SKIPPED_ACTIONS = ("/akun/keluar",)  # logging out would end the probe


class _Forms(HTMLParser):
    """The forms of a page: method, action and the names and values of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or "",
                               "fields": {}})
        elif self.forms and tag in ("input", "select", "textarea") and attrs.get("name"):
            if attrs.get("type") in ("file", "submit", "button", "image"):
                return
            fields = self.forms[-1]["fields"]
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                fields.setdefault(attrs["name"], "")
            else:
                fields[attrs["name"]] = attrs.get("value") or fields.get(attrs["name"]) or ""
            self._select = attrs["name"] if tag == "select" else None
        elif tag == "option" and self._select and self.forms and not self.forms[-1]["fields"].get(self._select):
            self.forms[-1]["fields"][self._select] = attrs.get("value") or ""


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", quiet_logins=True)
    office = Office.objects.get()
    run = Run.objects.filter(office=office, letter__isnull=False).first()
    ids = {run.pk, run.letter_id, *run.tasks.values_list("pk", flat=True)[:3],
           *Disposition.objects.values_list("pk", flat=True)[:1],
           *DocumentVersion.objects.values_list("pk", flat=True)[:1]}
    for model in apps.get_app_config("kinerja").get_models():  # a row of each SAKIP table
        first = model.objects.order_by("pk").values_list("pk", flat=True).first()
        if isinstance(first, int):
            ids.add(first)
    for model_label in ("org.Employee", "org.Unit", "org.Position", "sop.Sop", "workdays.SpecialDay"):
        first = apps.get_model(model_label).objects.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            ids.add(first)
    return office, sorted(ids)


def _query_parameters(url: str) -> set[str]:
    """The query parameters the view of `url` reads from request.GET (its source), `page` when it
    pages a list."""
    view = inspect.unwrap(resolve(urlsplit(url).path).func)
    source = inspect.getsource(getattr(view, "view_class", view))
    return set(GET_READ.findall(source)) | ({"page"} if "page_of(" in source else set())


def _urls(office, ids):
    """(name, url, first) for every pattern with real ids (`first`: the first of them), then with
    an id beyond 64 bits (built by hand: the int64 converter cannot reverse it)."""
    year = date.today().year
    numbers = {"year": [year], "quarter": [1], "number": [1], "no": [1]}
    for name, _route, arguments in url_patterns():
        names = [argument for _converter, argument in arguments]
        choices = [[office.code] if argument == "code" else numbers.get(argument) or WORDS.get(argument) or ids
                   for argument in names]
        for index, values in enumerate(itertools.islice(itertools.product(*choices), 12)):
            yield name, reverse(name, kwargs=dict(zip(names, values, strict=True))), index == 0
        if any(converter in ("int", "int64", "year") for converter, _argument in arguments):
            sentinel = 7_654
            values = [office.code if a == "code" else (WORDS[a][0] if a in WORDS else sentinel) for a in names]
            for number in (HUGE, str(2**63 - 1)):  # beyond 64 bits; the largest 64-bit number
                yield name, reverse(name, kwargs=dict(zip(names, values, strict=True))).replace(
                    str(sentinel), number), False


def _sample(index: int) -> list[str]:
    """The bad values sent to one field: NUL and the huge number always (the two that reached the
    database), and one of the others in turn (not the whole product: the probe stays fast)."""
    others = BAD_VALUES[2:]
    return [BAD_VALUES[0], BAD_VALUES[1], others[index % len(others)]]


class _Probe:
    def __init__(self, client):
        self.client = client
        self.failures: list[str] = []
        self.requests = 0
        self.seen_forms: set[tuple] = set()
        self._last_error = ""
        got_request_exception.connect(self._remember, weak=False)

    def _remember(self, sender, request=None, **kwargs):
        self._last_error = traceback.format_exc(limit=-3)

    def send(self, method: str, url: str, data: dict | None = None):
        self.requests += 1
        self._last_error = ""
        try:
            response = getattr(self.client, method)(url, data or {})
        except Exception as error:  # noqa: BLE001 - a crash outside the view is a failure too
            self.failures.append(f"{method.upper()} {url} {self._short(data)}: {error!r}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url} {self._short(data)}: {response.status_code} "
                                 f"{self._last_error.strip().splitlines()[-1:] if self._last_error else ''}")
        return response

    @staticmethod
    def _short(data):
        return {key: (value[:20] + "…" if isinstance(value, str) and len(value) > 20 else value)
                for key, value in (data or {}).items()} if data else ""

    def page(self, url: str, query: bool = True):
        """GET `url`; POST each field of its POST forms with bad values; with `query`, GET it with
        each of its GET forms' fields and of the parameters its view reads set to bad values."""
        response = self.send("get", url)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        body = b"".join(response.streaming_content) if response.streaming else response.content
        parser = _Forms()
        parser.feed(body.decode("utf-8", "ignore"))
        read_names = set()
        for form in parser.forms:
            target = form["action"] or url
            if any(target.startswith(skipped) for skipped in SKIPPED_ACTIONS) or not target.startswith("/"):
                continue
            fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
            key = (form["method"], urlsplit(target).path, tuple(sorted(fields)))
            if key in self.seen_forms:
                continue
            self.seen_forms.add(key)
            if form["method"] == "get":
                read_names |= set(fields)
                continue
            for index, name in enumerate(sorted(fields)):
                for value in _sample(index):
                    self.send("post", target, {**fields, name: value})
        if not query:
            return
        for index, name in enumerate(sorted(read_names | _query_parameters(url))):
            for value in _sample(index):
                self.send("get", f"{url}?{urlencode({name: value})}")



@pytest.mark.parametrize("username", ["admin", "staf"])
def test_no_bad_input_makes_a_server_error(client, world, username):
    office, ids = world
    client.raise_request_exception = False
    client.force_login(get_user_model().objects.get(username=username))
    probe = _Probe(client)
    names = set()
    for name, url, first in _urls(office, ids):
        names.add(name)
        probe.page(url, query=first)
    print(f"{username}: {probe.requests} requests, {len(probe.seen_forms)} forms, {len(names)} URL names")
    assert len(names) > 80 and probe.requests > 500 and len(probe.seen_forms) > 10
    assert not probe.failures, f"{len(probe.failures)} server errors of {probe.requests} requests:\n" + \
        "\n".join(probe.failures[:40])


def test_no_bad_input_to_an_open_task_makes_a_server_error(client, world):
    """Each open task's page as the person who holds it: the completion form with its step's own
    fields (disposition, decision, distribution…) that no other user is shown."""
    client.raise_request_exception = False
    probe = _Probe(client)
    tasks = Task.objects.filter(status=Task.Status.TERBUKA, assignee__user__isnull=False).select_related("assignee")
    for task in tasks:
        client.force_login(task.assignee.user)
        probe.page(reverse("task_detail", args=[task.pk]))
    assert tasks and len(probe.seen_forms) >= len(tasks)
    assert not probe.failures, f"{len(probe.failures)} server errors of {probe.requests} requests:\n" + \
        "\n".join(probe.failures[:40])


def test_every_url_pattern_uses_the_int64_converter():
    plain = [route for _name, route, arguments in url_patterns()
             if any(converter == "int" for converter, _argument in arguments)]
    assert not plain, f"use <int64:…> or <year:…> (alur.kit.converters), not <int:…>: {plain}"
    root = Path(__file__).resolve().parents[2] / "alur"
    in_files = [str(path) for path in root.rglob("urls.py") if re.search(r"<int:", path.read_text())]
    assert not in_files, in_files


def test_a_path_id_beyond_64_bits_is_a_404(client, world):
    from django.urls import Resolver404

    client.force_login(get_user_model().objects.get(username="admin"))
    for url in (f"/dokumen-sakip/versi/{HUGE}/pdf/", f"/alur/{HUGE}/", f"/tugas/{2**63}/"):
        assert client.get(url).status_code == 404, url
    assert resolve(f"/tugas/{2**63 - 1}/").kwargs == {"pk": 2**63 - 1}
    with pytest.raises(Resolver404):
        resolve(f"/tugas/{2**63}/")
    assert client.get(f"/alur/?sop={HUGE}").status_code == 400  # the filter form's error, not a 500
    assert client.get("/alur/mulai/?q=%00%07").status_code == 200  # the search box drops them
