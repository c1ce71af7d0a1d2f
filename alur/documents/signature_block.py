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

from .content import DAY_BLANK, Clause, Document, SignatureParty, Signatures

NOT_SIGNED = "(belum ditandatangani)"
DECREE_DAY = "TANGGAL "  # a Keputusan's lampiran heading: "TANGGAL …" (the day it was signed)


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


def place_and_date(office, day: date | None, year: int, *, decree: bool = False) -> str:
    """"Kuala Tungkal, 4 Januari 2027" (a Keputusan: "Ditetapkan di Kuala Tungkal / pada tanggal
    4 Januari 2027"), or a dotted day to fill in before signing."""
    when = tanggal(day) if day else f"{DAY_BLANK} {year}"
    if decree:
        return f"Ditetapkan di {place_of(office)}\npada tanggal {when}"
    return f"{place_of(office)}, {when}"


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


def office_head_block(doc: Document, office, year: int, *, keep_with_previous: bool = False,
                      decree: bool = False, upper: bool = False) -> Signatures:
    """The office head's signature block, dated at the office's seat, not yet signed (`upper`: the
    jabatan in capitals, as a Keputusan writes its signer)."""
    party = office_head(doc, office)
    if upper:
        party = party._replace(title=party.title.upper())
    return Signatures(place_date=place_and_date(office, None, year, decree=decree), parties=(party,),
                      keep_with_previous=keep_with_previous, decree=decree)


def signed_mark(at, sha256: str = "") -> str:
    """What stands in the signing space once signed: when, that it is Alur's own (uncertified)
    electronic signature (PP 71/2019 asks an uncertified one to say so), and the file it binds."""
    bound = f"; berkas SHA-256 {sha256[:16]}…" if sha256 else ""
    return (f"Ditandatangani di Alur pada {tanggal_jam(timezone.localtime(at))} "
            f"(tanda tangan elektronik tidak tersertifikasi{bound})")


def signed_party(signoff, office, role: str = "") -> SignatureParty:
    """The column of whoever signed in the run, as the signature step recorded them."""
    rank = getattr(signoff.signer, "rank", "") if signoff.signer_id else ""
    return SignatureParty(role, jabatan_of(signoff.signer_title, office), signoff.signer_name,
                          details_of(rank, signoff.signer_nip), signed_mark(signoff.signed_at, signoff.sha256), True)


def with_signoff(doc: Document, signoff, office) -> Document:
    """`doc` with every office-head column filled from the run's signature `signoff` (its place
    and date the signing day). Other columns (the Bupati, the Inspektur) are left as they are."""
    day = timezone.localdate(signoff.signed_at)
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Signatures) and any(p.office_head for p in block.parties):
            parties = tuple(_signed_like(signed_party(signoff, office, p.role), p) if p.office_head else p
                            for p in block.parties)
            block = dataclasses.replace(block, parties=parties,
                                        place_date=place_and_date(office, day, doc.year, decree=block.decree))
        elif isinstance(block, Clause) and DECREE_DAY + DAY_BLANK in block.items:
            block = dataclasses.replace(block, items=tuple(
                DECREE_DAY + tanggal(day).upper() if x == DECREE_DAY + DAY_BLANK else x for x in block.items))
        blocks.append(block)
    return dataclasses.replace(doc, blocks=blocks, gaps=list(doc.gaps))


def _signed_like(signed: SignatureParty, unsigned: SignatureParty) -> SignatureParty:
    """The signed column written as the unsigned one was (a Keputusan's jabatan in capitals)."""
    return signed._replace(title=signed.title.upper()) if unsigned.title.isupper() else signed
