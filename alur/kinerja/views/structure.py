"""Pages where the planning unit builds the Renstra: create it, add/edit/delete tujuan, sasaran,
indicators, programmes, kegiatan and sub-kegiatan, set it (ditetapkan) and open a revision.

Plain forms that work without JavaScript. Every row is looked up within the office the URL names
(another office: 404, as `visible_offices` says); the buttons on the Renstra page are shown by the
same predicate (`policies.can_edit_plan` and a draft Renstra) that the services enforce."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alur.kit.forms import add_service_errors

from .. import policies, services
from ..models import Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan
from ..services import structure
from ..structure_forms import (
    CodeNameForm,
    IndicatorForm,
    LineForm,
    ProgramForm,
    RenstraCreateForm,
    RevisionForm,
    SasaranForm,
)
from .common import nav_context, office_or_404
from .renstra import renstra_tree


@dataclass(frozen=True)
class Level:
    model: type
    office_path: str  # lookup from the row to its office
    renstra_path: str  # lookup from the row to its Renstra
    noun: str


LEVELS = {
    "tujuan": Level(Tujuan, "renstra__office", "renstra", gettext_lazy("tujuan")),
    "sasaran": Level(Sasaran, "tujuan__renstra__office", "tujuan__renstra", gettext_lazy("sasaran")),
    "indikator": Level(Indicator, "renstra__office", "renstra", gettext_lazy("indikator")),
    "program": Level(Program, "renstra__office", "renstra", gettext_lazy("program")),
    "kegiatan": Level(Kegiatan, "program__renstra__office", "program__renstra", gettext_lazy("kegiatan")),
    "subkegiatan": Level(SubKegiatan, "kegiatan__program__renstra__office", "kegiatan__program__renstra",
                         gettext_lazy("sub-kegiatan")),
}
# What may be added under what: (level, parent level).
ADDABLE = {("tujuan", "renstra"), ("sasaran", "tujuan"), ("indikator", "sasaran"), ("indikator", "program"),
           ("indikator", "kegiatan"), ("indikator", "subkegiatan"), ("program", "renstra"),
           ("kegiatan", "program"), ("subkegiatan", "kegiatan")}


def _row(office, level: str, pk: int):
    if level == "renstra":
        return get_object_or_404(Renstra, pk=pk, office=office)
    if level not in LEVELS:
        raise Http404(_("Tingkat struktur tidak dikenal."))
    return get_object_or_404(LEVELS[level].model, pk=pk, **{LEVELS[level].office_path: office})


def _renstra_of(level: str, row) -> Renstra:
    if level == "renstra":
        return row
    renstra = row
    for part in LEVELS[level].renstra_path.split("__"):
        renstra = getattr(renstra, part)
    return renstra


def _require_planner(request, office) -> None:
    policies.require(policies.can_edit_plan(request.user, office),
                     _("Hanya unit perencanaan yang menyusun struktur Renstra."))


def _back(office, renstra=None):
    """The Renstra page, on the plan just worked on (a draft next plan is not the default one)."""
    url = reverse("kinerja:renstra", args=[office.code])
    return f"{url}?periode={renstra.start_year}" if renstra is not None else url


def _render_form(request, office, form, title: str, renstra=None, submit: str = ""):
    return render(request, "kinerja/structure/form.html", {
        **nav_context(request, office), "form": form, "title": title, "renstra": renstra,
        "back": _back(office, renstra),
        "submit": submit or _("Simpan"), "section": "renstra"})


@login_required
def renstra_page(request, code):
    """The Renstra tree; an office without a Renstra shows its planner the way to create one."""
    office = office_or_404(request, code)
    if not Renstra.objects.filter(office=office).exists() and policies.can_edit_plan(request.user, office):
        return render(request, "kinerja/structure/empty.html", {**nav_context(request, office), "section": "renstra"})
    return renstra_tree(request, code)


@login_required
def renstra_create(request, code):
    office = office_or_404(request, code)
    _require_planner(request, office)
    form = RenstraCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            renstra = structure.renstra_create(user=request.user, office=office, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(renstra)s dibuat sebagai draf.") % {"renstra": renstra})
            return redirect(_back(office, renstra))
    return _render_form(request, office, form, _("Buat Renstra"), submit=_("Buat Renstra"))


def _form_for(level: str, office, renstra, data=None, initial=None):
    if level == "indikator":
        return IndicatorForm(data, office=office, years=renstra.years, initial=initial)
    if level == "sasaran":
        return SasaranForm(data, renstra=renstra, initial=initial)
    if level == "program":
        return ProgramForm(data, office=office, renstra=renstra, initial=initial)
    if level in ("kegiatan", "subkegiatan"):
        return LineForm(data, office=office, years=renstra.years, initial=initial)
    return CodeNameForm(data, initial=initial)


def _create(level: str, user, parent, data: dict):
    if level == "tujuan":
        return structure.tujuan_create(user=user, renstra=parent, code=data["code"], name=data["name"])
    if level == "sasaran":
        return structure.sasaran_create(user=user, tujuan=parent, code=data["code"], name=data["name"])
    if level == "indikator":
        return structure.indicator_create(user=user, parent=parent, **data)
    if level == "program":
        return structure.program_create(user=user, renstra=parent, **data)
    if level == "kegiatan":
        return structure.kegiatan_create(user=user, program=parent, **data)
    return structure.subkegiatan_create(user=user, kegiatan=parent, **data)


@login_required
def node_add(request, code, level, parent_level, parent):
    office = office_or_404(request, code)
    if (level, parent_level) not in ADDABLE:
        raise Http404(_("Tingkat struktur tidak dikenal."))
    parent_row = _row(office, parent_level, parent)
    renstra = _renstra_of(parent_level, parent_row)
    _require_planner(request, office)
    initial = {"tujuan": parent_row.pk} if level == "sasaran" else None
    form = _form_for(level, office, renstra, request.POST or None, initial=initial)
    if level == "sasaran":
        form.fields.pop("tujuan")  # added under the tujuan of the URL
    if request.method == "POST" and form.is_valid():
        data = form.service_fields() if level == "indikator" else dict(form.cleaned_data)
        try:
            _save_with_pagu(form, lambda line: _create(level, request.user, parent_row, line), request.user, data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(noun)s %(code)s ditambahkan.") % {
                "noun": LEVELS[level].noun.capitalize(), "code": data["code"]})
            return redirect(_back(office, renstra))
    title = _("Tambah %(noun)s") % {"noun": LEVELS[level].noun}
    if parent_level != "renstra":
        title += " — " + str(parent_row)
    return _render_form(request, office, form, title, renstra=renstra)


def _save_with_pagu(form, save, user, data: dict):
    """Save the row; for a programme, kegiatan or sub-kegiatan also each pagu year filled in (through
    `pagu_set`, which records what changed). One act: all or nothing."""
    if not isinstance(form, LineForm):
        return save(data)
    line, pagu = form.split()
    with transaction.atomic():
        node = save(line)
        for year, amount in sorted(pagu.items()):
            services.pagu_set(user=user, node=node, year=year, amount=amount)
    return node


def _initial(level: str, row, renstra) -> dict:
    if level == "indikator":
        fields = [f for f in IndicatorForm.base_fields]
        initial = {name: getattr(row, name) for name in fields if name not in ("unit", "position")}
        initial.update({"unit": row.unit_id, "position": row.position_id})
        targets = dict(IndicatorTarget.objects.filter(indicator=row).values_list("year", "value"))
        initial.update({f"target_{year}": targets.get(year) for year in renstra.years})
        return initial
    initial = {"code": row.code, "name": row.name}
    for name in ("unit", "sasaran", "tujuan"):
        if hasattr(row, f"{name}_id"):
            initial[name] = getattr(row, f"{name}_id")
    if level in ("program", "kegiatan", "subkegiatan"):
        initial.update({f"pagu_{p.year}": p.amount for p in row.pagu.all()})
    return initial


def _update_indicator(user, indicator: Indicator, data: dict) -> None:
    """An indicator's definition through `indicator_update`, its targets through `target_set`: one act."""
    targets, reason = data.pop("targets"), data.pop("reason", "")
    data.pop("code")  # the code is how spreadsheets refer to the indicator; it is not changed here
    with transaction.atomic():
        services.indicator_update(user=user, indicator=indicator, reason=reason, **data)
        current = dict(IndicatorTarget.objects.filter(indicator=indicator).values_list("year", "value"))
        for year in indicator.renstra.years:
            if current.get(year) != targets.get(year) and (year in current or targets.get(year) is not None):
                services.target_set(user=user, indicator=indicator, year=year, value=targets.get(year),
                                    reason=reason)


def _update(level: str, user, row, data: dict):
    if level == "tujuan":
        return structure.tujuan_update(user=user, tujuan=row, **data)
    if level == "sasaran":
        return structure.sasaran_update(user=user, sasaran=row, **data)
    if level == "indikator":
        return _update_indicator(user, row, data)
    if level == "program":
        return structure.program_update(user=user, program=row, **data)
    if level == "kegiatan":
        return structure.kegiatan_update(user=user, kegiatan=row, **data)
    return structure.subkegiatan_update(user=user, sub_kegiatan=row, **data)


@login_required
def node_edit(request, code, level, pk):
    office = office_or_404(request, code)
    row = _row(office, level, pk)
    if level == "renstra":
        raise Http404(_("Tingkat struktur tidak dikenal."))
    renstra = _renstra_of(level, row)
    _require_planner(request, office)
    form = _form_for(level, office, renstra, request.POST or None, initial=_initial(level, row, renstra))
    if level == "indikator":
        form.fields["code"].disabled = True
        form.fields["code"].help_text = _("Kode indikator tidak diubah: spreadsheet merujuk indikator dengan kode ini.")
        form.fields["reason"] = forms.CharField(
            label=_("Alasan perubahan setelah penetapan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Wajib bila definisi atau target sudah ditetapkan dalam dokumen yang ditandatangani "
                        "(Dokumen IKU, PK)."))
    if request.method == "POST" and form.is_valid():
        data = form.service_fields() if level == "indikator" else dict(form.cleaned_data)
        if level == "indikator":
            data["reason"] = form.cleaned_data.get("reason", "")
        try:
            _save_with_pagu(form, lambda line: _update(level, request.user, row, line), request.user, data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(noun)s %(code)s disimpan.") % {
                "noun": LEVELS[level].noun.capitalize(), "code": row.code})
            return redirect(_back(office, renstra))
    return _render_form(request, office, form, _("Ubah %(noun)s %(code)s") % {
        "noun": LEVELS[level].noun, "code": row.code}, renstra=renstra)


DELETE = {"tujuan": lambda user, row: structure.tujuan_delete(user=user, tujuan=row),
          "sasaran": lambda user, row: structure.sasaran_delete(user=user, sasaran=row),
          "indikator": lambda user, row: structure.indicator_delete(user=user, indicator=row),
          "program": lambda user, row: structure.program_delete(user=user, program=row),
          "kegiatan": lambda user, row: structure.kegiatan_delete(user=user, kegiatan=row),
          "subkegiatan": lambda user, row: structure.subkegiatan_delete(user=user, sub_kegiatan=row)}


@login_required
def node_delete(request, code, level, pk):
    """GET asks for confirmation; POST deletes (or shows why the row cannot go)."""
    office = office_or_404(request, code)
    if level not in DELETE:
        raise Http404(_("Tingkat struktur tidak dikenal."))
    row = _row(office, level, pk)
    renstra = _renstra_of(level, row)
    _require_planner(request, office)
    error = None
    if request.method == "POST":
        try:
            DELETE[level](request.user, row)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("%(noun)s %(code)s dihapus.") % {
                "noun": LEVELS[level].noun.capitalize(), "code": row.code})
            return redirect(_back(office, renstra))
    return render(request, "kinerja/structure/delete.html", {
        **nav_context(request, office), "row": row, "noun": LEVELS[level].noun, "error": error,
        "back": _back(office, renstra),
        "section": "renstra"}, status=400 if error else 200)


@login_required
@require_POST
def renstra_tetapkan(request, code, pk):
    office = office_or_404(request, code)
    renstra = get_object_or_404(Renstra, pk=pk, office=office)
    try:
        services.renstra_tetapkan(user=request.user, renstra=renstra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Renstra ditetapkan; perubahan berikutnya melalui revisi."))
    return redirect(_back(office, renstra))


@login_required
def renstra_revision(request, code, pk):
    office = office_or_404(request, code)
    renstra = get_object_or_404(Renstra, pk=pk, office=office)
    _require_planner(request, office)
    form = RevisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.renstra_open_revision(user=request.user, renstra=renstra, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Revisi Renstra dibuka; struktur dan target dapat diubah lagi."))
            return redirect(_back(office, renstra))
    return _render_form(request, office, form, _("Buka revisi %(renstra)s") % {"renstra": renstra},
                        renstra=renstra, submit=_("Buka revisi"))

