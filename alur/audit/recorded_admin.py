"""Writes through the Django admin are acts too.

A superuser may still add a read grant, change an employee, a unit, a position or a day off in the
Django admin; each save and
delete there appends an `admin.*` entry to the office's trail in the admin's transaction, so the
rows it wrote are fingerprinted (alur.audit.records) like any act's and `alur audit verify` does not
mistake them for edits made outside Alur."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db import transaction

from . import records
from .offices import office_model
from .services import record

if TYPE_CHECKING:
    from alur.org.models import Office


def _office_of(obj) -> Office | None:
    if isinstance(obj, office_model()):
        return obj  # an office saved with its inlines (units): their rows go on its own trail
    office_id = records.office_id_of(obj)
    return office_model().objects.filter(pk=office_id).first() if office_id is not None else None


class RecordedAdmin(admin.ModelAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        office = _office_of(obj)
        if office is not None:
            record(office=office, kind="admin.diubah" if change else "admin.ditambah", user=request.user,
                   data={"model": obj._meta.label_lower, "id": obj.pk, "kolom": sorted(form.changed_data)})

    def delete_model(self, request, obj):
        with transaction.atomic():
            office, pk = _office_of(obj), obj.pk
            super().delete_model(request, obj)
            if office is not None:
                record(office=office, kind="admin.dihapus", user=request.user,
                       data={"model": obj._meta.label_lower, "id": pk})

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            doomed = [(_office_of(obj), obj.pk) for obj in queryset]
            super().delete_queryset(request, queryset)
            for office, pk in doomed:
                if office is not None:
                    record(office=office, kind="admin.dihapus", user=request.user,
                           data={"model": queryset.model._meta.label_lower, "id": pk})
