"""Issue 18 item 3: the subject of a run (its year, and for a data collection its triwulan) is chosen at
start, stored on the run and its start entry, and read by the documents, the collection and the SAKIP year."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alur.audit.models import Entry
from alur.core.kinerja.periods import agreement_year, plan_year, report_year, this_year, title_conflict
from alur.documents.services import period_of
from alur.kinerja.collection import period_of_run
from alur.runs import about
from alur.runs.forms import RunStartForm
from alur.runs.models import Run
from alur.runs.services import run_start
from alur.runs.verify import verify_run

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
DECEMBER = datetime(2026, 12, 7, 9, 0, tzinfo=JAKARTA)
FEBRUARY = datetime(2027, 2, 3, 9, 0, tzinfo=JAKARTA)


def _admin():
    return get_user_model().objects.get(username="admin")


def test_defaults_follow_the_calendar_of_each_kind_of_report():
    assert report_year(date(2027, 2, 3)) == 2026 and report_year(date(2026, 12, 7)) == 2026
    assert plan_year(date(2026, 7, 1)) == 2027
    assert agreement_year(date(2026, 1, 10)) == 2026 and agreement_year(date(2026, 12, 7)) == 2027
    assert this_year(date(2026, 12, 7)) == 2026
    assert title_conflict("Pengumpulan Data Kinerja Triwulan IV 2026", 3) == 4
    assert title_conflict("Pengumpulan Data Kinerja TW 3 2026", 3) is None
    assert title_conflict("Pengumpulan data kinerja", 3) is None


def test_the_sops_say_what_their_runs_are_about(revision_named):
    assert about.need_of(revision_named("LkjIP")).key == "dokumen:lkjip"
    assert about.need_of(revision_named("RENJA")).key == "dokumen:renja"
    collection = about.need_of(revision_named("Pengumpulan"))
    assert collection.key == "pengumpulan" and collection.quarterly


def test_an_lkjip_run_for_2026_reports_on_2026_and_its_start_entry_carries_it(revision_named):
    run = run_start(revision=revision_named("LkjIP"), user=_admin(), purpose="Penyusunan LKjIP Tahun 2026",
                    year=2026, now=FEBRUARY)
    assert (run.year, run.about_year, run.about_triwulan, run.about_label) == (2026, 2026, None, "Tahun 2026")
    assert period_of(run, "lkjip") == (2026, None)
    start = Entry.objects.get(run_id=run.pk, kind="alur.start")
    assert start.data["about"] == [2026, None]
    assert verify_run(run) == []


def test_left_empty_the_lkjip_is_last_years_and_in_december_this_years(revision_named):
    early = run_start(revision=revision_named("LkjIP"), user=_admin(), purpose="LKjIP", now=FEBRUARY)
    late = run_start(revision=revision_named("LkjIP"), user=_admin(), purpose="LKjIP", now=DECEMBER)
    assert (early.about_year, late.about_year) == (2026, 2026)
    renja = run_start(revision=revision_named("RENJA"), user=_admin(), purpose="Renja", now=DECEMBER)
    assert renja.about_year == 2027


def test_a_data_kinerja_run_collects_the_chosen_triwulan(revision_named):
    revision = revision_named("Pengumpulan")
    run = run_start(revision=revision, user=_admin(), purpose="Pengumpulan Data Kinerja Triwulan IV 2026",
                    year=2026, triwulan=4, now=DECEMBER)
    assert (run.about_year, run.about_triwulan) == (2026, 4)
    assert period_of_run(run) == (2026, 4) and period_of(run, "data_kinerja") == (2026, 4)
    assert Entry.objects.get(run_id=run.pk, kind="alur.start").data["about"] == [2026, 4]
    assert verify_run(run) == []
    # left empty: the quarter just ended
    default = run_start(revision=revision, user=_admin(), purpose="Pengumpulan data kinerja", now=DECEMBER)
    assert period_of_run(default) == (2026, 3)
    # a title that names another triwulan is refused, nothing is started
    before = Run.objects.count()
    with pytest.raises(ValidationError) as refused:
        run_start(revision=revision, user=_admin(), purpose="Pengumpulan Data Kinerja Triwulan IV 2026",
                  year=2026, triwulan=3, now=DECEMBER)
    assert "triwulan IV" in str(refused.value.message_dict["purpose"])
    assert Run.objects.count() == before


def test_a_triwulan_for_a_yearly_report_is_refused(revision_named):
    with pytest.raises(ValidationError) as refused:
        run_start(revision=revision_named("LkjIP"), user=_admin(), purpose="LKjIP", year=2026, triwulan=2,
                  now=FEBRUARY)
    assert "Triwulan hanya dipilih" in str(refused.value.message_dict["triwulan"])


def test_a_run_from_before_subjects_were_stored_derives_its_period_as_before(revision_named):
    run = run_start(revision=revision_named("Pengumpulan"), user=_admin(), purpose="Data kinerja", year=2026,
                    triwulan=4, now=DECEMBER)
    Run.objects.filter(pk=run.pk).update(about_year=None, about_triwulan=None)
    run.refresh_from_db()
    assert period_of_run(run) == (2026, 3)  # the old reading: the quarter ended before it started
    assert period_of(run, "data_kinerja") == (2026, 3)


def test_a_subject_changed_outside_alur_is_named_by_verify(revision_named):
    run = run_start(revision=revision_named("Pengumpulan"), user=_admin(), purpose="Data kinerja", year=2026,
                    triwulan=4, now=DECEMBER)
    Run.objects.filter(pk=run.pk).update(about_triwulan=3)
    run.refresh_from_db()
    problems = verify_run(run)
    assert [p.where for p in problems] == ["Run.about_year/about_triwulan"]
    assert "[2026, 3]" in problems[0].what and "[2026, 4]" in problems[0].what


def test_the_start_form_offers_the_chosen_sops_defaults(revision_named, demo_office):
    revision = revision_named("Pengumpulan")
    form = RunStartForm(office=demo_office, initial={"revision": str(revision.pk)})
    assert form.fields["triwulan"].initial is not None and form.fields["year"].initial is not None
    assert "LKjIP" in str(form.fields["year"].help_text) and "Renja" in str(form.fields["year"].help_text)


def test_the_start_page_starts_a_run_about_the_chosen_quarter(revision_named, login):
    revision = revision_named("Pengumpulan")
    client = login("admin")
    page = client.get(reverse("run_start") + f"?revision={revision.pk}").content.decode()
    assert 'name="triwulan"' in page and "Triwulan IV" in page
    response = client.post(reverse("run_start"), {"revision": revision.pk, "purpose": "Data kinerja TW IV 2026",
                                                    "year": "2026", "triwulan": "4"})
    assert response.status_code == 302
    run = Run.objects.latest("pk")
    assert (run.about_year, run.about_triwulan) == (2026, 4)
    page = client.get(reverse("run_detail", args=[run.pk])).content.decode()
    assert "tentang Triwulan IV 2026" in page
    refused = client.post(reverse("run_start"), {"revision": revision.pk, "purpose": "Data kinerja Triwulan II",
                                                  "year": "2026", "triwulan": "4"}).content.decode()
    assert "Keperluan menyebut triwulan II" in refused and Run.objects.latest("pk") == run


def test_a_collection_year_without_a_triwulan_reads_as_before_and_the_form_asks(revision_named, demo_office):
    need = about.need_of(revision_named("Pengumpulan"))
    assert about.choose(need, date(2026, 2, 3), 2026, None) == about.About(2025, 4)  # as runs read it before
    assert about.choose(need, date(2026, 12, 7), 2025, None) == about.About(2025, 4)
    assert about.choose(need, date(2026, 12, 7), None, None) == about.About(2026, 3)
    coming = timezone.localdate().year + 1  # a year none of whose quarters has ended
    form = RunStartForm({"revision": revision_named("Pengumpulan").pk, "purpose": "Data kinerja", "year": coming},
                        office=demo_office)
    assert not form.is_valid() and f"Belum ada triwulan {coming} yang berakhir" in form.errors["triwulan"][0]
    chosen = RunStartForm({"revision": revision_named("Pengumpulan").pk, "purpose": "Data kinerja", "year": coming,
                           "triwulan": "1"}, office=demo_office)
    assert chosen.is_valid(), chosen.errors
