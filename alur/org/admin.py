from django.contrib import admin

from alur.audit.recorded_admin import RecordedAdmin

from .forms import EmployeeForm
from .models import Employee, Office, OfficeGrant, Position, PositionHolding, StandIn, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Office)
class OfficeAdmin(RecordedAdmin):  # its unit inlines are tracked rows
    list_display = ["name", "code", "short_code"]
    search_fields = ["name", "code"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(RecordedAdmin):
    list_display = ["name", "office", "parent"]
    list_filter = ["office"]


class HoldingInline(admin.TabularInline):
    model = PositionHolding
    extra = 0


@admin.register(Position)
class PositionAdmin(RecordedAdmin):
    list_display = ["name", "unit", "office", "is_head"]
    list_filter = ["office"]
    search_fields = ["name"]
    inlines = [HoldingInline]


@admin.register(Employee)
class EmployeeAdmin(RecordedAdmin):
    form = EmployeeForm
    list_display = ["name", "nip", "rank", "office", "is_office_admin"]
    list_filter = ["office"]
    search_fields = ["name", "nip"]
    inlines = [HoldingInline]


@admin.register(StandIn)
class StandInAdmin(RecordedAdmin):
    list_display = ["position", "employee", "kind", "start", "end"]


admin.site.register(OfficeGrant, RecordedAdmin)
admin.site.site_header = "Alur — Administrasi"
