"""The organisation: offices (OPD), their units, positions (jabatan), employees and who holds what.

Every record hangs off an Office, so that one deployment can serve a whole kabupaten while each
office sees only its own data (see selectors.visible_offices).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alur.core.nip import parse_nip

from .validators import nip_validator, render_letter_number, validate_letter_number_template


class Office(models.Model):
    name = models.CharField(_("nama OPD"), max_length=200)
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    short_code = models.CharField(
        _("kode singkat surat"), max_length=40, help_text=_("Dipakai dalam nomor surat, mis. DPM-PTSP.")
    )
    government = models.CharField(
        _("pemerintah daerah"), max_length=200, help_text=_("Mis. Pemerintah Kabupaten Tanjung Jabung Barat.")
    )
    address = models.TextField(_("alamat"), blank=True)
    seat = models.CharField(
        _("kedudukan (tempat penandatanganan)"), max_length=100, blank=True,
        help_text=_("Kota tempat kantor berkedudukan, ditulis sebelum tanggal pada dokumen yang ditandatangani, "
                    "mis. Kuala Tungkal."),
    )
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    letter_number_template = models.CharField(
        _("format nomor surat keluar"),
        max_length=120,
        default="503/{nomor:02d}/{kode}/{tahun}",
        validators=[validate_letter_number_template],
        help_text=_("Kolom yang tersedia: {nomor}, {kode}, {tahun}; nomor boleh diberi lebar, mis. {nomor:02d}."),
    )

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def letter_number_example(self, *, nomor: int = 7, tahun: int = 2026) -> str:
        """What the template produces, for showing beside the field."""
        return render_letter_number(self.letter_number_template, nomor=nomor, kode=self.short_code, tahun=tahun)

    def header_lines(self) -> list[str]:
        """The office heading printed on documents, upper-case as on official letterheads."""
        return [self.government.upper(), self.name.upper()]


class Unit(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="units", verbose_name=_("OPD"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("unit induk"),
    )
    name = models.CharField(_("nama unit"), max_length=200)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["office", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.parent_id and self.parent.office_id != self.office_id:
            raise ValidationError({"parent": _("Unit induk harus berada di OPD yang sama.")})


class Position(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="positions", verbose_name=_("OPD")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit"))
    name = models.CharField(_("nama jabatan"), max_length=200)
    code = models.SlugField(_("kode"), max_length=60)
    is_head = models.BooleanField(
        _("kepala OPD"), default=False, help_text=_("Pejabat yang mengesahkan SOP dan menandatangani dokumen.")
    )

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["office", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "code"], name="position_unique_code")]

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="employees", verbose_name=_("OPD")
    )
    name = models.CharField(_("nama lengkap dan gelar"), max_length=200)
    nip = models.CharField(
        _("NIP"), max_length=18, unique=True, validators=[nip_validator],
        error_messages={"unique": _("NIP ini sudah terdaftar untuk pegawai lain.")},
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=80, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="employee", verbose_name=_("akun"),
    )
    is_office_admin = models.BooleanField(
        _("admin OPD"), default=False, help_text=_("Boleh mengelola data induk dan SOP OPD ini.")
    )

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def nip_formatted(self) -> str:
        return parse_nip(self.nip).formatted() if self.nip else ""


class PositionHolding(models.Model):
    """Who held which position when; history is kept by closing `end` instead of deleting."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="holdings", verbose_name=_("pegawai")
    )
    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="holdings", verbose_name=_("jabatan")
    )
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemangku jabatan")
        verbose_name_plural = _("pemangku jabatan")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.employee} — {self.position}"

    def clean(self):
        _check_range(self.start, self.end)
        if self.employee_id and self.position_id and self.employee.office_id != self.position.office_id:
            raise ValidationError(_("Pegawai dan jabatan harus berada di OPD yang sama."))


class StandIn(models.Model):
    """A Plt/Plh acting for a position over a date range; they act (and sign "Plt.") meanwhile."""

    class Kind(models.TextChoices):
        PLT = "plt", _("Plt. (Pelaksana Tugas)")
        PLH = "plh", _("Plh. (Pelaksana Harian)")

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="stand_ins", verbose_name=_("jabatan")
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="stand_ins", verbose_name=_("pegawai")
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices, default=Kind.PLT)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    basis = models.CharField(_("dasar penunjukan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Plt/Plh")
        verbose_name_plural = _("Plt/Plh")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}: {self.employee}"

    @property
    def title_prefix(self) -> str:
        return "Plt." if self.kind == self.Kind.PLT else "Plh."

    def clean(self):
        _check_range(self.start, self.end)


class OfficeGrant(models.Model):
    """Lets a user (e.g. the Inspektorat or Bappeda) read an office that is not their own."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_grants")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="grants")
    note = models.CharField(_("alasan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("akses lintas OPD")
        verbose_name_plural = _("akses lintas OPD")
        constraints = [models.UniqueConstraint(fields=["user", "office"], name="grant_unique")]


def _check_range(start, end):
    if start and end and end < start:
        raise ValidationError({"end": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


def active_on(day):
    """Filter for holdings/stand-ins covering `day`."""
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))
