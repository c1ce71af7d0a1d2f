from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages that show records written only by the services (runs, the trail): never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
