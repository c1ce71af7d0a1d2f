"""Spreadsheet imports of plans (Renstra matrix, programmes and pagu) and realisations: a dry run
lists what would change; applying goes through the same services as the pages, all or nothing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.core.text import text_error

from .. import policies
from ..imports import parse_programs, parse_realisasi, parse_renstra_matrix
from ..models import (
    Indicator,
    Realisasi,
    Renstra,
)
from ..spreadsheets import INDICATOR_SHEET, PROGRAM_SHEET, REALISASI_SHEET
from . import structure
from .common import lock_indicators, today_or
from .realisasi import ANALYSIS_FIELDS, realisasi_save
from .renstra import indicator_update, pagu_set, target_set


def _refuse_forbidden_text(parsed, sheet: str) -> None:
    """The one text rule of every form (alur.core.text) on every text cell an import would store,
    named by sheet and row (a new row) or by the indicator's code and column (a change)."""
    for creation in parsed.creations:
        for column, value in (("Uraian", creation.name), *creation.fields.items()):
            problem = text_error(value) if isinstance(value, str) else None
            if problem:
                parsed.errors.append(_("Sheet %(sheet)s, baris %(row)s, kolom %(column)s: %(problem)s") % {
                    "sheet": sheet, "row": creation.row, "column": column, "problem": problem})
    for change in parsed.changes:
        problem = text_error(change.new) if isinstance(change.new, str) else None
        if problem:
            parsed.errors.append(_("Sheet %(sheet)s, kode %(code)s, kolom %(column)s: %(problem)s") % {
                "sheet": sheet, "code": change.indicator.code, "column": change.column, "problem": problem})


def _apply_plan_file(*, user, renstra: Renstra, data: bytes, apply: bool, parse, store, sheet: str):
    """A plan spreadsheet (Renstra matrix, programmes): `parse` reads it against the Renstra; a dry
    run (apply=False) lists creations and changes; apply=True creates the new rows and passes each
    change to `store`, all or nothing. Returns `imports.Parsed`."""
    renstra = Renstra.objects.select_related("office").get(pk=renstra.pk)
    policies.require(policies.can_edit_plan(user, renstra.office),
                     _("Hanya unit perencanaan yang mengimpor rencana kinerja."))
    parsed = parse(renstra, data)
    _refuse_forbidden_text(parsed, sheet)
    if apply and not parsed.errors and (parsed.changes or parsed.creations):
        try:
            with transaction.atomic():
                # Every lock before the first trail entry (alur/audit/locking.py): the Renstra, then
                # its indicators, whose targets and definitions `store` changes.
                lock_rows(Renstra.objects.filter(pk=renstra.pk)).get()
                lock_indicators(Indicator.objects.filter(renstra=renstra).values_list("pk", flat=True))
                structure.import_creations(user=user, renstra=renstra, creations=parsed.creations)
                for change in parsed.changes:
                    store(change)
        except ValidationError as error:  # nothing was kept; the dry run's list is not what happened
            parsed.errors.extend(error.messages)
    return parsed


def renstra_matrix_import(*, user, renstra: Renstra, data: bytes, apply: bool, reason: str = ""):
    """Baselines and yearly targets (and, on a draft Renstra, new tujuan/sasaran/indicators) from
    `spreadsheets.renstra_workbook`. `reason` is what a change to targets fixed by a signed document
    needs (locks)."""
    def store(change):
        if change.year is None:
            indicator_update(user=user, indicator=change.indicator, baseline=change.new, reason=reason)
        else:
            target_set(user=user, indicator=change.indicator, year=change.year, value=change.new, reason=reason)

    return _apply_plan_file(user=user, renstra=renstra, data=data, apply=apply, parse=parse_renstra_matrix,
                            store=store, sheet=INDICATOR_SHEET)


class _ImportRefused(Exception):
    """Unwinds the import transaction when a row is refused while storing (nothing is kept)."""


def realisasi_import(*, user, office, year: int, triwulan: int, data: bytes, apply: bool,
                     day: date | None = None, reason: str = ""):
    """The realisations of one period from `spreadsheets.realisasi_template`: a dry run lists the
    changes; apply=True saves them as draft through `realisasi_save` (its policy, entry-window and
    lock checks: `reason` for a period a signed report fixed), all or nothing. Returns `imports.Parsed`."""
    # Reading the office comes first; each row is then checked by realisasi_save's own policy.
    policies.require(policies.can_read(user, office), _("Anda tidak berhak membaca data kinerja OPD ini."))
    day = today_or(day)
    parsed = parse_realisasi(user=user, office=office, year=year, triwulan=triwulan, data=data, day=day)
    _refuse_forbidden_text(parsed, REALISASI_SHEET)
    if not parsed.changes or parsed.errors:
        return parsed
    by_indicator: dict[int, list] = {}
    for change in parsed.changes:
        by_indicator.setdefault(change.indicator.pk, []).append(change)
    # The dry run saves too, inside a transaction it then rolls back: so it checks exactly what the
    # save checks (policy, entry window, locks), for every indicator, and lists every refusal.
    try:
        with transaction.atomic():
            # Every lock before the first trail entry (alur/audit/locking.py): the indicators, then
            # their realisations of the period, each in key order.
            lock_indicators(by_indicator)
            list(lock_rows(Realisasi.objects.filter(indicator__in=list(by_indicator), year=year, triwulan=triwulan)
                           .order_by("pk")).values_list("pk", flat=True))
            for changes in by_indicator.values():
                indicator = changes[0].indicator
                current = Realisasi.objects.filter(indicator=indicator, year=year, triwulan=triwulan).first()
                fields = {field: getattr(current, field) if current else ("" if field != "value" else None)
                          for field in ("value", *ANALYSIS_FIELDS)}
                fields.update({change.field: change.new for change in changes})
                try:
                    with transaction.atomic():  # one savepoint per indicator: the next is still checked
                        realisasi_save(user=user, indicator=indicator, year=year, triwulan=triwulan, day=day,
                                       reason=reason, **fields)
                except (ValidationError, PermissionDenied) as error:
                    messages = getattr(error, "messages", None) or [str(error)]
                    parsed.errors.append(_("%(code)s: %(messages)s") % {"code": indicator.code,
                                                                        "messages": " ".join(messages)})
            if parsed.errors or not apply:
                raise _ImportRefused  # all or nothing; a dry run keeps nothing
    except _ImportRefused:
        pass
    return parsed


def program_import(*, user, renstra: Renstra, data: bytes, apply: bool):
    """Pagu indikatif (and, on a draft Renstra, new programmes/kegiatan/sub-kegiatan) from
    `spreadsheets.program_workbook`."""
    return _apply_plan_file(user=user, renstra=renstra, data=data, apply=apply, parse=parse_programs,
                            store=lambda change: pagu_set(user=user, node=change.indicator, year=change.year,
                                                          amount=change.new), sheet=PROGRAM_SHEET)
