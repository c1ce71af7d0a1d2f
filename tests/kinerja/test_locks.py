"""The ditetapkan lock: after a document generated from the data is signed, changing that data needs
a reason, names the document in the refusal, and leaves the document(s) and old/new values on the trail."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alur.audit.models import Entry
from alur.kinerja import locks, services
from alur.kinerja.models import Indicator, PerjanjianKinerja, Realisasi, Renstra
from alur.runs.models import Document, DocumentVersion, SignOff, Task

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
SIGNED = datetime(2026, 11, 3, 10, 0, tzinfo=JAKARTA)


@pytest.fixture
def run(kinerja_office, revision_named):
    from alur.runs.services import run_start

    admin = get_user_model().objects.get(username="admin")
    return run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026",
                     now=datetime(2026, 3, 2, 8, 0, tzinfo=JAKARTA))


def make_document(run, kind, year, triwulan=None, *, signed_at=SIGNED, upload_after=False):
    """A generated version of a run document, signed (optionally: an uploaded edit signed instead)."""
    from alur.documents.models import Generated

    task = Task.objects.filter(run=run).first()
    document = Document.objects.create(run=run, name=f"{kind} {year} {triwulan} {Document.objects.count()}")
    common = {"document": document, "file": "dokumen/x.docx", "original_name": "x.docx", "task": task,
              "content_type": "application/octet-stream", "size": 1, "uploaded_at": signed_at or SIGNED}
    version = DocumentVersion.objects.create(source=DocumentVersion.Source.GENERATED, number=1, sha256="a" * 64,
                                             **common)
    Generated.objects.create(version=version, kind=kind, year=year, triwulan=triwulan, data={})
    if upload_after:
        version = DocumentVersion.objects.create(number=2, sha256="b" * 64, **common)
    if signed_at is not None:
        kadis = get_user_model().objects.get(username="kadis").employee
        SignOff.objects.create(task=task, kind=SignOff.Kind.TANDA_TANGAN, version=version, sha256=version.sha256,
                               signer=kadis, signer_name=kadis.name, signer_nip=kadis.nip,
                               signer_title="Kepala Dinas", signed_at=signed_at)
    return version


def _planner():
    return get_user_model().objects.get(username="kasubbag")


def _open_renstra(office):
    renstra = Renstra.objects.get(office=office)
    services.renstra_open_revision(user=_planner(), renstra=renstra, reason="Revisi")
    return renstra


def test_locks_on_reads_signed_generated_documents_only(kinerja_office, run):
    make_document(run, "iku", 2026, signed_at=None)  # generated but not signed: no lock
    assert locks.locks_on(kinerja_office, kind="iku", year=2026) == []
    make_document(run, "iku", 2026, upload_after=True)  # an uploaded edit of the generated version signed
    make_document(run, "data_kinerja", 2026, 3)
    found = locks.locks_on(kinerja_office, kind="iku", year=[2025, 2026])
    assert [(lock.kind, lock.year, lock.label) for lock in found] == [("iku", 2026, "Dokumen IKU 2026")]
    assert found[0].message == "Data ini sudah ditetapkan dalam Dokumen IKU 2026 (ditandatangani 3 Nov 2026)"
    assert locks.locks_on(kinerja_office, kind="data_kinerja", year=2026, triwulan=2) == []
    [tw3] = locks.locks_on(kinerja_office, kind="data_kinerja", year=2026, triwulan=3)
    assert tw3.label == "Laporan Data Kinerja 2026 Triwulan III"
    assert locks.locks_on(kinerja_office, kind="pk", year=2026) == []


def test_locks_on_takes_two_queries_whatever_the_number_of_documents(kinerja_office, run):
    for year in (2022, 2023, 2024, 2025, 2026):
        make_document(run, "renja", year)
    with CaptureQueriesContext(connection) as queries:
        found = locks.locks_on(kinerja_office, kind="renja", year=range(2021, 2027))
    assert len(found) == 5 and len(queries) == 2


def test_another_office_is_not_locked_by_these_documents(kinerja_office, other_office, run):
    make_document(run, "iku", 2026)
    assert locks.locks_on(other_office, kind="iku", year=2026) == []


def test_iku_definition_change_needs_a_reason_after_the_iku_document_is_signed(kinerja_office, run):
    renstra = _open_renstra(kinerja_office)
    iku = Indicator.objects.filter(renstra=renstra, is_iku=True).order_by("code").first()
    other = Indicator.objects.filter(renstra=renstra, is_iku=False).order_by("code").first()
    services.indicator_update(user=_planner(), indicator=iku, definisi="Sebelum penetapan")  # not yet signed
    make_document(run, "iku", 2026)

    with pytest.raises(ValidationError) as refused:
        services.indicator_update(user=_planner(), indicator=iku, definisi="Sesudah penetapan")
    assert refused.value.message_dict["reason"] == [
        "Data ini sudah ditetapkan dalam Dokumen IKU 2026 (ditandatangani 3 Nov 2026): isi alasan perubahan"]
    assert Indicator.objects.get(pk=iku.pk).definisi == "Sebelum penetapan"

    services.indicator_update(user=_planner(), indicator=iku, definisi="Sesudah penetapan",
                              reason="Koreksi definisi sesuai reviu Inspektorat")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.indikator.ubah").latest("pk")
    assert entry.data["alasan"] == "Koreksi definisi sesuai reviu Inspektorat"
    assert entry.data["ditetapkan"][0]["dokumen"] == "Dokumen IKU 2026"
    assert entry.data["perubahan"]["definisi"] == {"lama": "Sebelum penetapan", "baru": "Sesudah penetapan"}

    # Outside the IKU document: a non-IKU indicator, and the national standard of an IKU one.
    services.indicator_update(user=_planner(), indicator=other, definisi="Bukan IKU")
    services.indicator_update(user=_planner(), indicator=iku, national_standard=Decimal("10"))
    with pytest.raises(ValidationError, match="Dokumen IKU 2026"):  # making it IKU changes the IKU document
        services.indicator_update(user=_planner(), indicator=other, is_iku=True)


def test_targets_of_a_year_need_a_reason_after_its_pk_document_is_signed(kinerja_office, run):
    renstra = _open_renstra(kinerja_office)
    indicator = Indicator.objects.filter(renstra=renstra).order_by("code").first()
    make_document(run, "pk", 2025)
    services.target_set(user=_planner(), indicator=indicator, year=2026, value=Decimal("77"))  # 2026 is free
    for triwulan in (None, 2):
        with pytest.raises(ValidationError, match=r"Perjanjian Kinerja 2025 \(ditandatangani 3 Nov 2026\)"):
            services.target_set(user=_planner(), indicator=indicator, year=2025, value=Decimal("1"),
                                triwulan=triwulan)
    row = services.target_set(user=_planner(), indicator=indicator, year=2025, value=Decimal("1"),
                              reason="PK perubahan")
    assert row.value == Decimal("1")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.target.ubah").latest("pk")
    assert entry.data["ditetapkan"][0]["dokumen"] == "Perjanjian Kinerja 2025" and entry.data["baru"] == "1"
    # The signed PK model keeps its own frozen snapshot besides the lock.
    assert PerjanjianKinerja.objects.filter(office=kinerja_office, year=2025).exclude(snapshot=None).exists()


def test_realisations_of_a_period_need_a_reason_after_its_data_kinerja_report_is_signed(kinerja_office, run):
    from datetime import date

    kabid = get_user_model().objects.get(username="kabidpp")
    realisasi = (Realisasi.objects.filter(indicator__renstra__office=kinerja_office, year=2026, triwulan=3,
                                          state__in=["draft", "dikembalikan"])
                 .select_related("indicator").first())
    assert realisasi is not None, "the demo keeps a Q3 2026 realisation open for correction"
    make_document(run, "data_kinerja", 2026, 3)
    user = kabid if realisasi.indicator.unit.name.endswith("Perizinan") else get_user_model().objects.get(
        username="kabidpm")
    day = date(2026, 10, 5)
    with pytest.raises(ValidationError, match="Laporan Data Kinerja 2026 Triwulan III"):
        services.realisasi_save(user=user, indicator=realisasi.indicator, year=2026, triwulan=3,
                                value=Decimal("999"), day=day)
    assert Realisasi.objects.get(pk=realisasi.pk).value != Decimal("999")
    with pytest.raises(ValidationError, match="isi alasan perubahan"):
        services.evidence_add(user=user, realisasi=realisasi, note="Bukti tambahan")
    saved = services.realisasi_save(user=user, indicator=realisasi.indicator, year=2026, triwulan=3,
                                    value=Decimal("999"), day=day, reason="Data dinas terlambat masuk")
    assert saved.value == Decimal("999")
    entry = Entry.objects.filter(office=kinerja_office, kind="kinerja.realisasi.ubah").latest("pk")
    assert entry.data["alasan"] == "Data dinas terlambat masuk"
    assert entry.data["ditetapkan"][0]["dokumen"] == "Laporan Data Kinerja 2026 Triwulan III"
    services.evidence_add(user=user, realisasi=realisasi, note="Bukti tambahan", reason="Bukti susulan")


def test_entry_page_shows_the_lock_and_asks_for_the_reason(kinerja_office, run, login):
    from unittest import mock

    from alur.kinerja.policies import is_responsible

    realisasi = (Realisasi.objects.filter(indicator__renstra__office=kinerja_office, year=2026, triwulan=3,
                                          state__in=["draft", "dikembalikan"])
                 .select_related("indicator__renstra").first())
    username = next(u.username for u in get_user_model().objects.filter(employee__office=kinerja_office)
                    .order_by("username") if is_responsible(u, realisasi.indicator))
    url = f"/kinerja/saya/{realisasi.indicator_id}/2026/3/"
    client = login(username)
    assert 'data-testid="lock-notice"' not in client.get(url).content.decode()
    make_document(run, "data_kinerja", 2026, 3)
    page = client.get(url).content.decode()
    assert "Data ini sudah ditetapkan dalam Laporan Data Kinerja 2026 Triwulan III" in page
    assert 'name="reason"' in page
    with mock.patch("alur.kinerja.services.realisasi.timezone.localdate", return_value=datetime(2026, 10, 5).date()):
        page = client.post(url, {"value": "999"}).content.decode()
        assert "isi alasan perubahan" in page
        assert Realisasi.objects.get(pk=realisasi.pk).value != Decimal("999")
        client.post(url, {"value": "999", "reason": "Koreksi data"})
    assert Realisasi.objects.get(pk=realisasi.pk).value == Decimal("999")


def test_a_real_signed_iku_run_locks_the_iku_definitions(kinerja_office, revision_named):
    """The signature records as the IKU SOP really makes them ('Susun dari data', review, signature)."""
    from alur.documents.services import generate_for_task
    from alur.runs.services import run_start
    from tests.documents.test_generation import START, advance_to

    admin = get_user_model().objects.get(username="admin")
    iku_run = run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    task, clock = advance_to(iku_run, 3, START)
    generate_for_task(task=task, user=task.assignee.user, now=clock)
    assert locks.locks_on(kinerja_office, kind="iku", year=2026) == []  # generated, not yet signed
    advance_to(iku_run, 9, clock)
    signature = SignOff.objects.get(task__run=iku_run, kind=SignOff.Kind.TANDA_TANGAN)
    [lock] = locks.locks_on(kinerja_office, kind="iku", year=2026)
    assert (lock.run_id, lock.version_id, lock.signed_at) == (iku_run.pk, signature.version_id, signature.signed_at)
    renstra = _open_renstra(kinerja_office)
    iku = Indicator.objects.filter(renstra=renstra, is_iku=True).order_by("code").first()
    with pytest.raises(ValidationError, match="Dokumen IKU 2026"):
        services.indicator_update(user=_planner(), indicator=iku, definisi="Definisi baru")
