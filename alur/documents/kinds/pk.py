"""The Perjanjian Kinerja of a year: the statement both parties sign and its appendix (targets and
programme budgets from the signed PK's frozen snapshot)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alur.core.kinerja.periods import agreement_year
from alur.kinerja.models import (
    PerjanjianKinerja,
)
from alur.kinerja.snapshots import definitions_from_snapshot

from ..builders import (
    new_document,
    pk_of,
    pk_snapshot,
    value_or_gap,
)
from ..content import (
    Document,
    Heading,
    PageBreak,
    Paragraph,
    SignatureParty,
    Signatures,
    Table,
    rupiah,
)
from ..signature_block import place_and_date
from ..signers import pk_first_party
from . import DocumentKind


def build_pk(office, year: int) -> Document:
    doc = new_document("pk", office, year)
    pk = pk_of(office, year)
    if pk is None:
        doc.add(Heading("Data belum tersedia"), Paragraph(doc.gap(f"Perjanjian Kinerja tahun {year}")))
        return doc
    if pk.version > 1:
        doc.subtitle = f"Tahun {year} (Perubahan {pk.version - 1})"
    signer = pk_first_party(doc, office, pk)
    _pk_statement(doc, office, pk, signer)
    doc.add(PageBreak())
    _pk_appendix(doc, office, pk, signer)
    return doc


def _pk_statement(doc: Document, office, pk: PerjanjianKinerja, signer: SignatureParty) -> None:
    doc.add(Heading(f"Perjanjian Kinerja Tahun {pk.year}"),
            Paragraph("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
                      "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"),
            Table("", ("", "", ""), (("Nama", ":", signer.name), ("Jabatan", ":", signer.title)), widths=(2, 0.3, 8)),
            Paragraph("selanjutnya disebut PIHAK PERTAMA", bold=True),
            Table("", ("", "", ""), (("Nama", ":", pk.pihak_kedua_name), ("Jabatan", ":", pk.pihak_kedua_title)),
                  widths=(2, 0.3, 8)),
            Paragraph("selaku atasan PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA", bold=True),
            Paragraph("PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
                      "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
                      "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
                      "tersebut menjadi tanggung jawab kami."),
            Paragraph("PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
                      "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
                      "pemberian penghargaan dan sanksi."))
    doc.add(_signatures(office, pk, signer))


def _signatures(office, pk: PerjanjianKinerja, signer: SignatureParty, *, keep_with_previous: bool = False):
    """PermenPAN-RB 53/2014's PK: PIHAK KEDUA on the left, PIHAK PERTAMA on the right under the place
    and date, their lines side by side (jabatan with jabatan, name with name)."""
    day = timezone.localdate(pk.signed_at) if pk.signed_at else None
    second = SignatureParty("PIHAK KEDUA,", pk.pihak_kedua_title, pk.pihak_kedua_name, ())  # signs on paper
    return Signatures(place_date=place_and_date(office, day, pk.year), parties=(second, signer),
                      keep_with_previous=keep_with_previous)


def _pk_appendix(doc: Document, office, pk: PerjanjianKinerja, signer: SignatureParty) -> None:
    snapshot = pk_snapshot(pk)
    definitions = [d for d in definitions_from_snapshot(snapshot)]
    doc.add(Heading(f"Lampiran Perjanjian Kinerja Tahun {pk.year}"),
            Paragraph(office.name, align="center", bold=True))
    rows, last = [], None
    for n, d in enumerate(definitions, start=1):
        rows.append((str(n), d.sasaran if d.sasaran != last else "", d.name,
                     value_or_gap(d.target, doc, f"target PK {d.code}"), d.satuan))
        last = d.sasaran
    if not rows:
        doc.add(Paragraph(doc.gap(f"indikator Perjanjian Kinerja {pk.year}")))
    else:
        doc.add(Table("Tabel 1. Sasaran, indikator dan target", ("No", "Sasaran Strategis", "Indikator Kinerja",
                                                                  "Target", "Satuan"), tuple(rows),
                      widths=(0.6, 4, 5, 1.5, 1.5)))
    programs = snapshot.get("programs", [])
    if not programs:
        doc.add(Paragraph(doc.gap(f"anggaran program Perjanjian Kinerja {pk.year}")))
        return
    total = sum((Decimal(p["anggaran"]) for p in programs), Decimal(0))
    doc.add(Table("Tabel 2. Program dan anggaran", ("No", "Kode", "Program", "Anggaran (Rp)"),
                  tuple((str(n), p["code"], p["name"], rupiah(Decimal(p["anggaran"])))
                        for n, p in enumerate(programs, start=1)),
                  total=("", "", "TOTAL", rupiah(total)), widths=(0.6, 1.6, 6, 2.4)))
    # kept with the table above: a page holding only the signatures is no page of a PK
    doc.add(_signatures(office, pk, signer, keep_with_previous=True))


KIND = DocumentKind(
    key="pk", title="Perjanjian Kinerja", short="PK",
    default_year=agreement_year,  # signed in January: in December, next year's
    build_content=lambda office, year, _triwulan=None: build_pk(office, year),
    locks=_("Perjanjian Kinerja"),
)
