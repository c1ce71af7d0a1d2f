"""Read-only views of run records for admins: every change goes through the services and the trail."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from alur.core.sop.model import Act
from alur.kit.readonly_admin import ReadOnlyAdmin

from .models import Collection, IncomingLetter, OutgoingNumber, RealisationRequest, Run, SignOff, Task


@admin.register(IncomingLetter)
class IncomingLetterAdmin(ReadOnlyAdmin):
    list_display = ["agenda_number", "agenda_year", "nomor_surat", "asal", "perihal", "office"]
    list_filter = ["office", "sifat"]
    list_select_related = ["office"]
    search_fields = ["nomor_surat", "perihal", "asal"]
    exclude = ["scan"]  # uploads have no URL; the scan is served by the view that checks access
    readonly_fields = ["scan_link"]

    @admin.display(description=_("pindaian surat"))
    def scan_link(self, letter):
        if not letter.scan:
            return "-"
        return format_html('<a href="{}">{}</a>', reverse("letter_scan", args=[letter.pk]), _("unduh pindaian"))


@admin.register(Run)
class RunAdmin(ReadOnlyAdmin):
    list_display = ["purpose", "revision", "year", "status", "started_at", "outgoing_number", "subject_type"]
    list_filter = ["office", "status"]
    list_select_related = ["revision"]

    def get_queryset(self, request):  # the list never decodes the engine state or the SOP's JSON
        return super().get_queryset(request).defer("state", "revision__data")


class ActFilter(admin.SimpleListFilter):
    """Step kinds from the SOP model's list, not from a DISTINCT over every task row."""

    title = _("jenis langkah")
    parameter_name = "act"

    def lookups(self, request, model_admin):
        return [(act.value, act.value) for act in Act]

    def queryset(self, request, queryset):
        return queryset.filter(act=self.value()) if self.value() else queryset


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["run", "step_no", "act", "is_decision", "actor", "assignee", "status", "waktu_minutes", "due_at",
                    "closed_at"]
    list_filter = ["status", ActFilter, "is_decision"]
    list_select_related = ["run", "assignee"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("run__state")


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ["kind", "signer_name", "signer_title", "signed_at", "sha256"]
    list_filter = ["kind"]


@admin.register(OutgoingNumber)
class OutgoingNumberAdmin(ReadOnlyAdmin):
    list_display = ["number", "office", "year", "sequence", "taken_at"]
    list_filter = ["office", "year"]
    list_select_related = ["office"]


@admin.register(Collection)
class CollectionAdmin(ReadOnlyAdmin):
    list_display = ["run", "year", "triwulan", "opened_on", "office"]
    list_filter = ["office", "year", "triwulan"]
    list_select_related = ["run", "office"]


@admin.register(RealisationRequest)
class RealisationRequestAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "triwulan", "indicator_count", "created_at", "done_at", "run"]
    list_filter = ["year", "triwulan"]
    list_select_related = ["unit", "run"]
