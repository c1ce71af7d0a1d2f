"""What the benchmarks share: a throw-away SQLite database, and timing one page (warm-up once, then
the median of `repeat` requests and the statements of the last one)."""

from __future__ import annotations

import os
import statistics
import time


def setup_sqlite(folder: str) -> None:
    """Django on a fresh SQLite database and media folder in `folder`, migrated, DEBUG off."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alur.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = os.path.join(folder, "media")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.DEBUG = False


def time_page(client, url: str, repeat: int) -> dict:
    """{"queries", "median_ms", "min_ms"} of GET `url`; anything but 200 on the warm-up stops the bench."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - start)
    return {"queries": len(queries), "median_ms": round(statistics.median(timings) * 1000, 1),
            "min_ms": round(min(timings) * 1000, 1)}
