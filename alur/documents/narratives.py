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


def sections_of(kind: str, office=None, year: int | None = None) -> tuple[tuple[str, str], ...]:
    """(key, title) of the sections people write for the document kind: the kind's fixed `sections`,
    and, given the office and year, those that follow its data (the LKjIP's one per sasaran)."""
    found = kinds.get(kind)
    if found is None:
        return ()
    return found.sections_for(office, year) if office is not None and year is not None else found.sections


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
    for key, title in sections_of(kind, office, year):
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
    if key not in dict(sections_of(kind, office, year)):
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
_NUMBERED = re.compile(r"^\s*\d")


def blocks_of(text: str) -> list:
    """Plain text → paragraphs and lists: paragraphs are separated by a blank line; a line starting
    with '- ' (or '•', '*') is a bullet item and one starting with '1. ' a numbered item, also right
    under a lead line ("Faktor pendorong:" then its items), so a list never prints as inline text.
    An indented line under an item continues it; any other line starts a new paragraph."""
    blocks: list = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        runs: list[tuple[str, list[str]]] = []  # ("prose" | "bullet" | "numbered", lines)
        for line in chunk.splitlines():
            if not line.strip():
                continue
            if _ITEM.match(line):
                kind = "numbered" if _NUMBERED.match(line) else "bullet"
                if not runs or runs[-1][0] != kind:
                    runs.append((kind, []))
                runs[-1][1].append(_ITEM.sub("", line).strip())
            elif runs and runs[-1][0] != "prose" and line[:1].isspace():
                runs[-1][1][-1] += " " + line.strip()
            else:
                if not runs or runs[-1][0] != "prose":
                    runs.append(("prose", []))
                runs[-1][1].append(line.strip())
        for kind, lines in runs:
            blocks.append(Paragraph(" ".join(lines)) if kind == "prose"
                          else BulletList(items=tuple(lines), numbered=kind == "numbered"))
    return blocks
