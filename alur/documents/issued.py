"""What a run adds to its generated document when the document is written out: the outgoing
letter number the run took (a Keputusan's "NOMOR …") and the signature its signature step made.
Neither is performance data, so neither is part of the data fingerprint: the content is built
from the office's data, then filled here."""

from __future__ import annotations

import dataclasses

from alur.runs.models import OutgoingNumber, SignOff

from .content import NUMBER_BLANK, Clause, Document, Heading, Paragraph
from .signature_block import with_signoff


def with_number(doc: Document, number: str) -> Document:
    """`doc` with the blank of its number filled (headings, paragraphs, a lampiran's heading)."""
    blocks = [dataclasses.replace(b, text=b.text.replace(NUMBER_BLANK, number))
              if isinstance(b, Heading | Paragraph) and NUMBER_BLANK in b.text
              else dataclasses.replace(b, items=tuple(x.replace(NUMBER_BLANK, number) for x in b.items))
              if isinstance(b, Clause) else b for b in doc.blocks]
    return dataclasses.replace(doc, blocks=blocks, gaps=list(doc.gaps))


def run_number(run) -> str | None:
    """The run's outgoing letter number (its first, if it took several)."""
    return OutgoingNumber.objects.filter(run=run).order_by("taken_at", "pk").values_list("number", flat=True).first()


def signature_of(version) -> SignOff | None:
    return (SignOff.objects.filter(version=version, kind=SignOff.Kind.TANDA_TANGAN).select_related("signer")
            .order_by("signed_at", "pk").first())


def as_issued(doc: Document, version) -> Document:
    """`doc` (built for the version's run) with the run's number and the version's signature."""
    run = version.document.run
    number = run_number(run)
    if number:
        doc = with_number(doc, number)
    signoff = signature_of(version)
    if signoff is not None:
        doc = with_signoff(doc, signoff, run.office)
    return doc
