from django.contrib import admin

from .models import OfficeHours, SpecialDay


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["office", "tz"]


@admin.register(SpecialDay)
class SpecialDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note", "office"]
    list_filter = ["office", "kind"]
