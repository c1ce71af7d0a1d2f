"""Who signs the PK as PIHAK PERTAMA: the head of the office on the day of signing (the PK's date,
or the day of generation while it is unsigned) as the organisation records it — the holder, or a
stand-in, whose "Plt."/"Plh." comes from the stand-in record, never from a typed title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from alur.core.sop.approver import approver_jabatan
from alur.core.sop.vocabulary import tanggal
from alur.kinerja.models import PerjanjianKinerja
from alur.org.models import Position
from alur.org.selectors import rows_with_holders

from .content import Document


@dataclass(frozen=True)
class Signer:
    name: str
    title: str
    details: tuple[str, ...]  # pangkat, NIP


def signing_day(pk: PerjanjianKinerja) -> date:
    return timezone.localdate(pk.signed_at) if pk.signed_at else timezone.localdate()


def _details(employee) -> tuple[str, ...]:
    return tuple(x for x in (employee.rank, f"NIP. {employee.nip}" if employee.nip else "") if x)


def pk_first_party(doc: Document, office, pk: PerjanjianKinerja) -> Signer:
    """PIHAK PERTAMA of `pk`: who acts for the office's head position on the signing day (one query).
    When the organisation records nobody for that day, the PK's stored party is shown as typed and
    the missing record is a listed gap."""
    day = signing_day(pk)
    heads = Position.objects.filter(office=office, is_head=True).order_by("pk")
    acting = next((a for _position, a in rows_with_holders(heads, day, via="") if a is not None), None)
    if acting is not None:
        return Signer(acting.employee.name, jabatan_of(acting.title, office), _details(acting.employee))
    doc.gap(f"kepala OPD pada {tanggal(day)} (jabatan kepala tanpa pemangku atau Plt/Plh)")
    first = pk.pihak_pertama
    return Signer(first.name, jabatan_of(pk.pihak_pertama_title, office), _details(first))


def jabatan_of(title: str, office) -> str:
    """'Kepala Dinas' of 'Dinas Penanaman Modal …' in 'Pemerintah Kabupaten X' as a PK prints it:
    'Kepala Dinas Penanaman Modal … Kabupaten X' (the shared word once, as on the SOP document)."""
    return approver_jabatan(title, office.name, office.government)
