"""Incoming letters (surat masuk): registered with the office's next agenda number."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.services import record
from alur.org.models import Office
from alur.org.selectors import employee_of
from alur.runs import policies, uploads
from alur.runs.models import IncomingLetter, NumberSequence

from .numbering import next_in_sequence

EARLIEST_LETTER = date(1945, 8, 17)


def check_letter_dates(tanggal_surat: date, received_on: date, today: date) -> None:
    """Plausible dates only: a letter written since 1945 and not over a year ahead, received by today."""
    errors = {}
    if tanggal_surat < EARLIEST_LETTER:
        errors["tanggal_surat"] = _("Tanggal surat tidak boleh sebelum 17 Agustus 1945.")
    elif tanggal_surat > today + timedelta(days=366):
        errors["tanggal_surat"] = _("Tanggal surat terlalu jauh di masa depan (lebih dari satu tahun).")
    if received_on > today:
        errors["received_on"] = _("Tanggal diterima tidak boleh setelah hari ini.")
    elif received_on < EARLIEST_LETTER:
        errors["received_on"] = _("Tanggal diterima tidak boleh sebelum 17 Agustus 1945.")
    if errors:
        raise ValidationError(errors)
    if tanggal_surat > received_on:
        raise ValidationError({"tanggal_surat": _("Tanggal surat tidak boleh setelah tanggal diterima.")})


@transaction.atomic
def letter_register(
    *, office: Office, user, nomor_surat: str, tanggal_surat: date, asal: str, perihal: str,
    sifat: str = IncomingLetter.Sifat.BIASA, received_on: date | None = None, scan: UploadedFile | None = None,
) -> IncomingLetter:
    """Locks: the incoming counter, then the audit chain (the lock order of the package)."""
    policies.require(policies.can_register_letter(user, office), _("Anda bukan pegawai OPD ini."))
    employee = employee_of(user)
    today = timezone.localdate()
    received_on = received_on or today
    check_letter_dates(tanggal_surat, received_on, today)
    letter = IncomingLetter(
        office=office, agenda_year=received_on.year, nomor_surat=nomor_surat.strip(), tanggal_surat=tanggal_surat,
        asal=asal.strip(), perihal=perihal.strip(), sifat=sifat, received_on=received_on, registered_by=user,
        agenda_number=0,
    )
    letter.full_clean(exclude=["scan", "agenda_number"])  # everything checked before a number is taken
    if scan is not None:
        letter.scan_sha256 = uploads.check_and_hash(scan, field="scan")
        letter.scan = scan
    letter.agenda_number = next_in_sequence(office, NumberSequence.Kind.MASUK, received_on.year)
    letter.save()
    record(office=office, kind="surat_masuk.dicatat", user=user, data={
        "letter": letter.pk, "agenda": f"{letter.agenda_number}/{letter.agenda_year}",
        "nomor_surat": letter.nomor_surat, "asal": letter.asal, "perihal": letter.perihal,
        "scan_sha256": letter.scan_sha256, "by": employee.nip,
    })
    return letter
