"""`alur generate`: offices and years of runs in bulk, for load and scale measurements."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alur.org.demo import DemoDataRefused
from alur.sim.generate import Options, generate


class Command(BaseCommand):
    help = ("Buat OPD contoh beserta riwayat bertahun-tahun (surat masuk, alur selesai dan berjalan, tugas, jejak "
            "audit berantai hash) secara massal dan deterministik. Untuk pengukuran; jangan di database produksi.")

    def add_arguments(self, parser):
        parser.add_argument("--offices", type=int, default=40, help="Jumlah OPD (bawaan 40).")
        parser.add_argument("--years", type=int, default=5, help="Rentang riwayat dalam tahun (bawaan 5).")
        parser.add_argument("--runs-per-office", type=int, default=100, help="Alur per OPD (bawaan 100).")
        parser.add_argument("--seed", type=int, default=1, help="Benih acak; benih yang sama, data yang sama.")
        parser.add_argument("--prefix", default="opd", help="Awalan kode OPD (bawaan 'opd': opd-01, opd-02, ...).")

    def handle(self, *args, offices, years, runs_per_office, seed, prefix, **options):
        if offices < 1 or years < 1 or runs_per_office < 0:
            raise CommandError("--offices dan --years minimal 1, --runs-per-office tidak boleh negatif.")
        settings.DEBUG = False  # Django would otherwise keep every INSERT in memory (connection.queries)
        began = time.perf_counter()
        try:
            figures = generate(Options(offices=offices, years=years, runs_per_office=runs_per_office, seed=seed,
                                       prefix=prefix), progress=lambda text: self.stderr.write(text))
        except (ValueError, DemoDataRefused) as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"{figures.offices} OPD, {figures.letters} surat masuk, {figures.runs} alur ({figures.open_runs} "
            f"berjalan), {figures.tasks} tugas, {figures.entries} entri jejak dalam {seconds:.1f} detik.")
