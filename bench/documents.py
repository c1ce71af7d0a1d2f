"""Time and SQL query count of generating each SAKIP document (content, DOCX, PDF).

    .venv/bin/python -m bench.documents [--repeat 3] [--json]

Two offices in a fresh SQLite file (thrown away at the end): the demo office with its invented
kinerja data, and a generated office with 40 indicators (8 sasaran, 40 % IKU) and 12 programmes,
each with 2 kegiatan of 2 sub-kegiatan, pagu and budget per quarter, a signed PK per year and a
verified realisation for every indicator × year × quarter. For each document the median of
`--repeat` runs is printed for building the content, writing the DOCX and writing the PDF (wall
clock, and the PDF's CPU time of this process, which moves less when the machine is shared), with
the number of SQL statements the content took (the same for both offices: no query per indicator).
Aim: LKjIP and Renstra DOCX ≤ 1 s and PDF ≤ 3 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal

from bench.common import setup_sqlite

KINDS = ("iku", "pk", "data_kinerja", "lkjip", "renja", "renstra")
YEARS = range(2022, 2027)


def demo_office():
    from alur.kinerja.demo import load_demo_kinerja
    from alur.org.demo import load_demo_office

    office, _ = load_demo_office()
    load_demo_kinerja(office)
    return office


def generated_office(indicators: int = 40, programmes: int = 12):
    from django.utils import timezone

    from alur.kinerja.models import (
        BudgetLine,
        Indicator,
        IndicatorTarget,
        Kegiatan,
        PaguIndikatif,
        PerjanjianKinerja,
        Program,
        QuarterTarget,
        Realisasi,
        Renja,
        RenjaLine,
        Renstra,
        Sasaran,
        SubKegiatan,
        Tujuan,
    )
    from alur.kinerja.setup import ensure_setup
    from alur.kinerja.snapshots import year_snapshot
    from alur.org.models import Employee, Office, Position, PositionHolding, Unit

    office = Office.objects.create(name="Dinas Bench Dokumen", code="bench-dokumen", short_code="BENCH",
                                   government="Pemerintah Kabupaten Bench")
    unit = Unit.objects.create(office=office, name="Bidang Bench")
    head = Employee.objects.create(office=office, name="Kepala Bench, S.T.", nip="197001012000011001")
    head_position = Position.objects.create(office=office, unit=unit, name="Kepala Dinas Bench", code="kepala",
                                            is_head=True)
    PositionHolding.objects.create(employee=head, position=head_position, start=date(2020, 1, 1))
    ensure_setup(office)
    renstra = Renstra.objects.create(office=office, title="Renstra bench", start_year=2021, end_year=2026,
                                     status=Renstra.Status.DITETAPKAN)
    tujuan = [Tujuan.objects.create(renstra=renstra, code=f"T{t}", name=f"Tujuan bench {t}") for t in range(2)]
    sasaran = [Sasaran.objects.create(tujuan=tujuan[s % 2], code=f"S{s}", name=f"Sasaran bench {s}")
               for s in range(8)]
    rows = Indicator.objects.bulk_create([
        Indicator(renstra=renstra, sasaran=sasaran[i % 8], code=f"B-{i:03d}", name=f"Indikator bench {i}",
                  definisi="Definisi operasional indikator bench.", formula="A / B × 100", satuan="%",
                  sumber_data="Laporan bidang", unit=unit, is_iku=i % 5 < 2, baseline=Decimal(50), order=i)
        for i in range(indicators)])
    targets, quarters, real = [], [], []
    for n, indicator in enumerate(rows):
        for year in YEARS:
            target = Decimal(80 + n % 20)
            targets.append(IndicatorTarget(indicator=indicator, year=year, value=target))
            for q in range(1, 5):
                quarters.append(QuarterTarget(indicator=indicator, year=year, triwulan=q, value=target / 4))
                real.append(Realisasi(indicator=indicator, year=year, triwulan=q, value=target / 4 + q % 2,
                                      state=Realisasi.State.DISAHKAN))
    IndicatorTarget.objects.bulk_create(targets)
    QuarterTarget.objects.bulk_create(quarters)
    Realisasi.objects.bulk_create(real)
    pagu, budget = [], []
    for p in range(programmes):
        program = Program.objects.create(renstra=renstra, sasaran=sasaran[p % 8], code=f"2.18.{p:02d}",
                                         name=f"Program bench {p}", unit=unit)
        for year in YEARS:
            pagu.append(PaguIndikatif(program=program, year=year, amount=Decimal(1_000_000_000)))
            budget += [BudgetLine(program=program, year=year, triwulan=q, pagu=Decimal(250_000_000),
                                  realisasi=Decimal(230_000_000)) for q in range(1, 5)]
        for k in range(2):
            kegiatan = Kegiatan.objects.create(program=program, code=f"2.18.{p:02d}.{k}", name=f"Kegiatan {p}.{k}",
                                               unit=unit)
            pagu += [PaguIndikatif(kegiatan=kegiatan, year=y, amount=Decimal(400_000_000)) for y in YEARS]
            for s in range(2):
                sub = SubKegiatan.objects.create(kegiatan=kegiatan, code=f"2.18.{p:02d}.{k}.{s}",
                                                 name=f"Sub-kegiatan {p}.{k}.{s}", unit=unit)
                pagu += [PaguIndikatif(sub_kegiatan=sub, year=y, amount=Decimal(200_000_000)) for y in YEARS]
    PaguIndikatif.objects.bulk_create(pagu)
    BudgetLine.objects.bulk_create(budget)
    for year in YEARS:
        renja = Renja.objects.create(office=office, renstra=renstra, year=year)
        RenjaLine.objects.bulk_create([RenjaLine(renja=renja, code=p.code, name=p.name, program=p,
                                                 pagu=Decimal(1_000_000_000))
                                       for p in Program.objects.filter(renstra=renstra)])
        PerjanjianKinerja.objects.create(office=office, renstra=renstra, year=year, pihak_pertama=head,
                                         pihak_pertama_title="Kepala Dinas", pihak_kedua_name="Bupati Bench",
                                         pihak_kedua_title="Bupati", signed_at=timezone.now(),
                                         snapshot=year_snapshot(renstra, year))
    return office


def measure(office, kind: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alur.documents.docx_writer import write_docx
    from alur.documents.kinds import build
    from alur.documents.pdf_writer import write_pdf

    content_t, docx_t, pdf_t, pdf_cpu = [], [], [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            doc = build(kind, office, 2026, 3)
            content_t.append(time.perf_counter() - start)
        start = time.perf_counter()
        docx = write_docx(doc)
        docx_t.append(time.perf_counter() - start)
        start, cpu = time.perf_counter(), time.process_time()
        pdf = write_pdf(doc)
        pdf_t.append(time.perf_counter() - start)
        pdf_cpu.append(time.process_time() - cpu)
    ms = lambda values: round(statistics.median(values) * 1000)  # noqa: E731
    return {"office": office.code, "document": kind, "queries": len(queries), "content_ms": ms(content_t),
            "docx_ms": ms(docx_t), "pdf_ms": ms(pdf_t), "pdf_cpu_ms": ms(pdf_cpu), "docx_kb": len(docx) // 1024,
            "pdf_kb": len(pdf) // 1024, "gaps": len(doc.gaps)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="alur-bench-documents-")
    try:
        setup_sqlite(folder)
        offices = [demo_office(), generated_office()]
        results = [measure(office, kind, args.repeat) for office in offices for kind in KINDS]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"Dokumen SAKIP 2026 (SQLite, median dari {args.repeat}; DOCX dan PDF: menulis dari isi yang sudah disusun)")
    print(f"{'OPD':<20} {'dokumen':<13} {'kueri':>5} {'isi ms':>7} {'DOCX ms':>8} {'PDF ms':>7} {'PDF CPU':>8} "
          f"{'DOCX kB':>8} {'PDF kB':>7} {'celah':>6}")
    for r in results:
        print(f"{r['office']:<20} {r['document']:<13} {r['queries']:>5} {r['content_ms']:>7} {r['docx_ms']:>8} "
              f"{r['pdf_ms']:>7} {r['pdf_cpu_ms']:>8} {r['docx_kb']:>8} {r['pdf_kb']:>7} {r['gaps']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
