"""Every page of the performance data, SAKIP documents and dashboards, probed from outside.

For each URL pattern of those areas, with arguments that name real rows of the demo office: its
own planner reaches it (so the probe is not testing a 404 of a missing row); a user of another
office gets no page and writes nothing; a user of another office holding a read grant writes
nothing. A new URL in these areas must get its arguments here, so it cannot escape the probe.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alur.audit.models import Entry
from alur.kinerja.models import (
    Evidence,
    Indicator,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RenjaLine,
    Renstra,
    Tujuan,
)
from alur.org.models import OfficeGrant
from alur.runs import services as run_services

pytestmark = pytest.mark.django_db

AREAS = ("kinerja", "dashboard", "documents")
# Reached by the office's own planner with a 404 for a reason that is not the probe's: none today.
INSIDER_404 = set()


def _patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and namespace in AREAS:
            yield f"{namespace}:{entry.name}", str(entry.pattern)


@pytest.fixture
def world(kinerja_office, revision_named, other_office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = kinerja_office
    planner = get_user_model().objects.get(username="kasubbag")
    run = run_services.run_start(revision=revision_named("IKU"), user=get_user_model().objects.get(username="admin"),
                                 purpose="Probe 2026")
    indicator = Indicator.objects.filter(renstra__office=office).first()
    realisasi = Realisasi.objects.filter(indicator__renstra__office=office, state="diajukan").first()
    renstra = Renstra.objects.get(office=office)
    pk = PerjanjianKinerja.objects.filter(office=office).order_by("-year").first()
    values = {
        "kinerja:entry": {"pk": indicator.pk, "year": 2026, "quarter": 3},
        "kinerja:evidence_add": {"pk": realisasi.pk}, "kinerja:submit": {"pk": realisasi.pk},
        "kinerja:decide": {"pk": realisasi.pk, "action": "verifikasi"},
        "kinerja:evidence_download": {"pk": Evidence.objects.create(
            realisasi=realisasi, kind=Evidence.Kind.FILE, file=ContentFile(b"%PDF-1.4 bukti", name="bukti.pdf"),
            original_name="bukti.pdf").pk},
        "kinerja:structure_tetapkan": {"pk": renstra.pk}, "kinerja:structure_revision": {"pk": renstra.pk},
        "kinerja:structure_add": {"level": "sasaran", "parent_level": "tujuan",
                                  "parent": Tujuan.objects.filter(renstra=renstra).first().pk},
        "kinerja:structure_edit": {"level": "program", "pk": Program.objects.filter(renstra=renstra).first().pk},
        "kinerja:structure_delete": {"level": "program", "pk": Program.objects.filter(renstra=renstra).first().pk},
        "kinerja:renja_line_edit": {"pk": RenjaLine.objects.filter(renja__office=office).first().pk},
        "kinerja:renja_line_delete": {"pk": RenjaLine.objects.filter(renja__office=office).first().pk},
        "kinerja:pk_sign": {"pk": pk.pk}, "kinerja:iku_approve": {"pk": 0},
        "kinerja:indicator": {"pk": indicator.pk}, "kinerja:indicator_standard": {"pk": indicator.pk},
        "kinerja:queue": {"kind": "verifikasi"},
        "dashboard:realism": {"pk": run.revision.sop_id}, "dashboard:realism_apply": {"pk": run.revision.sop_id},
        "dashboard:event_log": {"pk": run.revision.sop_id, "fmt": "csv"},
        "documents:run_document": {"pk": run.pk},
        "documents:generate": {"task_pk": run.tasks.get().pk},
        "documents:version_pdf": {"pk": 0},
        "documents:preview": {"kind": "iku", "fmt": "pdf"},
        "documents:narrative_edit": {"kind": "lkjip"},
        "documents:step_documents": {"revision_pk": run.revision_id},
    }
    return office, planner, values


def _url(name, pattern, office, values):
    kwargs = dict(values.get(name, {}))
    for part in ("code", "year", "quarter"):
        if f":{part}>" in pattern and part not in kwargs:
            kwargs[part] = {"code": office.code, "year": 2026, "quarter": 3}[part]
    return reverse(name, kwargs=kwargs)


def _written(office):
    return Entry.objects.filter(office=office).count()


def test_strangers_get_no_page_and_grant_readers_write_nothing(client, world):
    office, planner, values = world
    stranger = get_user_model().objects.get(username="kadisdik")
    reader = get_user_model().objects.create_user("inspektur-probe", password="rahasia-123")
    OfficeGrant.objects.create(user=reader, office=office, note="Reviu")
    unprobed, probed = [], []
    for name, pattern in _patterns():
        if name.endswith((":index", ":home", ":mine", ":notifications", ":kabupaten")):
            continue  # pages of the user's own office or grants, not of a named office
        needs_row = any(f"<int64:{part}>" in pattern for part in ("pk", "parent", "task_pk"))
        if (needs_row and not values.get(name)) or 0 in values.get(name, {}).values():
            unprobed.append(name)  # no row of this kind in the demo: the probe would only prove a 404
            continue
        url = _url(name, pattern, office, values)
        probed.append(name)
        client.force_login(planner)
        status = client.get(url).status_code
        assert status != 404 or name in INSIDER_404, f"{name}: the office's planner gets 404 at {url}"
        before = _written(office)
        client.force_login(stranger)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (403, 404, 405), f"{name}: {method.__name__} by another office → " \
                                                             f"{response.status_code}"
        client.force_login(reader)
        response = client.post(url, {"reason": "probe", "value": "1", "name": "x", "code": "9.99"})
        assert response.status_code < 500, f"{name}: POST by a grant reader → {response.status_code}"
        assert _written(office) == before, f"{name}: a stranger or a grant reader wrote to the trail"
    assert set(unprobed) <= {"kinerja:iku_approve", "documents:version_pdf", "documents:version_docx"}, unprobed
    assert {"kinerja:structure_edit", "kinerja:budget_save", "kinerja:settings", "kinerja:renja_line_add",
            "dashboard:sakip", "dashboard:realism_apply", "documents:generate"} <= set(probed)
    assert len(probed) >= 45
