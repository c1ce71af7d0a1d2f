"""The narrative sections each document has, reading them (one query) and saving a new version."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.core.text import text_error

from . import kinds, policies
from .content import BulletList, Paragraph
from .models import NarrativeVersion

MAX_TEXT = 20000



def sections_of(kind: str) -> tuple[tuple[str, str], ...]:
    """(key, title) of the sections people write for the document kind (the kind's `sections`)."""
    found = kinds.get(kind)
    return found.sections if found else ()


@dataclass(frozen=True)
class Narrative:
    key: str
    title: str
    text: str
    number: int | None
    changed_by: str
    changed_at: object


def narratives(office, kind: str, year: int) -> dict[str, Narrative]:
    """The newest version of every section of the document (one query); unwritten ones are empty."""
    latest: dict[str, NarrativeVersion] = {}
    for row in (NarrativeVersion.objects.filter(office=office, document=kind, year=year)
                .select_related("changed_by").order_by("key", "-number")):
        latest.setdefault(row.key, row)
    found = {}
    for key, title in sections_of(kind):
        row = latest.get(key)
        found[key] = Narrative(key=key, title=title, text=row.text if row else "", number=row.number if row else None,
                               changed_by=(row.changed_by.get_full_name() or row.changed_by.username) if row else "",
                               changed_at=row.changed_at if row else None)
    return found


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def save(office, kind: str, year: int, key: str, text: str, user) -> NarrativeVersion:
    """A new version of one section, by the planning unit or the head (policies), on the trail with
    the digests of the text it replaces and of the new text (the row itself is fingerprinted)."""
    policies.require(policies.can_edit_narrative(user, office),
                     _("Hanya unit perencanaan atau kepala OPD yang dapat mengubah narasi dokumen."))
    if key not in dict(sections_of(kind)):
        raise ValidationError(_("Bagian narasi '%(key)s' tidak ada pada dokumen ini.") % {"key": key})
    if len(text) > MAX_TEXT:
        raise ValidationError({key: _("Narasi terlalu panjang: %(n)s karakter (maksimum %(max)s).") % {
            "n": len(text), "max": MAX_TEXT}})
    problem = text_error(text)  # the one text rule of every form and import (alur.core.text)
    if problem is not None:
        raise ValidationError({key: problem})
    if "<" in text and re.search(r"</?[a-zA-Z][^>]*>", text):
        raise ValidationError({key: _("Narasi berisi tag HTML; tulis teks biasa (paragraf dan daftar '- ').")})
    rows = lock_rows(NarrativeVersion.objects).filter(office=office, document=kind, year=year, key=key)
    number = (rows.aggregate(n=Max("number"))["n"] or 0) + 1
    previous = NarrativeVersion.objects.filter(office=office, document=kind, year=year, key=key,
                                               number=number - 1).values_list("text", flat=True).first()
    version = NarrativeVersion.objects.create(office=office, document=kind, year=year, key=key, number=number,
                                              text=text.replace("\r\n", "\n").strip(), changed_by=user,
                                              changed_at=timezone.now())
    record(office=office, kind="dokumen.narasi.ubah", user=user, at=version.changed_at, data={
        "dokumen": kind, "tahun": year, "bagian": key, "versi": number, "narasi": version.pk,
        "lama_sha256": text_sha256(previous) if previous is not None else None,
        "baru_sha256": text_sha256(version.text), "panjang": len(version.text)})
    return version


_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


def blocks_of(text: str) -> list:
    """Plain text → paragraphs and lists (a list is consecutive lines starting with '- ' or '1. ')."""
    blocks: list = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_ITEM.match(line) for line in lines):
            numbered = bool(re.match(r"^\s*\d", lines[0]))
            blocks.append(BulletList(items=tuple(_ITEM.sub("", line).strip() for line in lines), numbered=numbered))
        else:
            blocks.append(Paragraph(" ".join(line.strip() for line in lines)))
    return blocks
