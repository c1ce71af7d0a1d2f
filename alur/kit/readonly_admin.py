from django.contrib import admin

from alur.kit.pagination import AdminCappedPaginator


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages that show records written only by the services (runs, the trail): never edited here.

    Their tables grow to millions of rows, so the list never counts them exactly (a capped count,
    no "show all" total) and subclasses order by an indexed column (newest first by default)."""

    paginator = AdminCappedPaginator
    show_full_result_count = False
    list_per_page = 50
    list_max_show_all = 200
    ordering = ["-pk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
