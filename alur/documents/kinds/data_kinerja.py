"""The Laporan Data Kinerja of one triwulan: each indicator's realisation, its verification state
and the evidence attached. Its period is the collection's (the triwulan the run collects)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from alur.kinerja.models import (
    Evidence,
    Realisasi,
)
from alur.kinerja.selectors import capaian_of, definitions_for, renstra_for

from ..builders import (
    ROMAN,
    new_document,
    no_renstra,
)
from ..content import (
    Document,
    Heading,
    Paragraph,
    Table,
    number,
    percent,
)
from ..narratives import blocks_of, narratives
from . import DocumentKind, SeedBinding


def build_data_kinerja(office, year: int, triwulan: int) -> Document:
    doc = new_document("data_kinerja", office, year, subtitle=f"Triwulan {ROMAN[triwulan - 1]} Tahun {year}")
    renstra = renstra_for(office, year)
    if renstra is None:
        return no_renstra(doc, office, year)
    definitions, _pks = definitions_for(office, renstra, [year])
    found = {r.indicator_id: r for r in Realisasi.objects.filter(
        indicator__renstra=renstra, year=year, triwulan=triwulan).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk")))}
    labels = dict(Realisasi.State.choices)
    doc.add(Heading("Pendahuluan"), Paragraph(
        f"Laporan ini memuat realisasi setiap indikator kinerja {office.name} pada Triwulan "
        f"{ROMAN[triwulan - 1]} Tahun {year}, status verifikasinya, dan bukti dukung yang dilampirkan. Hanya "
        f"realisasi yang telah diverifikasi dihitung dalam capaian."))
    texts = narratives(office, "data_kinerja", year)
    if texts["catatan"].text:
        doc.add(*blocks_of(texts["catatan"].text))
    doc.add(Heading("Realisasi Indikator Kinerja"))
    rows, evidence_rows, counted = [], [], 0
    for d in definitions[year]:
        r = found.get(d.id)
        target = d.quarter_targets[triwulan - 1]
        if r is None or r.value is None:
            value, state, cap = doc.gap(f"realisasi {d.code} TW {ROMAN[triwulan - 1]}"), "Belum diisi", "–"
        elif not r.counts:
            value, state, cap = f"{number(r.value)} (belum diverifikasi)", str(labels[r.state]), "–"
            doc.gaps.append(f"realisasi {d.code} TW {ROMAN[triwulan - 1]} belum diverifikasi ({labels[r.state]})")
        else:
            counted += 1
            value, state = number(r.value), str(labels[r.state])
            cap = percent(capaian_of(d, target, r.value).value)
        rows.append((d.code, d.name, d.satuan, number(target), value, cap, state))
        for e in (r.evidence.all() if r else ()):
            evidence_rows.append((d.code, str(Evidence.Kind(e.kind).label),
                                  " — ".join(part for part in (e.original_name, e.url, e.note) if part),
                                  e.sha256[:12] if e.sha256 else ""))
    if not rows:
        doc.add(Paragraph(doc.gap(f"indikator tahun {year}")))
        return doc
    doc.add(Table(f"Tabel 1. Realisasi Triwulan {ROMAN[triwulan - 1]} {year}",
                  ("Kode", "Indikator", "Satuan", "Target TW", "Realisasi", "Capaian", "Status"), tuple(rows),
                  widths=(1.2, 4.6, 1.4, 1.4, 2.2, 1.4, 2.0)),
            Paragraph(f"{counted} dari {len(rows)} indikator telah diverifikasi."))
    doc.add(Heading("Bukti Dukung"))
    if evidence_rows:
        doc.add(Table("Tabel 2. Daftar bukti dukung", ("Kode", "Jenis", "Bukti", "SHA-256 (awal)"),
                      tuple(evidence_rows), widths=(1.2, 1.4, 7, 2)))
    else:
        doc.add(Paragraph(doc.gap(f"bukti dukung Triwulan {ROMAN[triwulan - 1]} {year}")))
    return doc


KIND = DocumentKind(
    key="data_kinerja", title="Laporan Data Kinerja", short="Data kinerja",
    build_content=lambda office, year, triwulan=None: build_data_kinerja(office, year, triwulan or 1),
    sections=(("catatan", "Catatan pengumpulan data"),), locks=_("Laporan Data Kinerja"), quarterly=True,
    seed_binding=(SeedBinding("Mekanisme Pengumpulan Data Kinerja", frozenset({3})),),
)
