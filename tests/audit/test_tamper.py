"""`alur audit verify` catches direct database edits of every regulated record, whatever app wrote it.

Each case makes the record through the real service (or takes a demo row the demo loader recorded),
checks that verify is clean, tampers with a direct `QuerySet.update`, a raw delete (no signals, as an
SQL client would) or a file overwrite, and checks that verify names the row."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from alur.audit.models import Entry
from alur.documents import narratives
from alur.documents.models import Generated, NarrativeVersion
from alur.kinerja import services as kinerja
from alur.kinerja.models import BudgetLine, Evidence, Indicator, IndicatorTarget, PerjanjianKinerja, Program, Realisasi
from alur.kinerja.services import budget
from alur.org import services as org
from alur.org.models import Employee, OfficeGrant
from alur.runs.models import IncomingLetter
from alur.runs.services.letters import letter_register

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 5)  # inside the entry window of 2026 triwulan III
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def office(demo_office):
    from alur.kinerja.demo import load_demo_kinerja

    load_demo_kinerja(demo_office)
    return demo_office


def user(username):
    return get_user_model().objects.get(username=username)


def verify(capsys, office) -> str:
    """What `alur audit verify` reports for the office ('' when it is intact)."""
    capsys.readouterr()
    try:
        call_command("audit", "verify", "--office", office.code)
    except CommandError:
        return capsys.readouterr().err
    return ""


def assert_caught(capsys, office, tamper, *expected):
    assert verify(capsys, office) == ""
    tamper()
    report = verify(capsys, office)
    for text in expected:
        assert text in report, report


def raw_delete(queryset):
    """DELETE without Django's cascade or signals, as an SQL client would."""
    queryset._raw_delete(queryset.db)


@pytest.fixture
def realisasi(office):
    indicator = Indicator.objects.get(renstra__office=office, code="IND-09")
    return kinerja.realisasi_save(user=user("kabidpp"), indicator=indicator, year=2026, triwulan=3,
                                  value=Decimal("512"), day=DAY)


def test_realisation_value(capsys, office, realisasi):
    assert_caught(capsys, office, lambda: Realisasi.objects.filter(pk=realisasi.pk).update(value=Decimal("900")),
                  f"Realisasi id {realisasi.pk}", "diubah di luar Alur")


def test_realisation_state(capsys, office, realisasi):
    assert_caught(capsys, office, lambda: Realisasi.objects.filter(pk=realisasi.pk).update(state="disahkan"),
                  f"Realisasi id {realisasi.pk}", "diubah di luar Alur")


def test_deleted_realisation(capsys, office, realisasi):
    assert_caught(capsys, office, lambda: raw_delete(Realisasi.objects.filter(pk=realisasi.pk)),
                  f"Realisasi id {realisasi.pk}", "dihapus di luar Alur")


def test_indicator_target(capsys, office):
    target = IndicatorTarget.objects.filter(indicator__renstra__office=office, year=2026).first()
    assert_caught(capsys, office, lambda: IndicatorTarget.objects.filter(pk=target.pk).update(value=Decimal("1")),
                  f"IndicatorTarget id {target.pk}", "diubah di luar Alur")


def test_target_set_through_the_service_then_edited(capsys, office):
    indicator = Indicator.objects.get(renstra__office=office, code="IND-09")
    kinerja.renstra_open_revision(user=user("kasubbag"), renstra=indicator.renstra, reason="Penyesuaian target")
    kinerja.target_set(user=user("kasubbag"), indicator=indicator, year=2026, value=Decimal("600"))
    target = IndicatorTarget.objects.get(indicator=indicator, year=2026)
    assert target.value == Decimal("600")
    assert_caught(capsys, office, lambda: IndicatorTarget.objects.filter(pk=target.pk).update(value=Decimal("1")),
                  f"IndicatorTarget id {target.pk}")


def test_signed_pk_snapshot(capsys, office):
    pk = PerjanjianKinerja.objects.filter(office=office, signed_at__isnull=False).first()
    snapshot = dict(pk.snapshot) if isinstance(pk.snapshot, dict) else {"isi": pk.snapshot}
    snapshot["dipalsukan"] = True
    assert_caught(capsys, office, lambda: PerjanjianKinerja.objects.filter(pk=pk.pk).update(snapshot=snapshot),
                  f"PerjanjianKinerja id {pk.pk}", "diubah di luar Alur")


def test_budget_line(capsys, office):
    program = Program.objects.filter(renstra__office=office).first()
    budget.budget_set(user=user("kasubbag"), program=program, year=2026, triwulan=3, pagu=Decimal("1000000"),
                       reason="Pergeseran anggaran")
    line = BudgetLine.objects.get(program=program, kegiatan=None, year=2026, triwulan=3)
    assert_caught(capsys, office, lambda: BudgetLine.objects.filter(pk=line.pk).update(pagu=Decimal("9")),
                  f"BudgetLine id {line.pk}", "diubah di luar Alur")


@pytest.fixture
def evidence_file(realisasi):
    from tests.kinerja.conftest import one_page_pdf

    return kinerja.evidence_add(user=user("kabidpp"), realisasi=realisasi,
                                file=SimpleUploadedFile("rekap.pdf", one_page_pdf(), "application/pdf"))


def test_evidence_bytes(capsys, office, evidence_file):
    def overwrite():
        path = default_storage.path(evidence_file.file.name)
        with open(path, "ab") as out:
            out.write(b"%% diganti")

    assert_caught(capsys, office, overwrite, f"Evidence id {evidence_file.pk}", "isi berkas diganti")


def test_evidence_sha256_column(capsys, office, evidence_file):
    assert_caught(capsys, office, lambda: Evidence.objects.filter(pk=evidence_file.pk).update(sha256="0" * 64),
                  f"Evidence id {evidence_file.pk}", "diubah di luar Alur")


def test_deleted_evidence_row(capsys, office, realisasi):
    evidence = kinerja.evidence_add(user=user("kabidpp"), realisasi=realisasi, note="Rekap SiCantik")
    assert_caught(capsys, office, lambda: raw_delete(Evidence.objects.filter(pk=evidence.pk)),
                  f"Evidence id {evidence.pk}", "dihapus di luar Alur")


def test_generated_document_data(capsys, office, revision_named):
    from alur.documents.services import generate_for_task
    from alur.runs import services as runs
    from tests.documents.test_generation import advance_to

    run = runs.run_start(revision=revision_named("IKU"), user=user("admin"), purpose="IKU 2026", now=START)
    task, clock = advance_to(run, 3, START)
    version = generate_for_task(task=task, user=task.assignee.user, now=clock).version
    generated = Generated.objects.get(version=version)
    assert_caught(capsys, office, lambda: Generated.objects.filter(pk=generated.pk).update(data={"dipalsukan": 1}),
                  f"Generated id {generated.pk}", "diubah di luar Alur")


def test_narrative(capsys, office):
    row = narratives.save(office, "lkjip", 2026, "ikhtisar", "Capaian naik.", user("kasubbag"))
    assert_caught(capsys, office, lambda: NarrativeVersion.objects.filter(pk=row.pk).update(text="Capaian turun."),
                  f"NarrativeVersion id {row.pk}", "diubah di luar Alur")


def test_letter_downgraded_from_rahasia(capsys, office):
    letter = letter_register(office=office, user=user("admin"), nomor_surat="R/01/2026", tanggal_surat=DAY,
                             asal="Inspektorat", perihal="Pemeriksaan khusus", sifat="rahasia", received_on=DAY)
    assert_caught(capsys, office, lambda: IncomingLetter.objects.filter(pk=letter.pk).update(sifat="biasa"),
                  f"IncomingLetter id {letter.pk}", "diubah di luar Alur")


def test_employee_admin_flag(capsys, office):
    employee = org.employee_create(user=user("admin"), office=office, name="Sari Dewi, S.E.",
                                   nip="199501012020122001")
    assert_caught(capsys, office, lambda: Employee.objects.filter(pk=employee.pk).update(is_office_admin=True),
                  f"Employee id {employee.pk}", "diubah di luar Alur")


def test_grant_inserted_directly(capsys, office, other_office):
    outsider = get_user_model().objects.get(username="kadisdik")
    assert_caught(capsys, office, lambda: OfficeGrant.objects.bulk_create([OfficeGrant(user=outsider, office=office)]),
                  "OfficeGrant id", "tidak tercatat di jejak")


def test_every_write_of_an_act_is_fingerprinted_on_its_entry(office, realisasi):
    entry = Entry.objects.filter(office=office, kind="kinerja.realisasi.ubah").latest("position")
    assert list(entry.records) == [f"kinerja.realisasi:{realisasi.pk}"]
    assert entry.hash != "" and len(entry.records[f"kinerja.realisasi:{realisasi.pk}"]) == 64


def test_an_empty_new_realisation_is_on_the_trail_too(capsys, office):
    indicator = Indicator.objects.get(renstra__office=office, code="IND-09")
    empty = kinerja.realisasi_save(user=user("kabidpp"), indicator=indicator, year=2026, triwulan=3, value=None,
                                   day=DAY)
    assert Entry.objects.filter(office=office, records__has_key=f"kinerja.realisasi:{empty.pk}").exists()
    assert verify(capsys, office) == ""


def test_the_full_demo_verifies_clean(capsys, db):
    call_command("demo", "--quiet-logins")
    capsys.readouterr()
    call_command("audit", "verify")
    assert "utuh" in capsys.readouterr().out


def test_old_entries_keep_their_hashes(office):
    """An entry without records hashes exactly as before the column existed."""
    from django.db import transaction

    from alur.audit.models import entry_content
    from alur.audit.services import record
    from alur.core.hashchain import entry_hash

    with transaction.atomic():
        entry = record(office=office, kind="uji.tanpa_data", data={"n": 1})
    entry.refresh_from_db()
    assert entry.records is None
    before = {"office": entry.office_id, "position": entry.position, "kind": entry.kind, "run": entry.run_id,
              "user": entry.user_id, "at": entry.at.astimezone(ZoneInfo("UTC")).isoformat(), "data": entry.data}
    assert entry_content(*[getattr(entry, f) for f in ("office_id", "position", "kind", "run_id", "user_id", "at",
                                                       "data")]) == before
    assert entry_hash(entry.prev_hash, before) == entry.hash


def test_a_grant_given_and_revoked_in_the_django_admin_is_on_the_trail(capsys, office, other_office, client,
                                                                      django_user_model):
    """The admin is a way in for superusers: its writes are acts, not tampering."""
    client.force_login(django_user_model.objects.create_superuser("root", password="x-very-secret-1"))
    outsider = get_user_model().objects.get(username="kadisdik")
    response = client.post("/admin/org/officegrant/add/", {"user": outsider.pk, "office": office.pk,
                                                            "note": "Pemeriksaan Inspektorat"})
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = OfficeGrant.objects.get(user=outsider, office=office)
    assert Entry.objects.filter(office=office, kind="admin.ditambah", user__username="root",
                                records__has_key=f"org.officegrant:{grant.pk}").exists()
    assert verify(capsys, office) == ""
    response = client.post(f"/admin/org/officegrant/{grant.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not OfficeGrant.objects.filter(pk=grant.pk).exists()
    assert Entry.objects.filter(office=office, kind="admin.dihapus",
                                records__has_key=f"org.officegrant:{grant.pk}").exists()
    assert verify(capsys, office) == ""


def test_verify_replay_of_all_runs_checks_the_records_too(capsys, office):
    letter = letter_register(office=office, user=user("admin"), nomor_surat="R/02/2026", tanggal_surat=DAY,
                             asal="Inspektorat", perihal="Pemeriksaan khusus", sifat="rahasia", received_on=DAY)
    call_command("runs", "verify-replay", "--progress", "0")
    IncomingLetter.objects.filter(pk=letter.pk).update(sifat="biasa")
    capsys.readouterr()
    with pytest.raises(CommandError):
        call_command("runs", "verify-replay", "--progress", "0")
    assert f"IncomingLetter id {letter.pk}" in capsys.readouterr().err


def test_baseline_records_the_rows_of_a_database_upgraded_from_before_records(capsys, office, other_office):
    """Rows written before entries carried fingerprints are 'not on the trail' until the operator's
    one-off `alur audit baseline`, which records them in an audit.baseline act."""
    outsider = get_user_model().objects.get(username="kadisdik")
    OfficeGrant.objects.bulk_create([OfficeGrant(user=outsider, office=office, note="sebelum pembaruan")])
    assert "tidak tercatat di jejak" in verify(capsys, office)
    call_command("audit", "baseline", "--office", office.code, "--reason", "Pembaruan Alur")
    assert "1 data dicatat" in capsys.readouterr().out
    assert Entry.objects.filter(office=office, kind="audit.baseline", data__alasan="Pembaruan Alur").exists()
    assert verify(capsys, office) == ""


# The structure and the calendar: who a step lands on, whose name a document carries, when it is due.

def test_unit_renamed_directly(capsys, office):
    from alur.org.models import Unit

    unit = org.unit_create(user=user("admin"), office=office, name="Bidang Pengaduan")
    assert_caught(capsys, office, lambda: Unit.objects.filter(pk=unit.pk).update(name="Bidang Lain"),
                  f"Unit id {unit.pk}", "diubah di luar Alur")


def test_position_holder_swapped_directly(capsys, office):
    from alur.org.models import PositionHolding

    holding = PositionHolding.objects.filter(position__office=office, end__isnull=True).order_by("pk").first()
    other = Employee.objects.filter(office=office).exclude(pk=holding.employee_id).order_by("pk").first()
    assert_caught(capsys, office, lambda: PositionHolding.objects.filter(pk=holding.pk).update(employee=other),
                  f"PositionHolding id {holding.pk}", "diubah di luar Alur")


def test_day_off_inserted_directly(capsys, office):
    from alur.workdays.models import SpecialDay

    assert_caught(capsys, office, lambda: SpecialDay.objects.bulk_create([
        SpecialDay(office=office, date=date(2026, 11, 3), kind=SpecialDay.Kind.OFF, note="libur")]),
        "SpecialDay id", "tidak tercatat di jejak")


def test_capaian_scale_row_edited_directly(capsys, office):
    from alur.kinerja.models import CapaianScaleRow
    from alur.kinerja.setup import setting_for

    setting_for(office)  # the office's settings and scales (the demo loader made them)
    row = CapaianScaleRow.objects.filter(office=office).order_by("pk").first()
    assert_caught(capsys, office, lambda: CapaianScaleRow.objects.filter(pk=row.pk).update(label="Sangat Baik"),
                  f"CapaianScaleRow id {row.pk}", "diubah di luar Alur")


def test_settings_made_with_the_office_are_on_the_trail(capsys, other_office):
    from alur.kinerja.models import KinerjaSetting
    from alur.kinerja.setup import setting_for

    before = Entry.objects.filter(office=other_office).count()
    setting_for(other_office)  # a page opened for the first time reads only: the office came with them
    entry = Entry.objects.filter(office=other_office, kind="kinerja.pengaturan.awal").get()
    assert Entry.objects.filter(office=other_office).count() == before
    assert entry.position == 1  # the office's first entry, written in the transaction that made it
    assert any(key.startswith("kinerja.predikatrow:") for key in entry.records)
    assert verify(capsys, other_office) == ""
    setting = KinerjaSetting.objects.get(office=other_office)
    assert_caught(capsys, other_office,
                  lambda: KinerjaSetting.objects.filter(pk=setting.pk).update(window_closes_after=99),
                  f"KinerjaSetting id {setting.pk}", "diubah di luar Alur")


def test_a_day_off_and_a_unit_changed_in_the_django_admin_are_on_the_trail(capsys, office, client,
                                                                          django_user_model):
    from alur.org.models import Unit
    from alur.workdays.models import SpecialDay

    client.force_login(django_user_model.objects.create_superuser("root", password="x-very-secret-1"))
    response = client.post("/admin/workdays/specialday/add/", {"office": office.pk, "date": "2026-11-03",
                                                                "kind": "libur", "note": "cuti bersama"})
    assert response.status_code == 302, response.content.decode()[:2000]
    day = SpecialDay.objects.get(office=office, date=date(2026, 11, 3))
    assert Entry.objects.filter(office=office, kind="admin.ditambah",
                                records__has_key=f"workdays.specialday:{day.pk}").exists()
    unit = Unit.objects.filter(office=office).order_by("pk").first()
    response = client.post(f"/admin/org/unit/{unit.pk}/change/", {"name": "Sekretariat Dinas", "office": office.pk,
                                                                  "parent": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert verify(capsys, office) == ""


def test_a_log_in_deleted_in_the_django_admin_is_on_the_trail(capsys, office, other_office, client,
                                                              django_user_model):
    """Its grant goes (CASCADE) and its employee loses the link (SET_NULL): acts, not tampering."""
    reader = django_user_model.objects.create_user("pembaca", password="x-very-secret-1")
    client.force_login(django_user_model.objects.create_superuser("root", password="x-very-secret-1"))
    client.post("/admin/org/officegrant/add/", {"user": reader.pk, "office": office.pk, "note": "Pembaca"})
    employee = org.employee_create(user=user("admin"), office=office, name="Sari Dewi, S.E.",
                                   nip="199501012020122001")
    Employee.objects.filter(pk=employee.pk).update(user=reader)
    records_baseline(office)
    assert verify(capsys, office) == ""
    response = client.post(f"/admin/auth/user/{reader.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not OfficeGrant.objects.filter(user_id=reader.pk).exists()
    assert Employee.objects.get(pk=employee.pk).user_id is None
    assert Entry.objects.filter(office=office, kind="admin.dihapus", data__pengguna="pembaca").exists()
    assert verify(capsys, office) == ""


def records_baseline(office):
    from alur.audit.records import baseline

    baseline(office, reason="akun ditautkan untuk uji", kind="audit.baseline")
