"""Read-only views of run records for admins: every change goes through the services and the trail."""

from django.contrib import admin

from alur.web.readonly_admin import ReadOnlyAdmin

from .models import IncomingLetter, OutgoingNumber, Run, SignOff, Task


@admin.register(IncomingLetter)
class IncomingLetterAdmin(ReadOnlyAdmin):
    list_display = ["agenda_number", "agenda_year", "nomor_surat", "asal", "perihal", "office"]
    list_filter = ["office", "agenda_year", "sifat"]
    search_fields = ["nomor_surat", "perihal", "asal"]


@admin.register(Run)
class RunAdmin(ReadOnlyAdmin):
    list_display = ["purpose", "revision", "year", "status", "started_at", "outgoing_number"]
    list_filter = ["office", "status", "year"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["run", "step_no", "actor", "assignee", "status", "due_at", "closed_at"]
    list_filter = ["status"]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ["kind", "signer_name", "signer_title", "signed_at", "sha256"]


@admin.register(OutgoingNumber)
class OutgoingNumberAdmin(ReadOnlyAdmin):
    list_display = ["number", "office", "year", "sequence", "taken_at"]
    list_filter = ["office", "year"]
