"""Who signs the PK as PIHAK PERTAMA: the head of the office on the day of signing (the PK's date,
or the day of generation while it is unsigned) as the organisation records it — the holder, or a
stand-in, whose "Plt."/"Plh." comes from the stand-in record, never from a typed title."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from alur.core.sop.vocabulary import tanggal
from alur.kinerja.models import PerjanjianKinerja

from .content import Document, SignatureParty
from .signature_block import NOT_SIGNED, acting_head, details_of, jabatan_of, signed_mark

__all__ = ["jabatan_of", "pk_first_party", "signing_day"]

FIRST_PARTY = "PIHAK PERTAMA,"


def signing_day(pk: PerjanjianKinerja) -> date:
    return timezone.localdate(pk.signed_at) if pk.signed_at else timezone.localdate()


def pk_first_party(doc: Document, office, pk: PerjanjianKinerja) -> SignatureParty:
    """PIHAK PERTAMA of `pk`: who acts for the office's head position on the signing day (one query).
    When the organisation records nobody for that day, the PK's stored party is shown as typed and
    the missing record is a listed gap."""
    day = signing_day(pk)
    mark = signed_mark(pk.signed_at) if pk.signed_at else NOT_SIGNED
    acting = acting_head(office, day)
    if acting is not None:
        return SignatureParty(FIRST_PARTY, jabatan_of(acting.title, office), acting.employee.name,
                              details_of(acting.employee.rank, acting.employee.nip), mark, True)
    doc.gap(f"kepala OPD pada {tanggal(day)} (jabatan kepala tanpa pemangku atau Plt/Plh)")
    first = pk.pihak_pertama
    return SignatureParty(FIRST_PARTY, jabatan_of(pk.pihak_pertama_title, office), first.name,
                          details_of(first.rank, first.nip), mark, True)
