"""Performance data of an office: Renstra (tujuan → sasaran → indikator; program → kegiatan →
sub-kegiatan), IKU sets, Renja, Perjanjian Kinerja with its frozen snapshot, quarterly targets and
realisations with evidence and verification, budget, and the scales as rows.

Amounts and percentages are Decimal everywhere; the formulas live in `alur.core.kinerja`.
Indicators are referred to by id everywhere, never matched by name.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alur.org.models import Employee, Office, Position, Unit

VALUE = {"max_digits": 20, "decimal_places": 4}  # realisations and targets (counts, indices, %)
MONEY = {"max_digits": 18, "decimal_places": 2}  # rupiah
PERCENT = {"max_digits": 9, "decimal_places": 2}
TRIWULAN = [MinValueValidator(1), MaxValueValidator(4)]
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class Triwulan(models.IntegerChoices):
    I = 1, "Triwulan I"  # noqa: E741 - the Roman numeral is the domain's name
    II = 2, "Triwulan II"
    III = 3, "Triwulan III"
    IV = 4, "Triwulan IV"


# -- office settings and scales ------------------------------------------------------------------

class KinerjaSetting(models.Model):
    """Per-office settings: who plans, when entry windows close, how efficiency is labelled."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="kinerja_setting")
    planning_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("unit perencanaan"), help_text=_("Unit Kasubbag PPMEP: memverifikasi dan mengubah rencana."))
    window_opens_after = models.PositiveSmallIntegerField(
        _("pengisian dibuka (hari kerja setelah triwulan berakhir)"), default=0,
        help_text=_("0 = hari kerja pertama setelah akhir triwulan."))
    window_closes_after = models.PositiveSmallIntegerField(
        _("pengisian ditutup (hari kerja setelah triwulan berakhir)"), default=10)
    efficiency_margin = models.DecimalField(_("batas efisiensi (poin)"), default=Decimal("5"), **PERCENT)
    efficiency_rule_name = models.CharField(
        _("nama aturan efisiensi"), max_length=200, blank=True,
        help_text=_("Nama aturan yang ditetapkan OPD ini, mis. keputusan Kepala Dinas yang menetapkannya."))

    class Meta:
        verbose_name = _("pengaturan kinerja")
        verbose_name_plural = _("pengaturan kinerja")

    def __str__(self) -> str:
        return str(self.office)


class ScaleRowBase(models.Model):
    label = models.CharField(_("label"), max_length=60)
    lower = models.DecimalField(_("batas bawah"), null=True, blank=True, **PERCENT)
    lower_inclusive = models.BooleanField(_("batas bawah termasuk (≥)"), default=True)
    upper = models.DecimalField(_("batas atas"), null=True, blank=True, **PERCENT)
    upper_inclusive = models.BooleanField(_("batas atas termasuk (≤)"), default=True)
    colour = models.CharField(_("warna"), max_length=20, blank=True)
    caps_at = models.DecimalField(_("dibatasi pada"), null=True, blank=True, **PERCENT)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["office", "order"]

    def __str__(self) -> str:
        return f"{self.label} ({self.boundary_text()})"

    def boundary_text(self) -> str:
        parts = []
        if self.lower is not None:
            parts.append(f"{'≥' if self.lower_inclusive else '>'} {self.lower}")
        if self.upper is not None:
            parts.append(f"{'≤' if self.upper_inclusive else '<'} {self.upper}")
        return " dan ".join(parts) or "semua nilai"


class CapaianScaleRow(ScaleRowBase):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="capaian_scale")

    class Meta(ScaleRowBase.Meta):
        verbose_name = _("kategori capaian")
        verbose_name_plural = _("skala kategori capaian")


class PredikatRow(ScaleRowBase):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="predikat_scale")

    class Meta(ScaleRowBase.Meta):
        verbose_name = _("predikat SAKIP")
        verbose_name_plural = _("tabel predikat SAKIP")


# -- Renstra ---------------------------------------------------------------------------------------

class Renstra(models.Model):
    """A 5-year strategic plan. Once ditetapkan it is read-only; a change opens a new revision
    (the tree keeps its ids; the ditetapkan content of each revision is kept in RenstraRevision)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="renstras")
    title = models.CharField(_("judul"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("tahun awal"), validators=YEAR)
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"), validators=YEAR)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveSmallIntegerField(_("revisi ke"), default=0)

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["office", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["office", "start_year"], name="renstra_unique_period"),
            models.CheckConstraint(condition=Q(end_year__gt=models.F("start_year")), name="renstra_period_order"),
        ]

    def __str__(self) -> str:
        period = f"{self.start_year}–{self.end_year}"
        # A title may already name its period ("Renstra 2026–2031", "… 2026-2031"): not twice.
        if period in self.title or f"{self.start_year}-{self.end_year}" in self.title:
            return self.title
        return f"{self.title} {period}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class RenstraRevision(models.Model):
    """What a Renstra said when it was ditetapkan (revision 0) or re-ditetapkan (1, 2, …)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    ditetapkan_at = models.DateTimeField(_("ditetapkan pada"))
    ditetapkan_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(_("alasan revisi"), blank=True)
    snapshot = models.JSONField(_("isi"))

    class Meta:
        verbose_name = _("revisi Renstra")
        verbose_name_plural = _("revisi Renstra")
        ordering = ["renstra", "number"]
        constraints = [models.UniqueConstraint(fields=["renstra", "number"], name="renstra_revision_unique")]


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    code = models.CharField(_("kode"), max_length=30)
    name = models.TextField(_("tujuan"))

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "code"]
        constraints = [models.UniqueConstraint(fields=["renstra", "code"], name="tujuan_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Sasaran(models.Model):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    code = models.CharField(_("kode"), max_length=30)
    name = models.TextField(_("sasaran strategis"))

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["tujuan", "code"]
        constraints = [models.UniqueConstraint(fields=["tujuan", "code"], name="sasaran_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Program(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="programs")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.SET_NULL, null=True, blank=True, related_name="programs",
                                verbose_name=_("mendukung sasaran"))
    code = models.CharField(_("kode"), max_length=40, help_text=_("Kode bertitik, mis. 2.18.02."))
    name = models.CharField(_("program"), max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit penanggung jawab"))

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["renstra", "code"]
        constraints = [models.UniqueConstraint(fields=["renstra", "code"], name="program_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Kegiatan(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("kegiatan"), max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit penanggung jawab"))

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "code"]
        constraints = [models.UniqueConstraint(fields=["program", "code"], name="kegiatan_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SubKegiatan(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("sub-kegiatan"), max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit penanggung jawab"))

    class Meta:
        verbose_name = _("sub-kegiatan")
        verbose_name_plural = _("sub-kegiatan")
        ordering = ["kegiatan", "code"]
        constraints = [models.UniqueConstraint(fields=["kegiatan", "code"], name="subkegiatan_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PaguIndikatif(models.Model):
    """Pagu indikatif of one Renstra line (program, kegiatan or sub-kegiatan: exactly one) in one year."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="pagu")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="pagu")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="pagu")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    amount = models.DecimalField(_("pagu indikatif (Rp)"), **MONEY)

    class Meta:
        verbose_name = _("pagu indikatif")
        verbose_name_plural = _("pagu indikatif")
        constraints = [
            models.CheckConstraint(
                condition=(Q(program__isnull=False, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                           | Q(program__isnull=True, kegiatan__isnull=False, sub_kegiatan__isnull=True)
                           | Q(program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=False)),
                name="pagu_one_line"),
            models.UniqueConstraint(fields=["program", "year"], name="pagu_unique_program"),
            models.UniqueConstraint(fields=["kegiatan", "year"], name="pagu_unique_kegiatan"),
            models.UniqueConstraint(fields=["sub_kegiatan", "year"], name="pagu_unique_subkegiatan"),
        ]


class Indicator(models.Model):
    """An indicator of a sasaran (or of a program/kegiatan/sub-kegiatan) with its definition and the
    settings the capaian formula needs. `code` is how spreadsheets refer to it."""

    class Kind(models.TextChoices):
        PERSENTASE = "persentase", _("Persentase")
        JUMLAH = "jumlah", _("Jumlah")
        INDEKS = "indeks", _("Indeks")
        RASIO = "rasio", _("Rasio")

    class PolarityChoice(models.TextChoices):
        NAIK = "naik", _("Naik baik (semakin tinggi semakin baik)")
        TURUN = "turun", _("Turun baik (semakin rendah semakin baik)")
        RENTANG = "rentang", _("Rentang (baik bila di dalam rentang target)")

    class TurunFormulaChoice(models.TextChoices):
        SELISIH = "selisih", "(2T−R)/T×100"
        RASIO = "rasio", "T/R×100"

    class AggregationChoice(models.TextChoices):
        KUMULATIF = "kumulatif", _("Kumulatif (jumlah triwulan)")
        NILAI_AKHIR = "nilai_akhir", _("Nilai akhir (triwulan terakhir)")
        RATA_RATA = "rata_rata", _("Rata-rata triwulan")

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indicators")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="indicators")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="indicators")
    code = models.CharField(_("kode indikator"), max_length=40)
    name = models.CharField(_("indikator"), max_length=400)
    definisi = models.TextField(_("definisi operasional"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    alasan = models.TextField(_("alasan pemilihan IKU"), blank=True,
                              help_text=_("Mengapa indikator ini dipilih sebagai IKU; dicetak pada lampiran "
                                          "Keputusan IKU."))
    kind = models.CharField(_("jenis formula"), max_length=12, choices=Kind.choices, default=Kind.PERSENTASE)
    satuan = models.CharField(_("satuan"), max_length=60)
    sumber_data = models.CharField(_("sumber data"), max_length=300, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit penanggung jawab"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("jabatan penanggung jawab"))
    polarity = models.CharField(_("polaritas"), max_length=8, choices=PolarityChoice.choices,
                                default=PolarityChoice.NAIK)
    turun_formula = models.CharField(_("rumus capaian turun baik"), max_length=8,
                                     choices=TurunFormulaChoice.choices, default=TurunFormulaChoice.SELISIH)
    band_low = models.DecimalField(_("rentang: batas bawah"), null=True, blank=True, **VALUE)
    band_high = models.DecimalField(_("rentang: batas atas"), null=True, blank=True, **VALUE)
    band_falloff = models.DecimalField(_("rentang: pengurangan per satuan di luar rentang"), null=True, blank=True,
                                       **VALUE)
    aggregation = models.CharField(_("agregasi tahunan"), max_length=12, choices=AggregationChoice.choices,
                                   default=AggregationChoice.KUMULATIF)
    is_iku = models.BooleanField(_("IKU"), default=False)
    baseline = models.DecimalField(_("kondisi awal"), null=True, blank=True, **VALUE)
    national_standard = models.DecimalField(_("standar nasional"), null=True, blank=True, **VALUE)
    national_standard_source = models.CharField(
        _("sumber standar nasional"), max_length=200, blank=True,
        help_text=_("Mis. 'RPJMN 2020–2024' atau standar kementerian."))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["renstra", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["renstra", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    value = models.DecimalField(_("target"), null=True, blank=True, **VALUE)

    class Meta:
        verbose_name = _("target tahunan")
        verbose_name_plural = _("target tahunan")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="target_unique_year")]


class QuarterTarget(models.Model):
    """Rencana aksi: the target of one triwulan (cumulative indicators: that quarter's share)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="quarter_targets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices, validators=TRIWULAN)
    value = models.DecimalField(_("target triwulan"), null=True, blank=True, **VALUE)

    class Meta:
        verbose_name = _("target triwulan")
        verbose_name_plural = _("target triwulan (rencana aksi)")
        ordering = ["indicator", "year", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "triwulan"], name="qtarget_unique")]


class IkuSet(models.Model):
    """A version of the office's IKU: the IKU indicators and their definitions as approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DISETUJUI = "disetujui", _("Disetujui")

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="iku_sets")
    version = models.PositiveSmallIntegerField(_("versi"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    run_id = models.BigIntegerField(_("alur SOP IKU"), null=True, blank=True)
    snapshot = models.JSONField(_("isi"), default=list)

    class Meta:
        verbose_name = _("IKU")
        verbose_name_plural = _("IKU")
        ordering = ["renstra", "-version"]
        constraints = [models.UniqueConstraint(fields=["renstra", "version"], name="ikuset_unique_version")]


# -- Renja and PK ----------------------------------------------------------------------------------

class Renja(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="renjas")
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="renjas")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)

    class Meta:
        verbose_name = _("Renja")
        verbose_name_plural = _("Renja")
        ordering = ["office", "-year"]
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="renja_unique_year")]

    def __str__(self) -> str:
        return f"Renja {self.year}"


class RenjaLine(models.Model):
    """A programme/kegiatan/sub-kegiatan planned in the year, linked to the Renstra line it serves."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="lines")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("uraian"), max_length=300)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    target = models.DecimalField(_("target"), null=True, blank=True, **VALUE)
    pagu = models.DecimalField(_("pagu (Rp)"), default=Decimal("0"), **MONEY)
    # The rest of a Renja Tabel 4.1 row (Permendagri 86/2017, T-C.32-like): where and from which fund,
    # and the forecast for the year after (prakiraan maju).
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True,
                              help_text=_("Mis. 'Kabupaten Tanjung Jabung Barat' atau nama kecamatan."))
    sumber_dana = models.CharField(_("sumber dana"), max_length=100, blank=True, help_text=_("Mis. 'APBD', 'DAK'."))
    target_maju = models.DecimalField(_("prakiraan maju: target"), null=True, blank=True, **VALUE)
    pagu_maju = models.DecimalField(_("prakiraan maju: pagu (Rp)"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("baris Renja")
        verbose_name_plural = _("baris Renja")
        ordering = ["renja", "code"]
        constraints = [models.UniqueConstraint(fields=["renja", "code"], name="renjaline_unique_code")]

    @property
    def serves_nothing(self) -> bool:
        """Flagged on the page: the line is not linked to any Renstra programme, kegiatan or sub-kegiatan."""
        return not (self.program_id or self.kegiatan_id or self.sub_kegiatan_id)


class PerjanjianKinerja(models.Model):
    """The PK of a year. Signing freezes `snapshot` (that year's definitions, targets and budget);
    a PK perubahan is a new version; the highest signed version is the one in force."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    version = models.PositiveSmallIntegerField(_("versi"), default=1, help_text=_("2, 3, …: PK perubahan."))
    pihak_pertama = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("pihak pertama"))
    pihak_pertama_title = models.CharField(_("jabatan pihak pertama"), max_length=200,
                                           help_text=_("Mis. 'Kepala Dinas' atau 'Plt. Kepala Dinas'."))
    pihak_kedua_name = models.CharField(_("nama pihak kedua"), max_length=200)
    pihak_kedua_title = models.CharField(_("jabatan pihak kedua"), max_length=200)
    signed_at = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    snapshot = models.JSONField(_("isi yang dibekukan"), null=True, blank=True)

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["office", "-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["office", "year", "version"], name="pk_unique_version")]

    def __str__(self) -> str:
        suffix = f" (perubahan {self.version - 1})" if self.version > 1 else ""
        return f"PK {self.year}{suffix}"


# -- realisations, evidence, budget -----------------------------------------------------------------

class Realisasi(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DISAHKAN = "disahkan", _("Disahkan")

    COUNTED = (State.DIVERIFIKASI, State.DISAHKAN)  # only verified figures count

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="realisasi")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices, validators=TRIWULAN)
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **VALUE)
    faktor_pendorong = models.TextField(_("faktor pendorong"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    langkah_perbaikan = models.TextField(_("langkah perbaikan"), blank=True)
    state = models.CharField(_("status"), max_length=14, choices=State.choices, default=State.DRAFT)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    late = models.BooleanField(_("terlambat"), default=False)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(_("disahkan pada"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "year", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "triwulan"], name="realisasi_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} TW{self.triwulan}"

    @property
    def counts(self) -> bool:
        return self.state in self.COUNTED


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("Berkas")
        LINK = "link", _("Tautan")
        NOTE = "note", _("Catatan")

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    file = models.FileField(_("berkas"), upload_to="kinerja/", blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"), null=True, blank=True)
    content_type = models.CharField(_("jenis isi"), max_length=120, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    added_at = models.DateTimeField(_("ditambahkan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "added_at", "pk"]


class BudgetLine(models.Model):
    """Pagu and realisasi anggaran of a programme (or one of its kegiatan) in one triwulan."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="budget")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="budget")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices, validators=TRIWULAN)
    pagu = models.DecimalField(_("pagu (Rp)"), **MONEY)
    realisasi = models.DecimalField(_("realisasi anggaran (Rp)"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("anggaran")
        verbose_name_plural = _("anggaran")
        ordering = ["program", "kegiatan", "year", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year", "triwulan"], condition=Q(kegiatan__isnull=True),
                                    name="budget_unique_program"),
            models.UniqueConstraint(fields=["kegiatan", "year", "triwulan"], name="budget_unique_kegiatan"),
        ]
