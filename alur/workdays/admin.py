from django.contrib import admin

from alur.audit.recorded_admin import RecordedAdmin

from .models import OfficeHours, SpecialDay


@admin.register(OfficeHours)
class OfficeHoursAdmin(RecordedAdmin):
    list_display = ["office", "tz"]


@admin.register(SpecialDay)
class SpecialDayAdmin(RecordedAdmin):
    list_display = ["date", "kind", "note", "office"]
    list_filter = ["office", "kind"]
