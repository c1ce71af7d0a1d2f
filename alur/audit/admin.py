from django.contrib import admin

from alur.web.readonly_admin import ReadOnlyAdmin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    """The trail can be read here, never written."""

    list_display = ["position", "office", "kind", "run_id", "user", "at"]
    list_filter = ["office", "kind"]
