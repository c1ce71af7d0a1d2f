"""Admin: every performance record is read-only here (changes go through the services and the trail),
except the scale rows, which a superuser changes through `services.scale_row_update` (so the change
is on the trail too) and office admins may view."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alur.kit.readonly_admin import ReadOnlyAdmin

from . import services
from .models import (
    CapaianScaleRow,
    Indicator,
    KinerjaSetting,
    PerjanjianKinerja,
    PredikatRow,
    Realisasi,
    Renstra,
)


class ScaleRowAdmin(admin.ModelAdmin):
    list_display = ["office", "order", "label", "boundary_text", "colour", "caps_at", "source"]
    list_filter = ["office"]
    ordering = ["office", "order"]
    readonly_fields = ["office", "source"]

    @admin.display(description=_("aturan batas"))
    def boundary_text(self, row):
        return row.boundary_text()

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.SCALE_FIELDS}
        try:
            services.scale_row_update(user=request.user, row=obj, **fields)
        except ValidationError as error:  # shown as a message; nothing stored
            self.message_user(request, " ".join(error.messages), level="error")


admin.site.register(CapaianScaleRow, ScaleRowAdmin)
admin.site.register(PredikatRow, ScaleRowAdmin)


@admin.register(Renstra)
class RenstraAdmin(ReadOnlyAdmin):
    list_display = ["title", "office", "start_year", "end_year", "status", "revision"]
    list_filter = ["office", "status"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "renstra", "unit", "polarity", "aggregation", "is_iku"]
    list_filter = ["renstra__office", "is_iku", "polarity"]
    search_fields = ["code", "name"]


@admin.register(Realisasi)
class RealisasiAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "triwulan", "value", "state", "late"]
    list_filter = ["indicator__renstra__office", "year", "state"]
    list_select_related = ["indicator"]


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(ReadOnlyAdmin):
    list_display = ["office", "year", "version", "pihak_pertama", "signed_at"]
    list_filter = ["office", "year"]
    exclude = ["snapshot"]


@admin.register(KinerjaSetting)
class KinerjaSettingAdmin(ReadOnlyAdmin):
    list_display = ["office", "planning_unit", "window_opens_after", "window_closes_after", "efficiency_margin"]
