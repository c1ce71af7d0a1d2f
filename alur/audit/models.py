"""The trail: an append-only, hash-chained log of every act, one chain per office."""

from datetime import UTC

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .offices import OFFICE_MODEL


class AppendOnlyError(Exception):
    pass


CONTENT_FIELDS = ("office_id", "position", "kind", "run_id", "user_id", "at", "data", "records")


def entry_content(office_id, position, kind, run_id, user_id, at, data, records=None) -> dict:
    """What an entry's hash covers, from its column values (so a walk needs no model objects).
    `records` (the fingerprints of the rows the act wrote, see alur.audit.records) is covered only
    when the entry has some, so the entries written before it existed keep their hashes."""
    content = {
        "office": office_id,
        "position": position,
        "kind": kind,
        "run": run_id,
        "user": user_id,
        "at": at.astimezone(UTC).isoformat(),  # as the database gives it back
        "data": data,
    }
    if records:
        content["records"] = records
    return content


class Chain(models.Model):
    """The head of an office's chain; appenders lock this row so links are never forked."""

    office = models.OneToOneField(OFFICE_MODEL, on_delete=models.PROTECT, related_name="audit_chain")
    length = models.PositiveBigIntegerField(default=0)
    head_hash = models.CharField(max_length=64)


class Entry(models.Model):
    office = models.ForeignKey(OFFICE_MODEL, on_delete=models.PROTECT, related_name="audit_entries")
    position = models.PositiveBigIntegerField(_("urutan"))
    kind = models.CharField(_("jenis"), max_length=60)
    run_id = models.BigIntegerField(_("alur"), null=True, blank=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateTimeField(_("waktu"))
    data = models.JSONField(_("data"))
    # {"app_label.model:pk": SHA-256 of the row as the act left it, or null when the act deleted it}
    records = models.JSONField(_("data yang dicatat"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("entri jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["office", "position"]
        constraints = [models.UniqueConstraint(fields=["office", "position"], name="audit_unique_position")]
        indexes = [models.Index(fields=["run_id", "position"], name="audit_run_position")]  # a run's replay

    def content(self) -> dict:
        """What the hash covers: everything but the hashes themselves."""
        return entry_content(self.office_id, self.position, self.kind, self.run_id, self.user_id, self.at, self.data,
                             self.records)

    def save(self, *args, **kwargs):
        # bulk_create bypasses save(); both only ever insert. An existing row is never rewritten.
        if self.pk is not None:
            raise AppendOnlyError("Entri jejak audit tidak boleh diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Entri jejak audit tidak boleh dihapus.")
