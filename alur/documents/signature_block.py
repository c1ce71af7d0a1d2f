"""The one signature block of every generated document (DOCX and PDF): place and date, jabatan
("Kepala Dinas …", "Plt./Plh. Kepala Dinas …" when a stand-in signs), the signing space with a
visible mark, name, pangkat/golongan when known, and NIP.

Before a document is signed its office-head column names who acts for the head position on the
day (the organisation's record) and says it is not yet signed; the date is left to be filled in.
Once the run's signature step has signed a version, `with_signoff` fills that column from the
signature's own record (name, NIP, jabatan as signed, the day) — so a signed document reads as
signed, whoever actually signed it."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.utils import timezone

from alur.core.sop.approver import approver_jabatan
from alur.core.sop.vocabulary import tanggal, tanggal_jam
from alur.org.models import Position
from alur.org.selectors import rows_with_holders

from .content import Document, SignatureParty, Signatures

NOT_SIGNED = "(belum ditandatangani)"
BLANK_DAY = "...................."


def place_of(office) -> str:
    """The town a document is signed in: the office's seat (Kedudukan), else the government's name
    without "Pemerintah Kabupaten/Kota" (an office that has not yet recorded its seat)."""
    if getattr(office, "seat", ""):
        return office.seat
    government = getattr(office, "government", "") or ""
    for prefix in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi "):
        if government.startswith(prefix):
            return government[len(prefix):]
    return government or office.name


def place_and_date(office, day: date | None, year: int) -> str:
    """"Kuala Tungkal, 4 Januari 2027", or a dotted day to fill in before signing."""
    return f"{place_of(office)}, {tanggal(day) if day else f'{BLANK_DAY} {year}'}"


def jabatan_of(title: str, office) -> str:
    """'Kepala Dinas' of 'Dinas Penanaman Modal …' in 'Pemerintah Kabupaten X' as a document prints
    it: 'Kepala Dinas Penanaman Modal … Kabupaten X' (the shared word once, as on the SOP document)."""
    return approver_jabatan(title, office.name, office.government)


def details_of(rank: str, nip: str) -> tuple[str, ...]:
    return tuple(x for x in (rank, f"NIP. {nip}" if nip else "") if x)


def acting_head(office, day: date):
    """Who acts for the office's head position on `day` (holder or Plt/Plh), or None (one query)."""
    heads = Position.objects.filter(office=office, is_head=True).order_by("pk")
    return next((a for _position, a in rows_with_holders(heads, day, via="") if a is not None), None)


def office_head(doc: Document, office, day: date | None = None, *, role: str = "") -> SignatureParty:
    """The office head's column before signing: who acts for the head on `day` (today by default).
    Nobody recorded is a listed gap, and the column shows dotted lines to fill in."""
    day = day or timezone.localdate()
    acting = acting_head(office, day)
    if acting is None:
        doc.gap(f"kepala OPD pada {tanggal(day)} (jabatan kepala tanpa pemangku atau Plt/Plh)")
        return SignatureParty(role, jabatan_of("Kepala", office), "..............................",
                              ("NIP. ....................",), NOT_SIGNED, True)
    return SignatureParty(role, jabatan_of(acting.title, office), acting.employee.name,
                          details_of(acting.employee.rank, acting.employee.nip), NOT_SIGNED, True)


def office_head_block(doc: Document, office, year: int, *, keep_with_previous: bool = False) -> Signatures:
    """The office head's signature block, dated at the office's seat, not yet signed."""
    return Signatures(place_date=place_and_date(office, None, year), parties=(office_head(doc, office),),
                      keep_with_previous=keep_with_previous)


def signed_mark(at) -> str:
    return f"Ditandatangani secara elektronik pada {tanggal_jam(timezone.localtime(at))}"


def signed_party(signoff, office, role: str = "") -> SignatureParty:
    """The column of whoever signed in the run, as the signature step recorded them."""
    rank = getattr(signoff.signer, "rank", "") if signoff.signer_id else ""
    return SignatureParty(role, jabatan_of(signoff.signer_title, office), signoff.signer_name,
                          details_of(rank, signoff.signer_nip), signed_mark(signoff.signed_at), True)


def with_signoff(doc: Document, signoff, office) -> Document:
    """`doc` with every office-head column filled from the run's signature `signoff` (its place
    and date the signing day). Other columns (the Bupati, the Inspektur) are left as they are."""
    day = timezone.localdate(signoff.signed_at)
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Signatures) and any(p.office_head for p in block.parties):
            parties = tuple(signed_party(signoff, office, p.role) if p.office_head else p for p in block.parties)
            block = dataclasses.replace(block, parties=parties, place_date=place_and_date(office, day, doc.year))
        blocks.append(block)
    return dataclasses.replace(doc, blocks=blocks, gaps=list(doc.gaps))
