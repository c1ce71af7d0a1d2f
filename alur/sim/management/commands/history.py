"""`alur history`: two years of finished runs of the demo office's SOPs, for the dashboards."""

import time

from django.core.management.base import BaseCommand, CommandError

from alur.dashboard.timings import refresh
from alur.org.demo import OFFICE_CODE
from alur.org.models import Office
from alur.sim.history import HistoryExists, Options, generate_history


class Command(BaseCommand):
    help = ("Buat riwayat alur yang sudah selesai (bawaan: dua tahun, enam SOP OPD demo) melalui layanan yang sama "
            "dengan web, pada kalender kerja kantor, dengan benih acak. Tidak menggandakan riwayat yang sudah ada.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Benih acak; benih yang sama, riwayat yang sama.")
        parser.add_argument("--years", type=float, default=2, help="Rentang riwayat dalam tahun (bawaan 2).")
        parser.add_argument("--runs-per-year", type=int, default=12, help="Alur per SOP per tahun (bawaan 12).")
        parser.add_argument("--office", default="", help="Kode OPD (bawaan: OPD demo, satu-satunya OPD).")
        parser.add_argument("--if-missing", action="store_true",
                            help="Jika riwayat sudah ada, selesai tanpa galat (untuk scripts/run).")

    def handle(self, *args, seed, years, runs_per_year, office, if_missing, **options):
        if years <= 0 or years > 10 or runs_per_year < 1 or runs_per_year > 365:
            raise CommandError("--years harus di antara 0 dan 10, --runs-per-year di antara 1 dan 365.")
        target = self._office(office)
        began = time.perf_counter()
        try:
            figures = generate_history(target, Options(seed=seed, years=years, runs_per_year=runs_per_year),
                                       progress=lambda text: self.stderr.write(text))
        except HistoryExists:
            if if_missing:
                self.stdout.write(f"Riwayat {target.code} sudah ada; tidak ada yang dibuat.")
                return
            raise CommandError(
                f"OPD {target.code} sudah punya riwayat alur; perintah ini tidak menggandakannya.") from None
        refresh(target)
        self.stdout.write(f"{figures.runs} alur selesai, {figures.tasks} tugas, {figures.send_backs} kali dikembalikan "
                          f"(Tidak) untuk {target.code} dalam {time.perf_counter() - began:.1f} detik.")

    def _office(self, code):
        offices = Office.objects.all()
        if code:
            found = offices.filter(code=code).first()
            if found is None:
                raise CommandError(f"OPD dengan kode '{code}' tidak ada.")
            return found
        found = offices.filter(code=OFFICE_CODE).first()
        if found is None:
            raise CommandError("OPD demo belum ada; jalankan 'alur demo' dulu atau sebutkan --office.")
        return found
