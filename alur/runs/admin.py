"""Read-only views of run records for admins: every change goes through the services and the trail."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from alur.web.readonly_admin import ReadOnlyAdmin

from .models import IncomingLetter, OutgoingNumber, Run, SignOff, Task


@admin.register(IncomingLetter)
class IncomingLetterAdmin(ReadOnlyAdmin):
    list_display = ["agenda_number", "agenda_year", "nomor_surat", "asal", "perihal", "office"]
    list_filter = ["office", "agenda_year", "sifat"]
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
    list_filter = ["office", "status", "year"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["run", "step_no", "act", "is_decision", "actor", "assignee", "status", "waktu_minutes", "due_at",
                    "closed_at"]
    list_filter = ["status", "act", "is_decision"]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ["kind", "signer_name", "signer_title", "signed_at", "sha256"]


@admin.register(OutgoingNumber)
class OutgoingNumberAdmin(ReadOnlyAdmin):
    list_display = ["number", "office", "year", "sequence", "taken_at"]
    list_filter = ["office", "year"]
