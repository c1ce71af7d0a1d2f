"""SOPs of an office and their revisions. A revision stores the SOP as the core dict contract
(alur.core.sop.model.Sop.to_dict) and becomes immutable once the Kepala Dinas approves it."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alur.core.sop.model import Sop as CoreSop
from alur.org.models import Employee, Office, Position

_APPROVED_CORE: dict = {}


class Sop(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="sops", verbose_name=_("OPD"))
    slug = models.SlugField(_("kode"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["office", "slug"]
        constraints = [models.UniqueConstraint(fields=["office", "slug"], name="sop_unique_slug")]

    def __str__(self) -> str:
        revision = self.current_revision()
        return revision.nama if revision else self.slug

    def current_revision(self):
        """The approved revision in force, else the newest draft."""
        revisions = list(self.revisions.all())
        approved = [r for r in revisions if r.status == SopRevision.Status.APPROVED]
        if approved:
            return max(approved, key=lambda r: r.number)
        return max(revisions, key=lambda r: r.number) if revisions else None

    def draft(self):
        return self.revisions.filter(status=SopRevision.Status.DRAFT).order_by("-number").first()


class SopRevision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        APPROVED = "approved", _("Disahkan")

    sop = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revisi ke"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    nomor = models.CharField(_("nomor SOP"), max_length=120)
    nama = models.CharField(_("nama SOP"), max_length=300)
    data = models.JSONField(_("isi SOP"))
    changes = models.JSONField(_("perubahan dari revisi sebelumnya"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("disahkan oleh"),
    )
    approved_title = models.CharField(_("jabatan pengesah"), max_length=200, blank=True)
    approved_at = models.DateTimeField(_("disahkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("revisi SOP")
        verbose_name_plural = _("revisi SOP")
        ordering = ["sop", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "number"], name="revision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} (revisi {self.number})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def pengesahan(self) -> date | None:
        """The Tgl Pengesahan of the SOP's identity block: the day it was approved, on paper or in Alur."""
        try:
            return date.fromisoformat(self.data.get("tanggal_pengesahan") or "")
        except (AttributeError, TypeError, ValueError):
            return None

    @property
    def approved_before_alur(self) -> bool:
        """Approved on paper before it was entered (the seeds, an imported approved SOP): the day
        it was disahkan and the day it came into Alur differ, and the history says both."""
        return (not self.is_draft and self.pengesahan is not None and self.approved_at is not None
                and self.pengesahan != timezone.localdate(self.approved_at))

    def as_core(self) -> CoreSop:
        """The SOP as the pure core sees it. Approved revisions never change, so theirs is cached."""
        if self.status != self.Status.APPROVED or self.pk is None:
            return CoreSop.from_dict(self.data)
        key = (self.pk, self.approved_at)
        core = _APPROVED_CORE.get(key)
        if core is None:
            if len(_APPROVED_CORE) > 2048:
                _APPROVED_CORE.clear()
            core = _APPROVED_CORE[key] = CoreSop.from_dict(self.data)
        return core

    def save(self, *args, **kwargs):
        # An approved revision is the spec that runs pin: its content may never change again.
        if self.pk:
            stored = SopRevision.objects.filter(pk=self.pk).values("status", "data").first()
            if stored and stored["status"] == self.Status.APPROVED and stored["data"] != self.data:
                raise ValidationError(_("Revisi yang sudah disahkan tidak dapat diubah; buat revisi baru."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == self.Status.APPROVED:
            raise ValidationError(_("Revisi yang sudah disahkan tidak dapat dihapus."))
        return super().delete(*args, **kwargs)


class ActorMapping(models.Model):
    """A position of the office that fills an SOP actor column (by the column's name). A column meaning
    several units ("Bidang-Bidang Lain") has one row per position, all with the same `mode`: its steps
    go to every one of them (`SEMUA`: a task each) or to the one chosen when a run starts (`DIPILIH`)."""

    class Mode(models.TextChoices):
        SEMUA = "semua", _("semua jabatan (tugas untuk masing-masing)")
        DIPILIH = "dipilih", _("satu jabatan, dipilih saat alur dimulai")

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="actor_mappings")
    actor = models.CharField(_("pelaksana (kolom SOP)"), max_length=200)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("jabatan"))
    mode = models.CharField(_("bila beberapa jabatan"), max_length=8, choices=Mode.choices, default=Mode.SEMUA)

    class Meta:
        verbose_name = _("pemetaan pelaksana")
        verbose_name_plural = _("pemetaan pelaksana")
        ordering = ["sop", "actor", "pk"]
        constraints = [models.UniqueConstraint(fields=["sop", "actor", "position"], name="actor_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.actor} → {self.position}"


class StepActorConfirmation(models.Model):
    """A person confirmed the inferred actor column of one step of one revision."""

    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="confirmations")
    step_no = models.PositiveIntegerField()
    # Empty: confirmed on the office's behalf by the demo loader (its trail entry says so).
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "step_no"], name="confirmation_unique_step"),
        ]


class SopLink(models.Model):
    """A person confirmed which SOP a step's Keterangan link ("SOP Caraka") names: the child SOP a run
    may start from that step. Recorded per revision and carried into the next draft."""

    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="links")
    step_no = models.PositiveIntegerField(_("langkah"))
    text = models.CharField(_("tautan di keterangan"), max_length=300)
    target = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="+", verbose_name=_("SOP tujuan"))
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tautan SOP")
        verbose_name_plural = _("tautan SOP")
        constraints = [
            models.UniqueConstraint(fields=["revision", "step_no", "text"], name="sop_link_unique_text"),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.target}"
