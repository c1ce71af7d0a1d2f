"""Periksa: review the working document; the reviewer may hand in a corrected version."""

from alur.core.sop.model import Act

from .document_step import DocumentStep


class Periksa(DocumentStep):
    value = Act.PERIKSA
    needs_document = True
