"""Leaders' dashboards: now (where every run stands, who is late), workload, SOP time realism with
suggested Waktu, the kabupaten view, and the exports (XES/CSV event log, XLSX of every table).

Reading follows the offices' read rule (own office or an OfficeGrant, alur.org.selectors.
visible_offices): anything else is a 404. The only write (suggestions into a draft revision) goes
through alur.dashboard.services, which checks the SOP policies.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from alur.core.numbers import angka, persen
from alur.core.realism import Rule, minutes_text, waktu_minutes
from alur.core.text import text_problem
from alur.org.selectors import employee_of
from alur.sop.render.svg import flowchart_svg_document
from alur.workdays.selectors import calendar_for

from . import exports, policies, selectors, services, timings
from . import notifications as notes
from . import sakip as sakip_year
from . import year as year_glance
from .charts import histogram_svg
from .forms import NowForm, PeriodForm, RealismForm, SakipDeadlineForm, form_errors
from .models import NotificationSetting


def _period_form(request, form_class):
    today = timezone.localdate()
    form = form_class(request.GET, default=selectors.default_period(today))  # empty fields: the defaults
    if not form.is_valid():
        return form, None
    return form, form.cleaned_data


@login_required
def home(request):
    office = selectors.home_office(request.user)
    if office is not None:
        return redirect("dashboard:now", code=office.code)
    if selectors.granted_offices(request.user).exists():
        return redirect("dashboard:kabupaten")
    raise Http404


@login_required
def now(request, code):
    office = selectors.office_for(request.user, code)
    form, cleaned = _period_form(request, NowForm)
    if cleaned is None:
        return _bad_request(request, form)
    stamp = timings.refresh(office)
    download = request.GET.get("unduh") == "xlsx"
    everything = download or request.GET.get("semua") == "1"
    page = selectors.now_page(office, request.user, rows=selectors.LIMIT if everything else selectors.PAGE_ROWS)
    load = selectors.workload(office, cleaned["period"])
    if download:
        return exports.xlsx_response(f"dasbor-{office.code}", _now_tables(page, load))
    sops = selectors.sops_of(office)
    today_year = timezone.localdate().year
    glance = year_glance.year_glance(office, cleaned.get("tahun") or today_year, today_year)
    return render(request, "dashboard/now.html", {
        "office": office, "page": page, "load": load, "form": form, "period": cleaned["period"], "stamp": stamp,
        "glance": glance,
        "sops": sops, "nav_section": "dasbor", "can_kabupaten": selectors.granted_offices(request.user).exists(),
        "all_url": f"?{_with(request.GET, semua='1')}",
    })


def _with(query, **changes) -> str:
    query = query.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


def _now_tables(page, load):
    def name(task):
        return task.assignee.name if task.assignee else _("(tanpa pelaksana)")

    open_rows = [(t.task.run.revision.nama, t.task.run.purpose, t.task.step_no, name(t.task), t.task.opened_at,
                  t.task.due_at) for t in page.open_tasks]
    overdue_rows = [(t.task.run.revision.nama, t.task.step_no, name(t.task),
                     t.task.position.unit.name if t.task.position else "", t.task.due_at, t.late_text)
                    for t in page.overdue]
    return [
        (_("Alur berjalan"), [_("SOP"), _("Keperluan"), _("Langkah"), _("Pemegang"), _("Sejak"), _("Tenggat")],
         open_rows),
        (_("Tugas terlambat"), [_("SOP"), _("Langkah"), _("Pemegang"), _("Unit"), _("Tenggat"), _("Terlambat")],
         overdue_rows),
        (_("Terlambat per orang"), [_("Pegawai"), _("Tugas"), _("Rata-rata keterlambatan")],
         [(r["assignee__name"], r["tasks"], r["late_text"]) for r in page.overdue_by_person]),
        (_("Terlambat per unit"), [_("Unit"), _("Tugas"), _("Rata-rata keterlambatan")],
         [(r["position__unit__name"], r["tasks"], r["late_text"]) for r in page.overdue_by_unit]),
        (_("Tanpa pelaksana"), [_("SOP"), _("Langkah"), _("Pelaksana"), _("Sejak")],
         [(t.run.revision.nama, t.step_no, t.actor, t.opened_at) for t in page.missing_actor]),
        (_("Surat belum ditindaklanjuti"), [_("Nomor agenda"), _("Nomor surat"), _("Asal"), _("Perihal"),
                                            _("Diterima")],
         [_letter_row(letter) for letter in page.letters_waiting]),
        (_("Beban kerja per orang"), _LOAD_HEADERS(), _load_rows(load["people"])),
        (_("Beban kerja per unit"), _LOAD_HEADERS(), _load_rows(load["units"])),
    ]


def _letter_row(letter):
    """A waiting letter as the export shows it: a hidden Rahasia letter by its agenda number only, as on the page."""
    agenda = f"{letter.agenda_number}/{letter.agenda_year}"
    if letter.hidden:
        secret = _("(surat rahasia)")
        return (agenda, secret, secret, secret, letter.received_on)
    return (agenda, letter.nomor_surat, letter.asal, letter.perihal, letter.received_on)


def _LOAD_HEADERS():  # noqa: N802 - a constant that must translate at request time
    return [_("Nama"), _("Terbuka"), _("Selesai"), _("Selesai terlambat"), _("Rata-rata keterlambatan")]


def _load_rows(rows):
    return [(r["name"], r["open"], r["finished"], r["late"], r["avg_late_text"]) for r in rows]


def _bad_request(request, form):
    return render(request, "dashboard/bad_request.html", {"message": form_errors(form), "nav_section": "dasbor"},
                  status=400)


@login_required
def realism(request, code, pk):
    office = selectors.office_for(request.user, code)
    sop = selectors.sop_for(office, pk)
    form, cleaned = _period_form(request, RealismForm)
    if cleaned is None:
        return _bad_request(request, form)
    stamp = timings.refresh(office)
    figures = selectors.realism(sop, cleaned["period"], Rule(min_runs=cleaned["min_runs"]))
    comparison = selectors.revision_comparison(sop, cleaned["period"])
    day = calendar_for(office).standard_day.total_seconds() / 60
    if request.GET.get("unduh") == "xlsx":
        return exports.xlsx_response(f"realisme-{sop.slug}", _realism_tables(figures, comparison, day))
    charts = {s.no: mark_safe(histogram_svg(  # noqa: S308 - built from numbers and escaped text only
        s.histogram, _minutes_in_unit(s.waktu, day), label=_("Langkah %(no)s") % {"no": s.no},
        standard_label=str(s.waktu) if s.waktu else "", upper_label=f"{minutes_text(s.upper, s.unit, day)}+"))
        for s in figures.steps}
    return render(request, "dashboard/realism.html", {
        "office": office, "sop": sop, "r": figures, "form": form, "stamp": stamp, "day": day,
        "rows": [_step_row(s, charts[s.no], day) for s in figures.steps],
        "comparison": [_comparison_row(row, day) for row in comparison],
        "summary": {"lead_median": minutes_text(figures.lead_median, "hari", day),
                    "lead_p80": minutes_text(figures.lead_p80, "hari", day),
                    "standard": minutes_text(figures.standard_lead, "hari", day)},
        "flowchart": mark_safe(_annotated_flowchart(figures, day)),  # noqa: S308 - the SOP renderer escapes
        "can_apply": policies.can_apply_suggestions(request.user, sop), "nav_section": "dasbor",
        "query": request.GET.urlencode(),
    })


def _step_row(s, chart, day) -> dict:
    return {"s": s, "chart": chart, "median": minutes_text(s.median, s.unit, day),
            "p80": minutes_text(s.p80, s.unit, day), "within": _percent(s.within),
            "send_back": _percent(s.send_back_rate), "share": _percent(s.share if s.count else None),
            "p80_text": minutes_text(s.suggestion.p80_minutes, s.unit, day) if s.suggestion else ""}


def _comparison_row(row, day) -> dict:
    return {**row, "median_text": minutes_text(row["median"], "hari", day),
            "p80_text": minutes_text(row["p80"], "hari", day),
            "standard_text": minutes_text(row["standard"], "hari", day),
            "loops_text": angka(row["loops"] or 0, 2)}


def _minutes_in_unit(waktu, day):
    return waktu_minutes(waktu, day) if waktu else None


def _annotated_flowchart(figures, day) -> str:
    """The SOP's own flowchart SVG, with each step's Kegiatan followed by its real figures."""
    core = figures.revision.as_core()
    by_no = {s.no: s for s in figures.steps}
    steps = []
    for step in core.steps:
        s = by_no[step.no]
        note = (_("[n=%(n)s; median %(med)s; P80 %(p80)s]") % {
            "n": s.count, "med": minutes_text(s.median, s.unit, day), "p80": minutes_text(s.p80, s.unit, day)}
            if s.count else _("[belum ada data]"))
        steps.append(replace(step, kegiatan=f"{step.kegiatan} {note}"))
    return flowchart_svg_document(core.with_steps(steps))


def _yes(flag: bool) -> str:
    return _("ya") if flag else _("belum")


def _percent(value):
    return persen(None if value is None else value * 100, empty="—")


def _realism_tables(figures, comparison, day):
    steps = [(s.no, s.kegiatan, str(s.waktu) if s.waktu else "", s.count, minutes_text(s.median, s.unit, day),
              minutes_text(s.p80, s.unit, day), _percent(s.within), _percent(s.send_back_rate), _percent(s.share),
              str(s.suggestion.proposed) if s.suggestion else "") for s in figures.steps]
    revisions = [(row["revision__number"], row["n"], minutes_text(row["median"], "hari", day),
                  minutes_text(row["p80"], "hari", day), minutes_text(row["standard"], "hari", day),
                  row["on_time"], row["loops"]) for row in comparison]
    return [
        (_("Realisme waktu per langkah"), [pgettext("nomor urut", "No"), _("Kegiatan"), _("Waktu baku"),
                                          _("Jumlah"), _("Median"), _("P80"), _("Dalam baku"), _("Tingkat Tidak"),
                                          _("Porsi waktu tempuh"), _("Usulan Waktu")], steps),
        (_("Perbandingan revisi"), [_("Revisi"), _("Alur selesai"), _("Median waktu tempuh"), _("P80"),
                                    _("Baku (jumlah Waktu)"), _("Tepat waktu"), _("Rata-rata dikembalikan")],
         revisions),
    ]


@login_required
@require_POST
def realism_apply(request, code, pk):
    office = selectors.office_for(request.user, code)
    sop = selectors.sop_for(office, pk)
    form = RealismForm(request.POST, default=selectors.default_period(timezone.localdate()))
    if not form.is_valid():
        return _bad_request(request, form)
    figures = selectors.realism(sop, form.cleaned_data["period"], Rule(min_runs=form.cleaned_data["min_runs"]))
    wanted = set(request.POST.getlist("langkah"))
    chosen = [s for s in figures.suggestions if str(s.step_no) in wanted]
    back = reverse("dashboard:realism", args=[office.code, sop.pk])
    try:
        draft = services.suggestions_apply(sop=sop, user=request.user, suggestions=chosen,
                                           period_label=figures.period.label)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Anda tidak berwenang mengubah SOP ini."))
        return redirect(back)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("Draf revisi %(n)s dibuat dengan %(k)s usulan Waktu; periksa lalu sahkan.")
                     % {"n": draft.number, "k": len(chosen)})
    return redirect(f"{reverse('sop_detail', args=[sop.pk])}?revisi={draft.number}")


@login_required
def event_log(request, code, pk, fmt):
    office = selectors.office_for(request.user, code)
    sop = selectors.sop_for(office, pk)
    if fmt not in ("xes", "csv"):
        raise Http404
    return exports.event_log_response(sop, fmt)


@login_required
def kabupaten(request):
    offices = list(selectors.granted_offices(request.user))
    if not offices:
        raise Http404
    form, cleaned = _period_form(request, PeriodForm)
    if cleaned is None:
        return _bad_request(request, form)
    # An office never counted is counted now, once (an Inspektorat reader saw "belum pernah dihitung"
    # until someone opened that office's page); the others show their stamp: refreshing 40 offices on
    # every read would cost more than the minutes their figures may lag.
    for office in timings.never_refreshed(offices):
        timings.refresh(office)
    rows = selectors.kabupaten(offices, cleaned["period"])
    if request.GET.get("unduh") == "xlsx":
        empty = [{"name": "", "n": 0, "on_time": 0, "late": 0}]
        table = [(row["office"].name, kind["name"], kind["n"], kind["on_time"], kind["late"], row["open_runs"],
                  row["overdue"], _yes(row["sakip"]["pk_signed"]),
                  *(f"{q['verified']}/{row['sakip']['indicators']}" for q in row["sakip"]["quarters"]),
                  _yes(row["sakip"]["lkjip"]), *_capaian_cells(row["capaian"]))
                 for row in rows for kind in row["kinds"] or empty]
        return exports.xlsx_response("kabupaten", [(_("OPD berdampingan"), [
            _("OPD"), _("SOP"), _("Alur selesai"), _("Tepat waktu"), _("Terlambat"), _("Alur berjalan"),
            _("Tugas terlambat"), _("PK ditandatangani"), "TW1", "TW2", "TW3", "TW4", _("LKjIP selesai"),
            _("Indikator %(y)s") % {"y": cleaned["period"].end.year}, _("Indikator terverifikasi"),
            _("Rata-rata capaian terverifikasi (%)"), _("Per kategori"), _("Predikat")], table)])
    return render(request, "dashboard/kabupaten.html", {"rows": rows, "form": form, "period": cleaned["period"],
                                                        "nav_section": "dasbor"})


@login_required
def sakip_current(request, code):
    office = selectors.office_for(request.user, code)
    return redirect("dashboard:sakip", code=office.code, year=timezone.localdate().year)


@login_required
def sakip(request, code, year):
    """The office's SAKIP year at a glance; planners and the office admin set its deadlines here."""

    office = selectors.office_for(request.user, code)
    if not 2000 <= year <= 2100:
        raise Http404
    can_edit = policies.can_edit_sakip_deadlines(request.user, office)
    if request.method == "POST":
        form = SakipDeadlineForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("dashboard:sakip", code=office.code, year=year)
        data = form.cleaned_data
        try:
            if request.POST.get("aksi") == "hapus":
                removed = services.sakip_deadline_reset(office=office, user=request.user, year=year,
                                                        item=data["butir"], every_year=data["setiap_tahun"])
                messages.success(request, _("Tenggat kantor dihapus; berlaku tenggat bawaan.") if removed
                                 else _("Tidak ada tenggat kantor untuk butir itu."))
            else:
                services.sakip_deadline_set(office=office, user=request.user, year=year, item=data["butir"],
                                            due=data["tenggat"], every_year=data["setiap_tahun"],
                                            source=data["dasar"])
                messages.success(request, _("Tenggat disimpan."))
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("dashboard:sakip", code=office.code, year=year)
    entries = sakip_year.year_at_a_glance(office, year)
    if request.GET.get("unduh") == "xlsx":
        rows = [(e.deadline.due, e.deadline.item.label, e.deadline.source, e.state_label, e.done_on, e.detail,
                 request.build_absolute_uri(reverse("run_detail", args=[e.run.pk])) if e.run else "")
                for e in entries]
        return exports.xlsx_response(f"sakip-{office.code}-{year}", [(_("Tahun SAKIP %(y)s") % {"y": year}, [
            _("Tenggat"), _("Butir"), _("Dasar"), _("Keadaan"), _("Selesai pada"), _("Rincian"), _("Alur")], rows)])
    return render(request, "dashboard/sakip.html", {
        "office": office, "year": year, "entries": entries, "can_edit": can_edit,
        "form": SakipDeadlineForm(initial={"tenggat": timezone.localdate()}), "nav_section": "dasbor",
        "years": [year - 1, year + 1]})


def _capaian_cells(c) -> tuple:
    categories = "; ".join(f"{label} {n}" for label, _colour, n in c.categories)
    return (c.indicators, c.verified, c.average, categories, c.predikat or f"— ({c.predikat_reason})")


@login_required
def notifications(request):

    employee = employee_of(request.user)
    if employee is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("aksi", "")
        key = request.POST.get("kunci", "")
        problem = text_problem(key, single_line=True)
        if action == "baca" and problem is not None:  # e.g. a NUL byte, which PostgreSQL refuses to store
            messages.error(request, _("Kunci pemberitahuan mengandung %(p)s.") % {"p": problem})
        elif action == "baca":
            notes.mark_read(employee=employee, key=key)
        elif action == "ringkasan":
            notes.set_digest(employee=employee, wanted=request.POST.get("ringkasan") == "1")
            messages.success(request, _("Pengaturan ringkasan harian disimpan."))
        else:
            messages.error(request, _("Aksi tidak dikenal: '%(a)s'.") % {"a": action[:40]})
        return redirect("dashboard:notifications")
    items = notes.notifications_for(employee)
    if request.GET.get("unduh") == "xlsx":
        rows = [(n.at, notes.kind_label(n.kind), n.text, _("belum") if n.unread else _("sudah"),
                 request.build_absolute_uri(n.url)) for n in items]
        return exports.xlsx_response(f"pemberitahuan-{employee.pk}", [(_("Pemberitahuan"), [
            _("Waktu"), _("Jenis"), _("Pemberitahuan"), _("Dibaca"), _("Tautan")], rows)])
    setting = NotificationSetting.objects.filter(employee=employee).first()
    return render(request, "dashboard/notifications.html", {
        "items": items, "digest": setting.digest if setting else True,
        "has_email": bool(employee.email), "nav_section": "notifikasi"})
