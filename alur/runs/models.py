"""Runs of SOPs: the letters that start them, their tasks, documents, sign-offs and numbers.

The engine state (alur.core.engine.RunState) is the truth of a run; Task rows are its projection
for inbox queries, rewritten in the same transaction as every state change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alur.core.engine import RunState
from alur.core.kinerja.periods import subject_label
from alur.org.models import Employee, Office, Position, Unit
from alur.sop.models import SopRevision


class IncomingLetter(models.Model):
    class Sifat(models.TextChoices):
        BIASA = "biasa", _("Biasa")
        SEGERA = "segera", _("Segera")
        SANGAT_SEGERA = "sangat_segera", _("Sangat segera")
        RAHASIA = "rahasia", _("Rahasia")

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="incoming_letters")
    agenda_year = models.PositiveIntegerField(_("tahun agenda"))
    agenda_number = models.PositiveIntegerField(_("nomor agenda"))
    nomor_surat = models.CharField(_("nomor surat"), max_length=120)
    tanggal_surat = models.DateField(_("tanggal surat"))
    asal = models.CharField(_("asal surat"), max_length=200)
    perihal = models.CharField(_("perihal"), max_length=300)
    sifat = models.CharField(_("sifat"), max_length=20, choices=Sifat.choices, default=Sifat.BIASA)
    received_on = models.DateField(_("tanggal diterima"))
    scan = models.FileField(_("pindaian surat"), upload_to="surat-masuk/%Y/", blank=True)
    scan_sha256 = models.CharField(max_length=64, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("surat masuk")
        verbose_name_plural = _("surat masuk")
        ordering = ["-agenda_year", "-agenda_number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "agenda_year", "agenda_number"], name="incoming_agenda_unique")
        ]

    def __str__(self) -> str:
        return f"{self.nomor_surat} — {self.perihal}"


class Run(models.Model):
    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="runs")
    revision = models.ForeignKey(SopRevision, on_delete=models.PROTECT, related_name="runs")
    letter = models.ForeignKey(
        IncomingLetter, on_delete=models.PROTECT, null=True, blank=True, related_name="runs"
    )
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    purpose = models.CharField(_("keperluan"), max_length=300)
    year = models.PositiveIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BERJALAN)
    state = models.JSONField(_("status mesin"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written only by services.numbering.take_outgoing_number, with the OutgoingNumber row it copies.
    outgoing_number = models.CharField(_("nomor surat keluar"), max_length=120, blank=True)
    # What the run is about besides the letter (the year's IKU, a triwulan's data collection...):
    # a kind from alur.runs.subjects and the id of that record.
    subject_type = models.CharField(_("jenis pokok alur"), max_length=40, blank=True)
    subject_id = models.PositiveBigIntegerField(_("id pokok alur"), null=True, blank=True)
    # The period the run is about, chosen at start (alur.runs.about): the reporting year and, for a
    # quarterly collection, the triwulan. Empty for runs started before it was stored (their pages
    # derive the period from `year` and the start day, as they did) and for runs no need applies to.
    about_year = models.PositiveIntegerField(_("tahun yang dilaporkan"), null=True, blank=True)
    about_triwulan = models.PositiveSmallIntegerField(_("triwulan yang dilaporkan"), null=True, blank=True)
    # For an actor column mapped to several positions "dipilih saat alur dimulai": the position chosen
    # at start ({actor: position id}); every step of that column goes to it (services.assignment).
    chosen_positions = models.JSONField(_("jabatan yang dipilih"), default=dict, blank=True)

    class Meta:
        verbose_name = _("alur")
        verbose_name_plural = _("alur")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["office", "started_at"], name="run_office_started"),
            # newest first across offices (a reader with grants): a walk of this index, no sort of every run
            models.Index(fields=["-started_at"], name="run_started_desc"),
            # open runs only (the dashboards' Now page; alur.dashboard.openrows writes the status as the
            # same constant so SQLite can match the partial index)
            models.Index(fields=["office", "revision"], condition=models.Q(status="berjalan"), name="run_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject_type="", subject_id__isnull=True)
                | (~models.Q(subject_type="") & models.Q(subject_id__isnull=False)),
                name="run_subject_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(about_triwulan__isnull=True)
                | (models.Q(about_year__isnull=False) & models.Q(about_triwulan__gte=1, about_triwulan__lte=4)),
                name="run_about_triwulan",
            ),
        ]

    def __str__(self) -> str:
        return self.purpose

    @property
    def about_label(self) -> str:
        """The period the run is about ("Triwulan III 2026", "Tahun 2026"), "" when none is stored."""
        return subject_label(self.about_year, self.about_triwulan) if self.about_year else ""

    def engine_state(self) -> RunState:
        return RunState.from_dict(self.state)

    def set_state(self, state: RunState, now) -> list[str]:
        """The one place a run's state, status and end are written; returns the fields changed.

        `status` is a copy of the engine state's status, kept as a column for filtering in SQL."""
        self.state = state.to_dict()
        self.status = state.status
        if state.status != self.Status.BERJALAN and self.finished_at is None:
            self.finished_at = now
        return ["state", "status", "finished_at"]


class Task(models.Model):
    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="tasks")
    engine_id = models.PositiveIntegerField()
    step_no = models.PositiveIntegerField()
    actor = models.CharField(max_length=200)
    # Copied from the step when the task opens, so dashboards filter in SQL without the SOP.
    act = models.CharField(_("jenis langkah"), max_length=20, blank=True)  # alur.core.sop.model.Act
    is_decision = models.BooleanField(_("langkah keputusan"), default=False)
    waktu_minutes = models.PositiveIntegerField(_("mutu baku waktu (menit kerja)"), null=True, blank=True)
    iteration = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TERBUKA)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assignee = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    acting_prefix = models.CharField(max_length=4, blank=True)  # "Plt."/"Plh." when a stand-in holds it
    opened_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=6, blank=True)
    reason = models.TextField(blank=True)  # why it was (re)opened or sent back
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["run", "engine_id"]
        constraints = [models.UniqueConstraint(fields=["run", "engine_id"], name="task_unique_engine_id")]
        indexes = [
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["position", "status"], name="task_position_status"),
            models.Index(fields=["status", "due_at"], name="task_status_due"),
            models.Index(fields=["run", "due_at"], condition=models.Q(status="terbuka"), name="task_open"),
        ]

    def __str__(self) -> str:
        return f"{self.run} — langkah {self.step_no}"


class Document(models.Model):
    """One document of a run, by its role: the working draft (`utama`), minutes, the signed copy..."""

    class Role(models.TextChoices):
        UTAMA = "utama", _("Dokumen utama (konsep kerja)")
        NOTULEN = "notulen", _("Notulen")
        LAMPIRAN = "lampiran", _("Lampiran")
        TTD = "ttd", _("Salinan bertanda tangan")

    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="documents")
    role = models.CharField(_("peran dokumen"), max_length=10, choices=Role.choices, default=Role.UTAMA)
    name = models.CharField(_("nama dokumen"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "name"], name="document_unique_name")]

    def __str__(self) -> str:
        return self.name

    def latest(self):
        """The version a paraf or signature must bind to: the newest that is not a derived signed copy
        (a signed copy of version n records the signing; it does not replace the text)."""
        return self.versions.exclude(source=DocumentVersion.Source.SIGNED_COPY).order_by("-number").first()


class DocumentVersion(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", _("Diunggah")
        GENERATED = "generated", _("Disusun dari data")
        SIGNED_COPY = "signed_copy", _("Salinan bertanda tangan")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices, default=Source.UPLOAD)
    derived_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived",
        verbose_name=_("diturunkan dari"),
    )
    # Generated versions: a digest of the data they were built from, to tell when the data moved on.
    data_fingerprint = models.TextField(_("sidik data"), blank=True)
    number = models.PositiveIntegerField()
    label = models.CharField(_("keterangan versi"), max_length=300, blank=True)  # the step's Output
    file = models.FileField(upload_to="dokumen/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="uploads")
    uploaded_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")  # empty for generated versions
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="version_unique_number")]


class Disposition(models.Model):
    """Lembar disposisi: the instruction a leader writes on an incoming letter."""

    class Instruction(models.TextChoices):
        TANGGAPAN = "tanggapan", _("Tanggapan dan saran")
        PROSES = "proses", _("Proses lebih lanjut")
        KOORDINASI = "koordinasi", _("Koordinasikan")
        LAINNYA = "lainnya", _("Lainnya")

    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="disposition")
    to_positions = models.ManyToManyField(Position, related_name="+", verbose_name=_("kepada"))
    instructions = models.JSONField(_("instruksi"), default=list)
    note = models.TextField(_("catatan"), blank=True)
    due_on = models.DateField(_("batas waktu"), null=True, blank=True)
    written_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    def instruction_labels(self) -> list[str]:
        """The instructions as the sheet prints them ("Proses lebih lanjut"), never their codes."""
        labels = dict(self.Instruction.choices)
        return [str(labels.get(code, code)) for code in self.instructions]


class DispositionCopy(models.Model):
    """A position ticked on a lembar disposisi that does not continue the run: the disposisi (with
    the letter) lands in its inbox "untuk diketahui / ditindaklanjuti" until someone holding the
    position acknowledges it."""

    disposition = models.ForeignKey(Disposition, on_delete=models.PROTECT, related_name="copies")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("diterima pada"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["disposition", "position"], name="disposition_copy_unique")]
        indexes = [models.Index(fields=["position", "acknowledged_at"], name="disposition_copy_inbox")]


class Attendance(models.Model):
    """A participant's confirmation of a meeting step (koordinasi with several actors): present or not."""

    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="attendance")
    attended = models.BooleanField(_("hadir"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()


class SignOff(models.Model):
    """A paraf or a signature, bound to one document version by its SHA-256."""

    class Kind(models.TextChoices):
        PARAF = "paraf", _("Paraf")
        TANDA_TANGAN = "tanda_tangan", _("Tanda tangan")

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="signoffs")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="signoffs")
    sha256 = models.CharField(max_length=64)
    signer = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=200)
    signer_nip = models.CharField(max_length=18)
    signer_title = models.CharField(max_length=250)  # e.g. "Plt. Kepala Dinas"
    signed_at = models.DateTimeField()

    def is_current(self) -> bool:
        """A sign-off counts only while its version is still the document's latest."""
        latest = self.version.document.latest()
        return latest is not None and latest.pk == self.version_id and latest.sha256 == self.sha256


class NumberSequence(models.Model):
    """An office's yearly counter (incoming agenda or outgoing letters); locked while a number is taken."""

    class Kind(models.TextChoices):
        MASUK = "masuk", _("Agenda surat masuk")
        KELUAR = "keluar", _("Agenda surat keluar")

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "kind", "year"], name="sequence_unique_year")]


class OutgoingNumber(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="outgoing_numbers")
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(max_length=120)
    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="numbers")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="numbers")
    taken_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField()

    class Meta:
        ordering = ["office", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "sequence"], name="outgoing_unique_sequence")
        ]


class Dispatch(models.Model):
    """Copies, distribution and archive of a finished document (Caraka / agenda records)."""

    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="dispatch")
    recipients = models.JSONField(_("penerima"), default=list)
    copies = models.PositiveIntegerField(_("jumlah salinan"), default=1)
    archive_location = models.CharField(_("lokasi arsip"), max_length=200, blank=True)
    sent_at = models.DateTimeField()


class Collection(models.Model):
    """A data-kinerja run's collection of one triwulan's realisations (its `pengumpulan` step).

    Opening it lets the units enter that triwulan from `opened_on` (alur.kinerja.windows honours the
    earliest opening of the office's period); one per run."""

    run = models.OneToOneField(Run, on_delete=models.PROTECT, related_name="collection")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    opened_on = models.DateField(_("pengisian dibuka sejak"))
    opened_at = models.DateTimeField(_("dibuka pada"))

    class Meta:
        verbose_name = _("pengumpulan data kinerja")
        verbose_name_plural = _("pengumpulan data kinerja")
        indexes = [models.Index(fields=["office", "year", "triwulan"], name="collection_period")]

    def __str__(self) -> str:
        return f"{self.run} — triwulan {self.triwulan} {self.year}"


class RealisationRequest(models.Model):
    """'Isi realisasi triwulan N' for one unit responsible for indicators of the collected period.

    Open while `done_at` is empty; it is done when every indicator of the unit for the period is at
    least diajukan (read from the realisations' states, stamped when the collection step completes)."""

    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="requests")
    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="realisation_requests")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="realisation_requests")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    indicator_count = models.PositiveIntegerField(_("jumlah indikator"))
    created_at = models.DateTimeField(_("dikirim pada"))
    done_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan isi realisasi")
        verbose_name_plural = _("permintaan isi realisasi")
        constraints = [models.UniqueConstraint(fields=["collection", "unit"], name="realisation_request_unique_unit")]
        indexes = [models.Index(fields=["unit", "done_at"], name="realisation_request_open")]

    def __str__(self) -> str:
        return f"{self.unit} — triwulan {self.triwulan} {self.year}"
