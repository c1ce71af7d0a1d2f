from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alur.kit.readonly_admin import ReadOnlyAdmin

from .models import Entry

KIND_PREFIXES = [
    ("alur.", _("Alur (mulai, selesai, keputusan, pengalihan, pembatalan)")),
    ("dokumen.", _("Dokumen, paraf, tanda tangan")),
    ("surat_masuk.", _("Surat masuk")),
    ("nomor.", _("Nomor surat keluar")),
    ("sop.", _("SOP")),
    ("kalender.", _("Kalender kerja")),
]


class KindFilter(admin.SimpleListFilter):
    """By kind of act, from a fixed list: a DISTINCT over millions of entries is not a menu."""

    title = _("jenis")
    parameter_name = "jenis"

    def lookups(self, request, model_admin):
        return KIND_PREFIXES

    def queryset(self, request, queryset):
        value = self.value()
        if value in dict(KIND_PREFIXES):
            return queryset.filter(kind__startswith=value)
        return queryset


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    """The trail can be read here, never written. Newest first by id (not by office name: a sort over
    millions of rows); the office and user of each row come in the same query."""

    list_display = ["position", "office", "kind", "run_id", "user", "at"]
    list_filter = ["office", KindFilter]
    list_select_related = ["office", "user"]
    ordering = ["-pk"]
