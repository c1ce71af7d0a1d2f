from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from alur.audit import records
from alur.audit.recorded_admin import RecordedAdmin
from alur.audit.services import record

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


class RecordedUserAdmin(UserAdmin):
    """Deleting a log-in revokes its grants (CASCADE) and unlinks its employee (SET_NULL, an UPDATE
    that sends no signal): both are regulated rows, so the deletion is an act on the trail of every
    office it touches, or `audit verify` would take it for tampering. A log-in that ever acted cannot
    be deleted at all (the trail's user column is PROTECT)."""

    def delete_model(self, request, obj):
        with transaction.atomic():
            employees = list(Employee.objects.filter(user=obj).select_related("office"))
            offices = {e.office for e in employees} | {
                g.office for g in OfficeGrant.objects.filter(user=obj).select_related("office")}
            username, pk = obj.get_username(), obj.pk
            super().delete_model(request, obj)
            records.note(Employee, [e.pk for e in employees])
            for office in sorted(offices, key=lambda o: o.pk):
                record(office=office, kind="admin.dihapus", user=request.user,
                       data={"model": "auth.user", "id": pk, "pengguna": username})

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                self.delete_model(request, user)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), RecordedUserAdmin)
