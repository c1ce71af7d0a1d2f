"""Pages of long lists whose count stays cheap however long the table grows."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from alur.kit.forms import AlurForm

LIST_PAGE_SIZE = 50
LIST_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`), never the whole table:
    a list of a million rows shows "1000+" and the pages up to there. `capped` says whether
    there were more. Works for the Django admin too (`ModelAdmin.paginator`)."""

    cap = LIST_COUNT_CAP

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, cap: int | None = None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        if cap is not None:
            self.cap = cap

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):  # only the ids: annotations of the rows are not counted
            counted = self.object_list.values("pk")[: self.cap + 1].count()
        else:
            counted = len(self.object_list)
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


class AdminCappedPaginator(CappedPaginator):
    cap = 10_000


class PageForm(AlurForm):
    """`?page=`: a number from 1; anything else is a form error (a 400), never a 500."""

    page = forms.IntegerField(label=_("Halaman"), required=False, min_value=1, max_value=1_000_000)


def page_of(queryset, request_get, *, per_page: int = LIST_PAGE_SIZE, cap: int = LIST_COUNT_CAP):
    """The requested page of `queryset`, or None when `?page=` is not a page number. A number past
    the end gives the last page."""
    form = PageForm(request_get)
    if not form.is_valid():
        return None
    paginator = CappedPaginator(queryset, per_page, cap=cap)
    return paginator.get_page(form.cleaned_data["page"] or 1)
