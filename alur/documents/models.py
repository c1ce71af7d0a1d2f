"""Narrative sections of the SAKIP documents, written by people in Alur.

Every save is a new row (a version); the newest row of (office, document, year, key) is the text a
document uses, and its author and time are "who last changed it". Text is plain: paragraphs
separated by a blank line, lines starting with "- " or "1. " are list items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alur.org.models import Office


class NarrativeVersion(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    document = models.CharField(_("dokumen"), max_length=20)  # content.Document.kind
    year = models.PositiveSmallIntegerField(_("tahun"))
    key = models.CharField(_("bagian"), max_length=60)
    number = models.PositiveIntegerField(_("versi"))
    text = models.TextField(_("isi"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("diubah pada"))

    class Meta:
        verbose_name = _("versi narasi")
        verbose_name_plural = _("versi narasi")
        ordering = ["office", "document", "year", "key", "-number"]
        constraints = [models.UniqueConstraint(fields=["office", "document", "year", "key", "number"],
                                               name="narrative_unique_version")]


class Generated(models.Model):
    """What a generated version of a run's document was made from: the document kind and period,
    the exact data shown (canonical JSON, its SHA-256 is the version's `data_fingerprint`) and the
    gaps of the generation report. The diff after penetapan compares this data with today's."""

    version = models.OneToOneField("runs.DocumentVersion", on_delete=models.PROTECT, related_name="generated")
    kind = models.CharField(_("jenis dokumen"), max_length=20)
    year = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    data = models.JSONField(_("data"))
    gaps = models.JSONField(_("kekosongan data"), default=list)

    class Meta:
        verbose_name = _("dokumen disusun dari data")
        verbose_name_plural = _("dokumen disusun dari data")


class StepDocument(models.Model):
    """Which document kind (alur.documents.kinds) one step of one SOP revision produces: 'Susun dari
    data' is offered on that step's tasks. Bound per revision, so renaming the SOP or moving the step
    does not detach it; a new revision carries the binding of every step whose kegiatan and output
    are unchanged (`bindings.carry_over`), a person confirms the others ("hubungkan ke dokumen")."""

    revision = models.ForeignKey("sop.SopRevision", on_delete=models.CASCADE, related_name="step_documents")
    step_no = models.PositiveIntegerField(_("langkah"))
    kind = models.CharField(_("jenis dokumen"), max_length=20)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen langkah SOP")
        verbose_name_plural = _("dokumen langkah SOP")
        ordering = ["revision", "step_no"]
        constraints = [models.UniqueConstraint(fields=["revision", "step_no"], name="step_document_unique_step")]

    def __str__(self) -> str:
        return f"{self.revision} langkah {self.step_no} → {self.kind}"
