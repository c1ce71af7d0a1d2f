"""Time and SQL query count of the pengukuran kinerja page.

    .venv/bin/python -m bench.kinerja_page [--sizes 10 50] [--repeat 5] [--json]

For each size N a separate office gets a Renstra 2022–2026 with N indicators (spread over 5
sasaran), an annual target per year, four quarterly targets, and a verified realisation for every
indicator × 5 years × 4 quarters (N × 20 rows). The page `/kinerja/<office>/pengukuran/2026/` is then
requested through Django's test client (URL routing, view, selector, core formulas, template) once to
warm up and `--repeat` times timed; the figure printed is the median. The query count must be the
same for every N: the page reads the year's data in a fixed number of statements.

The database is a fresh SQLite file in a temporary folder, thrown away at the end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from decimal import Decimal

from bench.common import setup_sqlite, time_page

YEARS = range(2022, 2027)


def _office_with(n: int):
    from alur.kinerja.models import (
        Indicator,
        IndicatorTarget,
        QuarterTarget,
        Realisasi,
        Renstra,
        Sasaran,
        Tujuan,
    )
    from alur.kinerja.setup import ensure_setup
    from alur.org.models import Office, Unit

    office = Office.objects.create(name=f"Dinas Bench {n}", code=f"bench-{n}", short_code="BENCH",
                                   government="Pemerintah Kabupaten Bench")
    unit = Unit.objects.create(office=office, name="Bidang Bench")
    ensure_setup(office)
    renstra = Renstra.objects.create(office=office, title="Renstra bench", start_year=2021, end_year=2026,
                                     status=Renstra.Status.DITETAPKAN)
    tujuan = Tujuan.objects.create(renstra=renstra, code="T1", name="Tujuan bench")
    sasaran = [Sasaran.objects.create(tujuan=tujuan, code=f"S{i}", name=f"Sasaran {i}") for i in range(5)]
    aggregations = ["kumulatif", "nilai_akhir", "rata_rata"]
    polarities = ["naik", "naik", "turun"]
    indicators = Indicator.objects.bulk_create([
        Indicator(renstra=renstra, sasaran=sasaran[i % 5], code=f"B-{i:03d}", name=f"Indikator bench {i}",
                  satuan="%", unit=unit, aggregation=aggregations[i % 3], polarity=polarities[i % 3], order=i)
        for i in range(n)])
    targets, quarters, realisations = [], [], []
    for index, indicator in enumerate(indicators):
        for year in YEARS:
            target = Decimal(100 + index)
            targets.append(IndicatorTarget(indicator=indicator, year=year, value=target))
            for q in range(1, 5):
                quarters.append(QuarterTarget(indicator=indicator, year=year, triwulan=q, value=target / 4))
                realisations.append(Realisasi(indicator=indicator, year=year, triwulan=q,
                                              value=target / 4 + q, state=Realisasi.State.DIVERIFIKASI))
    IndicatorTarget.objects.bulk_create(targets)
    QuarterTarget.objects.bulk_create(quarters)
    Realisasi.objects.bulk_create(realisations)
    return office


def measure(n: int, repeat: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    office = _office_with(n)
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True})
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return {"indicators": n, "realisations": n * 20,
            **time_page(client, f"/kinerja/{office.code}/pengukuran/2026/", repeat)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="alur-bench-kinerja-")
    try:
        setup_sqlite(folder)
        results = [measure(n, args.repeat) for n in args.sizes]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(results))
    else:
        print("Halaman pengukuran kinerja 2026 (SQLite, median dari", args.repeat, "permintaan)")
        print(f"{'indikator':>10} {'realisasi':>10} {'kueri SQL':>10} {'median ms':>10} {'min ms':>8}")
        for r in results:
            print(f"{r['indicators']:>10} {r['realisations']:>10} {r['queries']:>10} {r['median_ms']:>10} "
                  f"{r['min_ms']:>8}")
    counts = {r["queries"] for r in results}
    if len(counts) > 1:
        print("PERINGATAN: jumlah kueri bertambah dengan jumlah indikator.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
