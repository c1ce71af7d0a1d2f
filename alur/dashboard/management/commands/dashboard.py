"""`alur dashboard refresh`: bring the dashboards' timing tables up to date for every office."""

import time

from django.core.management.base import BaseCommand, CommandError

from alur.dashboard.models import TaskTiming
from alur.dashboard.timings import rebuild, refresh
from alur.org.models import Office


class Command(BaseCommand):
    help = ("Perbarui tabel waktu kerja dasbor (tugas dan alur yang sudah selesai) untuk semua OPD; "
            "jalankan dari cron, atau dengan --rebuild setelah kalender kerja diubah.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("refresh", help="Tambahkan baris untuk yang selesai sejak pembaruan terakhir.")
        run.add_argument("--office", default="", help="Kode satu OPD (bawaan: semua).")
        run.add_argument("--rebuild", action="store_true", help="Hitung ulang semua baris (kalender berubah).")

    def handle(self, *args, action, office, **options):
        full = options["rebuild"]
        offices = Office.objects.order_by("code")
        if office:
            offices = offices.filter(code=office)
            if not offices.exists():
                raise CommandError(f"OPD dengan kode '{office}' tidak ada.")
        began, before = time.perf_counter(), TaskTiming.objects.count()
        for target in offices:
            (rebuild if full else refresh)(target)
        self.stdout.write(f"{offices.count()} OPD diperbarui; {TaskTiming.objects.count() - before:+d} baris tugas "
                          f"dalam {time.perf_counter() - began:.1f} detik.")

