"""The period a run is about (issue 18): its subject year and, for a quarterly collection, its triwulan,
chosen when the run starts and stored on it (`Run.about_year`, `Run.about_triwulan`, and on the trail's
start entry).

Runs do not know which SOP reports on what: the guest apps say so. Each registers, from its
`AppConfig.ready()`, a `Need` — which revisions it applies to (documents: a step bound to a document
kind; kinerja: a pengumpulan step), whether the subject has a triwulan, and the default for a day:

    from alur.runs import about
    about.register(about.Need("dokumen:lkjip", "LKjIP", applies=..., default=report_default))

A run of a revision no need applies to has no subject; its `year` is only the year it is filed under.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alur.core.kinerja.periods import ROMAN, subject_label, title_conflict

YEARS = (2000, 2100)


@dataclass(frozen=True)
class Need:
    key: str
    label: str  # what the run produces or collects, as the start form names it ("LKjIP")
    applies: Callable  # (SopRevision) -> bool
    default: Callable[[date], tuple[int, int | None]]  # the subject for a run started that day
    quarterly: bool = False


@dataclass(frozen=True)
class About:
    year: int
    triwulan: int | None = None

    @property
    def label(self) -> str:
        return subject_label(self.year, self.triwulan)


_NEEDS: dict[str, Need] = {}


def register(need: Need) -> Need:
    _NEEDS[need.key] = need
    return need


def needs() -> list[Need]:
    return list(_NEEDS.values())


def need_of(revision) -> Need | None:
    """What a run of the revision is about: a quarterly need before a yearly one (a data-kinerja SOP
    both collects a triwulan and writes its report), else the first registered that applies."""
    applying = [need for need in _NEEDS.values() if need.applies(revision)]
    quarterly = [need for need in applying if need.quarterly]
    return (quarterly or applying or [None])[0]


def choose(need: Need, day: date, year: int | None, triwulan: int | None) -> About:
    """The subject of a run started on `day`: what the starter chose, the need's default for the rest.
    A triwulan for a yearly subject is refused, not dropped."""
    default_year, default_triwulan = need.default(day)
    if triwulan is not None and not need.quarterly:
        raise ValidationError({"triwulan": _("Triwulan hanya dipilih untuk SOP pengumpulan data kinerja; "
                                             "%(what)s dibuat per tahun.") % {"what": need.label}})
    if triwulan is not None and triwulan not in ROMAN:
        raise ValidationError({"triwulan": _("Triwulan harus I, II, III atau IV.")})
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise ValidationError({"year": _("Tahun harus antara %(a)s dan %(b)s.") % {"a": YEARS[0], "b": YEARS[1]}})
    if not need.quarterly:
        return About(year if year is not None else default_year)
    if triwulan is None:
        # the quarter just ended, never later than the chosen year's last (as runs read it before
        # subjects were stored: a year none of whose quarters has ended gives last year's IV)
        return About(*min((default_year, default_triwulan), (year, 4))) if year is not None else \
            About(default_year, default_triwulan)
    return About(year if year is not None else default_year, triwulan)


def check_title(purpose: str, subject: About) -> None:
    """Refuse a title that names another triwulan than the one chosen (a run titled "Triwulan IV 2026"
    must not collect triwulan III). The run page shows the subject beside the title."""
    other = title_conflict(purpose, subject.triwulan)
    if other is not None:
        raise ValidationError({"purpose": _(
            "Keperluan menyebut triwulan %(named)s, sedangkan alur ini tentang %(subject)s. Sesuaikan keperluan "
            "atau pilihan triwulan.") % {"named": ROMAN[other], "subject": subject.label}})


def about_of(run) -> About | None:
    """The subject stored on the run, or None for a run started before subjects were stored (or one no
    need applies to): its pages derive the period as before."""
    if run.about_year is None:
        return None
    return About(run.about_year, run.about_triwulan)
